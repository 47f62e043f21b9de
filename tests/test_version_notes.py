"""Every "what changed, and when" note: its API is in the pinned Dash, and it first
shipped in the version the note gives (checked against Dash's releases on PyPI)."""

import importlib
import inspect
import re
from pathlib import Path

import dash
import pytest
from releases import previous, ships

from gotchas.content.lessons import load_lessons

NOTES = [
    pytest.param(change, id=f"{lesson.slug}:{change.version}:{change.api}")
    for lesson in load_lessons()
    for change in lesson.changes
]
CALL = re.compile(r"^(?P<path>dash(?:\.\w+)+)\((?P<keyword>\w+)\)$")
RENDERER = "renderer: "


def _resolve(path):
    """dash.a.b.c as an object: modules are imported, attributes looked up without
    running them (ctx.triggered_id is a property that only works inside a callback)."""
    parts = path.split(".")
    obj = importlib.import_module(parts[0])
    for i, part in enumerate(parts[1:], start=1):
        try:
            obj = inspect.getattr_static(obj, part)
        except AttributeError:
            obj = importlib.import_module(".".join(parts[: i + 1]))
    return obj


def _accepts(function, keyword):
    try:
        if keyword in inspect.signature(function).parameters:
            return True
    except (TypeError, ValueError):
        pass
    # Taken through **kwargs: the keyword is read by name in the callable's module.
    source = inspect.getsource(inspect.getmodule(function))
    return re.search(rf"[\"']{keyword}[\"']|\b{keyword}\s*=", source) is not None


def _marker(change):
    """What to look for in a release: (regex, 'py' or 'js')."""
    api = change.api
    kind = "js" if api.startswith(RENDERER) else "py"
    if change.marker:
        return re.escape(change.marker), kind
    if kind == "js":
        return re.escape(api[len(RENDERER) :]), kind
    call = CALL.match(api)
    name = call.group("keyword") if call else api.rsplit(".", 1)[1]
    return rf"\b{name}\b", kind


def _renderer_bundles():
    build = Path(dash.__file__).parent / "dash-renderer" / "build"
    return "".join(p.read_text(encoding="utf-8") for p in build.glob("dash_renderer*.js"))


@pytest.mark.parametrize("change", NOTES)
def test_the_api_exists_in_the_pinned_dash(change):
    api = change.api
    if api.startswith(RENDERER):
        assert api[len(RENDERER) :] in _renderer_bundles(), api
        return
    call = CALL.match(api)
    if call:
        assert _accepts(_resolve(call.group("path")), call.group("keyword")), api
    else:
        _resolve(api)


@pytest.mark.parametrize("change", NOTES)
def test_the_note_gives_the_release_that_first_shipped_it(change):
    marker, kind = _marker(change)
    before = previous(change.version)
    assert ships(change.version, marker, kind), f"dash {change.version} lacks {marker}"
    assert not ships(before, marker, kind), f"dash {before} already has {marker}"
