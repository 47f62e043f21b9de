"""A lesson's markdown as Dash components.

Prose goes to dcc.Markdown; headings become real headings with ids and a
link anchor, so every section can be linked to and listed in a table of
contents; fenced code blocks are highlighted with pygments, so every code
sample on the site looks the same. A block filled from an example file says
which file, a sketch says it is one.
"""

import re

from dash import dcc, html

from ..content.headings import HEADING, anchor_id
from ..content.snippets import FENCE, parse_info
from .highlight import code_block


def inline(text):
    """Heading text with `code` spans, the only markup headings use."""
    parts = re.split(r"`([^`]+)`", text)
    return [html.Code(part) if i % 2 else part for i, part in enumerate(parts) if part]


def heading(level, text, anchor, **props):
    tag = html.H2 if level == 2 else html.H3
    return tag(
        [
            *inline(text),
            html.A(
                "#",
                href=f"#{anchor}",
                className="heading-anchor",
                **{"aria-label": f"Link to this section: {text.replace('`', '')}"},
            ),
        ],
        id=anchor,
        **props,
    )


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
    # Focusable: a long line scrolls sideways on a phone, and the keyboard must reach it.
    extra = {"data-include": info} if "include" in marks else {}
    block = code_block(code, language, tabIndex=0, **extra)
    origin = _origin(marks)
    return html.Figure([origin, block], className="snippet") if origin else block


def _prose(text, parts, toc, taken):
    position = 0
    for match in HEADING.finditer(text):
        before = text[position : match.start()]
        if before.strip():
            parts.append(dcc.Markdown(before, className="lesson-prose"))
        level, title = len(match.group(1)), match.group(2)
        anchor = anchor_id(title.replace("`", ""), taken)
        parts.append(heading(level, title, anchor))
        if level == 2:
            toc.append((anchor, title.replace("`", "")))
        position = match.end()
    rest = text[position:]
    if rest.strip():
        parts.append(dcc.Markdown(rest, className="lesson-prose"))


def render_markdown(text, toc=None, taken=None):
    """Components for the text; its level-2 headings are added to toc as (id, title)."""
    toc = [] if toc is None else toc
    taken = set() if taken is None else taken
    parts, position = [], 0
    for match in FENCE.finditer(text):
        _prose(text[position : match.start()], parts, toc, taken)
        parts.append(_code(match.group(1), match.group(2)))
        position = match.end()
    _prose(text[position:], parts, toc, taken)
    return parts
