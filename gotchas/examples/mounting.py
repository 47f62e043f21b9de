"""Serve every lesson example as its own Dash app under /examples/<lesson>/<name>/.

Each example keeps its own Flask server, callbacks and settings; the site
only changes how it is delivered:
- its URL prefix, so it can live under the site;
- its dev tools: what its `app.run(...)` asks for, minus hot reload (nobody
  edits files on the server) and the version check (it calls a remote host);
- its JavaScript bundles, fetched from the site's one shared copy;
- renderer hooks that report each callback run to the lesson page, and its
  document height, so the frame fits the app;
- a stylesheet of the site's (assets/example/frame.css): the site's type and
  spacing, and Dash's dev-tools bar and error list in the page flow under
  the app instead of over it; behaviour is untouched;
- the site's theme script in <head> (serving/theme.py): light or dark, and
  present mode, like the page around the frame, from the first paint;
- with debug on, a callback error shows the frames of the example file only,
  with repository-relative paths, never the server's directories;
- background callbacks: the site's diskcache directory, keys per instance,
  and bounded job processes (background.py).
"""

import json
import logging
import re
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from dash._utils import hooks_to_js_object
from flask import Response, redirect
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from ..content.lessons import REPO_ROOT
from ..serving.guards import guard, reraise
from ..serving.headers import add_security_headers, allow_inline_scripts_of
from ..serving.theme import theme_script
from .background import background_jobs
from .declared import declared_functions, registrations
from .instances import Instances, PrivateExample
from .isolation import (
    ExampleError,
    dash_globals_restored,
    discard_leaks_after_requests,
    import_app,
    own_app_for_each_request,
)
from .run_settings import run_settings

SHARED_SUITES = "/_dash-component-suites/"
SUITES_ENDPOINT = "/_dash-component-suites/<string:package_name>/<path:fingerprinted_path>"
PROBE_URL = "/assets/example/probe.js"
FRAME_CSS_URL = "/assets/example/frame.css"
DEFAULT_RENDERER = "var renderer = new DashRenderer();"
PROBE_HOOKS = {
    name: f"function () {{ return window.callbackGotchasProbe.{method}.apply(null, arguments); }}"
    for name, method in [("request_pre", "requestPre"), ("callback_resolved", "callbackResolved")]
}
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CallbackInfo:
    output: str  # Dash's key for the callback's outputs
    name: str  # the function its source declares
    runs: str | None  # the function the server keeps for that output, where it is another one
    label: str  # name, told apart from any other callback with the same name
    outputs: tuple  # as a person writes them: message.children
    inputs: tuple
    state: tuple
    clientside: bool
    prevent_initial_call: bool
    shared: int  # how many callbacks write this very output (more than 1 is the bug)
    no_output: bool

    @property
    def key(self):
        """How the sandbox tells callbacks apart: two may share an output, not inputs too."""
        return f"{self.output}|{','.join(self.inputs)}"


@dataclass(frozen=True)
class MountedExample:
    example: object
    app: object
    debug: bool
    callbacks: tuple


def _dependency_ids(deps):
    # The renderer's spelling: pattern-matching ids as compact JSON with sorted keys.
    def spell(dep_id):
        if isinstance(dep_id, dict):
            return json.dumps(dep_id, sort_keys=True, separators=(",", ":"))
        return dep_id

    return tuple(f"{spell(dep['id'])}.{dep['property']}" for dep in deps)


def written_outputs(output):
    """'..a.children...b.value..' or 'a.children@<hash>' as a person writes them."""
    bare = re.sub(r"@[0-9a-f]+", "", output)
    return tuple(bare[2:-2].split("...")) if bare.startswith("..") else (bare,)


def _clientside_name(function):
    if function["namespace"] == "_dashprivate_clientside_funcs":
        return "inline JavaScript"
    return f"{function['namespace']}.{function['function_name']}"


def callback_infos(app, declared):
    specs = app._callback_list
    outputs = [spec["output"] for spec in specs]
    infos = []
    for spec, name in zip(specs, declared, strict=True):
        clientside = spec.get("clientside_function")
        served = app.callback_map.get(spec["output"], {}).get("callback")
        runs = getattr(served, "__name__", None)
        name = _clientside_name(clientside) if clientside else name or runs
        written = () if spec.get("no_output") else written_outputs(spec["output"])
        infos.append(
            dict(
                output=spec["output"],
                name=name,
                runs=runs if runs and runs != name else None,
                outputs=written,
                inputs=_dependency_ids(spec["inputs"]),
                state=_dependency_ids(spec["state"]),
                clientside=bool(clientside),
                prevent_initial_call=bool(spec.get("prevent_initial_call")),
                shared=outputs.count(spec["output"]) if outputs.count(spec["output"]) > 1 else 0,
                no_output=bool(spec.get("no_output")),
            )
        )
    names = [info["name"] for info in infos]
    for i, info in enumerate(infos):
        twins = [j for j, other in enumerate(names) if other == info["name"]]
        numbered = f"{info['name']} ({twins.index(i) + 1})"
        info["label"] = info["name"] if len(twins) == 1 else numbered
    return tuple(CallbackInfo(**info) for info in infos)


def _wrap_index(app, change):
    """Let `change` edit the index parts (scripts, css, ...) before Dash renders them."""
    original = app.interpolate_index

    def interpolate_index(**parts):
        return original(**change(parts))

    app.interpolate_index = interpolate_index


def share_bundles(app):
    """Point the example's bundle URLs at the site's copy, so every frame shares one cache."""
    own = app.config.requests_pathname_prefix + "_dash-component-suites/"

    def shared(parts):
        parts["scripts"] = parts["scripts"].replace(own, SHARED_SUITES)
        parts["css"] = parts["css"].replace(own, SHARED_SUITES)
        return parts

    _wrap_index(app, shared)

    def shared_suite(package_name, fingerprinted_path):
        # What the renderer asks for later (plotly.js for graphs) comes from the shared copy too.
        return redirect(f"{SHARED_SUITES}{package_name}/{fingerprinted_path}", code=308)

    app.server.view_functions[SUITES_ENDPOINT] = shared_suite


def _version(url):
    return (REPO_ROOT / url.lstrip("/")).stat().st_mtime_ns


def _inject_probe(app, example):
    script = f'<script src="{PROBE_URL}?m={_version(PROBE_URL)}" data-example="{example.key}">'
    css = f'<link rel="stylesheet" href="{FRAME_CSS_URL}?m={_version(FRAME_CSS_URL)}">'
    theme = theme_script()

    def with_probe(parts):
        parts["scripts"] += "\n" + script + "</script>"
        parts["css"] = theme + "\n" + parts["css"] + "\n" + css
        return parts

    _wrap_index(app, with_probe)
    app.renderer = f"var renderer = new DashRenderer({hooks_to_js_object(PROBE_HOOKS)});"


def _public_traceback(error, example):
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if Path(frame.filename) == example.path
    ]
    relative = example.path.relative_to(REPO_ROOT).as_posix()
    lines = ["Traceback (most recent call last):"]
    for frame in frames:
        lines.append(f'  File "{relative}", line {frame.lineno}, in {frame.name}')
        if frame.line:
            lines.append(f"    {frame.line}")
    message = str(error).replace(str(REPO_ROOT) + "/", "")
    lines.append(f"{type(error).__name__}: {message}")
    return "\n".join(lines)


def _safe_errors(example):
    def callback_error(error):
        log.error("Error in example %s", example.key, exc_info=error)
        return Response(_public_traceback(error, example), 500, mimetype="text/plain")

    return callback_error


def _configure(app, example, url):
    if app.renderer != DEFAULT_RENDERER:
        raise ExampleError(f"{example.path}: examples may not set renderer hooks")
    settings = run_settings(example.path, example.source)
    debug = bool(settings.get("debug", False))
    app.init_app(requests_pathname_prefix=url)
    app.enable_dev_tools(
        debug=debug,
        dev_tools_ui=settings.get("dev_tools_ui", debug),
        dev_tools_validate_callbacks=settings.get("dev_tools_validate_callbacks", debug),
        dev_tools_props_check=settings.get("dev_tools_props_check", debug),
        dev_tools_serve_dev_bundles=debug,
        dev_tools_hot_reload=False,
        dev_tools_silence_routes_logging=False,
        dev_tools_disable_version_check=True,
        dev_tools_prune_errors=False,
    )
    # Components its callbacks create later are read from the file.
    on_error = _safe_errors(example) if debug else reraise
    guard(app, sources=[example.source], on_error=on_error)
    add_security_headers(app.server)
    discard_leaks_after_requests(app.server, example.path)
    own_app_for_each_request(app)
    _inject_probe(app, example)
    share_bundles(app)
    return debug


def warm_up(server, path="/"):
    """One request before any visitor's, so every first-request setup is done (plotly/dash#3971)."""
    response = server.test_client().get(path)
    if response.status_code != 200:
        raise RuntimeError(f"warm-up of {path} answered {response.status_code}")


def _set_up(example, key, url, keep=True):
    with (
        dash_globals_restored(example.path),
        registrations() as recorded,
        background_jobs(example.path, key),
    ):
        app = import_app(example.path, key, keep)
        debug = _configure(app, example, url)
        warm_up(app.server)
        allow_inline_scripts_of(app)
    return app, debug, recorded


def load_example(example):
    app, debug, recorded = _set_up(example, example.key, example.url)
    declared = declared_functions(app._callback_list, recorded)
    return MountedExample(example, app, debug, callback_infos(app, declared))


def private_instance(example, token):
    """A fresh copy of a private example for one visitor (instances.py)."""
    url = f"{example.url}private/{token}/"
    return _set_up(example, f"{example.key}/{token}", url, keep=False)[0]


def load_examples(lessons):
    mounted = {}
    for lesson in lessons:
        for example in lesson.examples:
            mounted[example.key] = load_example(example)
    return MappingProxyType(mounted)


def _served(item, instances):
    if item.example.private:
        # The loaded app only describes the example; visitors get their own copies.
        return PrivateExample(item.example, instances)
    return item.app.server


def mount_examples(site, mounted):
    """Route each example's URL prefix to its own server, and share its bundles."""
    instances = Instances(private_instance)
    site.server.wsgi_app = DispatcherMiddleware(
        site.server.wsgi_app,
        {item.example.url.rstrip("/"): _served(item, instances) for item in mounted.values()},
    )
    for item in mounted.values():
        for namespace, paths in item.app.registered_paths.items():
            site.registered_paths[namespace].update(paths)
