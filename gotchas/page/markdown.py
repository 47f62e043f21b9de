"""A lesson's markdown as Dash components.

Prose goes to dcc.Markdown; fenced code blocks are cut out and highlighted
with pygments, so every code sample on the site looks the same. A block
filled from an example file says which file, a sketch says it is one.
"""

from dash import dcc, html

from ..content.snippets import FENCE, parse_info
from .highlight import code_block


def _origin(marks):
    if "include" in marks:
        file, names = marks["include"]
        return html.Div(
            ["From ", html.A(file, href=f"#example-{file[:-3]}"), ": ", ", ".join(names)],
            className="snippet-origin",
            **{"data-file": file},
        )
    if marks.get("sketch"):
        return html.Div("Sketch: not a file of this lesson", className="snippet-origin")
    return None


def _code(info, code):
    language, marks = parse_info(info)
    block = code_block(code, language, **({"data-include": info} if "include" in marks else {}))
    origin = _origin(marks)
    return html.Figure([origin, block], className="snippet") if origin else block


def render_markdown(text):
    parts, position = [], 0
    for match in FENCE.finditer(text):
        prose = text[position : match.start()]
        if prose.strip():
            parts.append(dcc.Markdown(prose, className="lesson-prose"))
        parts.append(_code(match.group(1), match.group(2)))
        position = match.end()
    rest = text[position:]
    if rest.strip():
        parts.append(dcc.Markdown(rest, className="lesson-prose"))
    return parts
