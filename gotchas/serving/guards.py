"""Every app (the site and each example) answers a bad request with a short 4xx.

Dash trusts its renderer: a hand-made callback request ends in a 500 deep
inside Dash, or reaches the callback with values no page could send. Here a
callback request must be small, parse as JSON, match the callback's own
declaration (callback_requests) and carry values its components could
produce (values); an answer is capped too. Messages are generic: never an
echo of the request, a path or a traceback.
"""

import json

from dash.exceptions import DependencyException, InvalidResourceError
from flask import Response, g, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from .callback_requests import Refused, check
from .values import ECHOED, ComponentIndex, from_layout, from_source

# The largest request a lesson sends is under 1 kB (benchmarks/request_sizes.py
# measured 590 B); hundreds of times that still parses in a blink.
MAX_REQUEST_BYTES = 256 * 1024
MAX_RESPONSE_BYTES = 2 * 1024 * 1024


def plain(status, message):
    return Response(message + "\n", status, mimetype="text/plain")


def component_index(dash_app, sources=()):
    index = ComponentIndex()
    # A layout function is never called here: it may register callbacks (a lesson
    # is about exactly that) or need a request. Its source names its components.
    if not callable(dash_app.layout):
        from_layout(dash_app.layout, index)
    for source in sources:
        from_source(source, index)
    return index


def _parsed_body():
    try:
        return json.loads(request.get_data(cache=True))
    except (ValueError, RecursionError):
        return None


def _refusal(dash_app, index):
    body = _parsed_body()
    if body is None:
        return "A callback request is a JSON object."
    try:
        deps = check(body, dash_app)
    except Refused as reason:
        return str(reason)
    verdicts = [index.judge(dep) for dep in deps if "value" in dep]
    if False in verdicts:
        return "A value does not fit the component that would send it."
    g.echoed = ECHOED in verdicts
    return None


def reraise(error):
    raise error


def guard(dash_app, sources=(), on_error=reraise):
    """Check callback requests of `dash_app`; `sources` name components its callbacks create.

    `on_error` answers an exception of the app's own code (by default Flask's
    plain 500). One raised while the request carried values only the server
    could have written (see values.ECHOED) is answered 400: the page never
    sends that, and the example was not written for it.
    """
    server = dash_app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    update_path = dash_app.config.routes_pathname_prefix + "_dash-update-component"
    index = component_index(dash_app, sources)

    @server.before_request
    def check_callback_request():
        if request.path != update_path or request.method != "POST":
            return None
        refusal = _refusal(dash_app, index)
        return plain(400, refusal) if refusal else None

    @server.after_request
    def cap_answer(response):
        if request.path == update_path and (response.content_length or 0) > MAX_RESPONSE_BYTES:
            return plain(422, "The answer to this request would be too large.")
        return response

    @server.errorhandler(Exception)
    def app_error(error):
        if request.path == update_path and g.get("echoed"):
            return plain(400, "These values could not have come from this page.")
        return on_error(error)

    @server.errorhandler(RequestEntityTooLarge)
    def too_large(_error):
        return plain(413, f"A request may be at most {MAX_REQUEST_BYTES // 1024} kB.")

    @server.errorhandler(DependencyException)
    @server.errorhandler(InvalidResourceError)
    def unknown_bundle(_error):
        return plain(404, "No such component bundle.")

    @server.errorhandler(HTTPException)
    def http_error(error):
        if error.code in (None, 500):
            return error  # a lesson's own error looks as plain Dash shows it
        # Werkzeug's pages are HTML with the reason inside; a short text line is enough.
        return plain(error.code, error.name)
