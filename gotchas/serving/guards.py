"""Turn malformed requests to Dash's endpoints into clear 4xx answers.

Dash trusts its renderer: a hand-made or truncated callback request, or a
bundle URL for a package nobody registered, ends in a 500. Each app (the
site and every example) checks them at the door instead.
"""

from dash.exceptions import DependencyException, InvalidResourceError
from flask import Response, request


def _plain(status, message):
    return Response(message + "\n", status, mimetype="text/plain")


def _is_dependency(item):
    if isinstance(item, list):
        return all(_is_dependency(part) for part in item)
    return isinstance(item, dict) and "id" in item and "property" in item


def callback_request_problem(body, callback_map):
    if not isinstance(body, dict):
        return 400, "A callback request is a JSON object."
    output = body.get("output")
    if not isinstance(output, str):
        return 400, "A callback request names its 'output' as a string."
    for field in ("inputs", "state"):
        value = body.get(field, [])
        if not isinstance(value, list) or not all(_is_dependency(item) for item in value):
            return 400, f"'{field}' must be a list of {{id, property}} objects."
    no_output = callback_map.get(output, {}).get("no_output") and "outputs" not in body
    if not no_output and not _is_dependency(body.get("outputs")):
        return 400, "'outputs' must be an {id, property} object or a list of them."
    if output not in callback_map:
        return 404, f"No callback of this app writes '{output[:200]}'."
    return None


def guard(dash_app):
    server = dash_app.server
    update_path = dash_app.config.routes_pathname_prefix + "_dash-update-component"

    @server.before_request
    def check_callback_request():
        if request.path == update_path and request.method == "POST":
            problem = callback_request_problem(request.get_json(silent=True), dash_app.callback_map)
            if problem:
                return _plain(*problem)
        return None

    @server.errorhandler(DependencyException)
    @server.errorhandler(InvalidResourceError)
    def unknown_bundle(error):
        return _plain(404, "No such component bundle.")
