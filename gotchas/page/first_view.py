"""A lesson's first view as plain HTML, sent in the index page itself.

Dash renders a page only after its bundles, the layout and the page callback
have arrived: until then the learner saw "Loading...". The index for a lesson
path carries the navbar, the lesson's title, summary and steps as HTML, so they
are painted at once (and link previews and search engines read the real text).
Once Dash has rendered the page, assets/07-first-view.js removes this copy.

The HTML is made from the same components as the page, by a small renderer
that knows the html components, dcc.Markdown and the few Bootstrap components
the shell uses; anything else is left out, never guessed.
"""

from html import escape

from dash import dcc
from markdown_it import MarkdownIt

from .lesson import early_frames, lesson_preview
from .shell import shell

MARKDOWN = MarkdownIt("commonmark")
ATTRIBUTES = {"href", "title", "role", "type", "rel", "target", "download", "lang"}
VOID = {"br", "hr", "img"}
# Controls work once Dash has rendered the page (a script or a callback drives
# them): a copy that does nothing when pressed is left out. Links work as they are.
CONTROLS = {"button", "select", "input", "textarea", "label", "option"}


def _attributes(props, classes=()):
    names = [*classes, props.get("className") or ""]
    out = {"class": " ".join(n for n in names if n)}
    for key, value in props.items():
        if value is None or value is False:
            continue
        if key in ATTRIBUTES or key.startswith(("aria-", "data-")):
            out[key] = "" if value is True else str(value)
    return "".join(f' {k}="{escape(v)}"' for k, v in out.items() if v or k != "class")


def _element(tag, props, children, classes=()):
    opening = f"<{tag}{_attributes(props, classes)}>"
    return opening if tag in VOID else f"{opening}{children}</{tag}>"


def _bootstrap(component, props, inner, path):
    """The markup dash-bootstrap-components renders for the shell's components."""
    name = type(component).__name__
    if name == "Navbar":
        dark = "navbar-dark" if props.get("dark") else "navbar-light"
        classes = ["navbar", f"navbar-expand-{props.get('expand', 'md')}", dark]
        return _element("nav", props, inner, [*classes, f"bg-{props.get('color', 'light')}"])
    if name == "Container":
        return _element(
            "div", props, inner, ["container-fluid" if props.get("fluid") else "container"]
        )
    if name == "NavbarBrand":
        return _element("a", props, inner, ["navbar-brand"])
    if name == "Collapse":
        return _element("div", props, inner, ["navbar-collapse", "collapse"])
    if name == "Nav":
        classes = ["flex-column" if props.get("vertical") else "", "nav"]
        return _element("div", props, inner, [*classes, "nav-pills" if props.get("pills") else ""])
    if name == "NavLink":
        active = "active" if props.get("href") == path else ""
        return _element("a", props, inner, ["nav-link", active])
    if name == "Badge":
        text = f"text-{props['text_color']}" if props.get("text_color") else ""
        return _element(
            "span", props, inner, ["badge", f"bg-{props.get('color', 'primary')}", text]
        )
    return None


def to_html(component, path=""):
    """HTML for a component tree; ids are left out (the real page uses them)."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return escape(str(component))
    if isinstance(component, list | tuple):
        return "".join(to_html(child, path) for child in component)
    props = component.to_plotly_json()["props"]  # aria-* and data-* included
    if isinstance(component, dcc.Markdown):
        return _element("div", props, MARKDOWN.render(props.get("children") or ""))
    inner = to_html(props.get("children"), path)
    if component.__class__.__module__.startswith("dash.html"):
        tag = type(component).__name__.lower()
        return "" if tag in CONTROLS else _element(tag, props, inner)
    made = _bootstrap(component, props, inner, path)
    return made if made is not None else ""


def first_views(lessons, mounted):
    """{lesson path: (page title, HTML)} for every lesson, made once at startup.

    The view names the lesson's pair: assets/40-example-frames.js starts its
    frames while Dash is still building the page, and the page takes them."""
    views = {}
    for lesson in lessons:
        page = shell(lessons, page=lesson_preview(lesson))
        body = to_html(page, lesson.url)
        pair = escape(early_frames(lesson, mounted))
        views[lesson.url] = (
            f"{lesson.title} · Callback Gotchas",
            f'<div class="first-view" data-prefetch="{pair}">{body}</div>',
        )
    return views
