"""A lesson's markdown body as Dash components.

Prose goes to dcc.Markdown; fenced code blocks are cut out and highlighted
with pygments, so every code sample on the site looks the same.
"""

import re

from dash import dcc

from .highlight import code_block

FENCE = re.compile(r"^```[ \t]*([\w+-]*)[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def render_markdown(text):
    parts, position = [], 0
    for match in FENCE.finditer(text):
        prose = text[position : match.start()]
        if prose.strip():
            parts.append(dcc.Markdown(prose, className="lesson-prose"))
        parts.append(code_block(match.group(2), match.group(1) or "text"))
        position = match.end()
    rest = text[position:]
    if rest.strip():
        parts.append(dcc.Markdown(rest, className="lesson-prose"))
    return parts
