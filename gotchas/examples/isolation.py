"""Import one example app file so that nothing it registers leaks into another app.

Several Dash apps in one process share module-level state (plotly/dash#2399):
the `dash.callback` lists, the "current app", the path config and the pages
registry. Examples are loaded one at a time at startup; each is set up before
the next is imported, so the global callbacks it declares are consumed by its
own app and no other. Whatever else it changed is put back, or refused. The
current app is also a context variable that some of Dash's routes set and
leave set, and its callback route only reads: each request names its own app.
"""

import importlib.util
import logging
import re
import sys
from contextlib import contextmanager

import dash
from dash import _callback, _get_app, _get_paths, _pages

log = logging.getLogger(__name__)


class ExampleError(RuntimeError):
    """An example file breaks a rule that keeps examples apart."""


GLOBAL_CALLBACK_STATE = {
    "dash.callback list": _callback.GLOBAL_CALLBACK_LIST,
    "dash.callback map": _callback.GLOBAL_CALLBACK_MAP,
    "clientside inline scripts": _callback.GLOBAL_INLINE_SCRIPTS,
    "callback API paths": _callback.GLOBAL_API_PATHS,
}


def _pending_globals():
    return [name for name, value in GLOBAL_CALLBACK_STATE.items() if value]


def _take(container):
    taken = container.copy()
    container.clear()
    return taken


@contextmanager
def dash_globals_restored(path):
    """Give the example clean globals, check it consumed them, then put the rest back.

    Whatever another module declared with `dash.callback` before this example
    is stashed and restored, so it still reaches its own app.
    """
    stashed = {name: _take(value) for name, value in GLOBAL_CALLBACK_STATE.items()}
    saved = (_get_app.APP, _get_paths.CONFIG, _pages.CONFIG)
    pages_before = set(_pages.PAGE_REGISTRY)
    try:
        yield
        if set(_pages.PAGE_REGISTRY) != pages_before:
            raise ExampleError(f"{path}: an example may not call dash.register_page")
        pending = _pending_globals()
        if pending:
            raise ExampleError(f"{path}: left global Dash state unclaimed: {pending}")
    finally:
        for key in set(_pages.PAGE_REGISTRY) - pages_before:
            del _pages.PAGE_REGISTRY[key]
        for name, value in GLOBAL_CALLBACK_STATE.items():
            value.clear()
            if isinstance(value, list):
                value.extend(stashed[name])
            else:
                value.update(stashed[name])
        _get_app.APP, _get_paths.CONFIG, _pages.CONFIG = saved


def import_app(path, key, keep=True):
    """Execute an example file as its own module and return its `app`.

    A private instance's module is not kept in sys.modules: it lives as long
    as its app.
    """
    module_name = "gotchas_example_" + re.sub(r"\W", "_", key)
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        if not keep:
            del sys.modules[module_name]
    apps = [value for value in vars(module).values() if isinstance(value, dash.Dash)]
    if len(apps) != 1 or getattr(module, "app", None) is not apps[0]:
        raise ExampleError(f"{path}: an example defines exactly one Dash app, named `app`")
    return apps[0]


def discard_leaks_after_requests(server, path):
    """A global `dash.callback` declared while serving reaches no app: drop it, say so.

    Left alone it would pile up in the process-wide lists for good, and the
    next app to render its index would pick up its inline scripts.
    """

    @server.teardown_request
    def discard_global_callbacks(_error):
        pending = _pending_globals()
        if pending:
            for value in GLOBAL_CALLBACK_STATE.values():
                value.clear()
            log.warning("%s declared global Dash callbacks at run time; dropped %s", path, pending)


def own_app_for_each_request(app):
    """`dash.get_app()` answers `app` while `app.server` handles a request.

    Dash's index and dependencies routes set the current app in the serving
    thread's (or greenlet's) context and leave it there; its callback route reads
    it. Left alone, a callback served after another example's page on the same
    connection got that example's app: background callbacks signed and checked
    their job handles with its secret, and Cancel killed nothing.
    """

    @app.server.before_request
    def name_the_app():
        _get_app.app_context.set(app)  # returns a token: a before_request must return None
