"""Syntax highlighting with pygments, as Dash components.

A block is one component: the code's plain text, and its tokens as pygments'
short class names with their lengths in a data attribute. The browser wraps
the spans (assets/08-highlight.js), styled by the stylesheet HtmlFormatter
makes (assets/20-pygments.css). One component per token made a lesson page
7,000 components that Dash had to send, parse and render. Text is never
altered, so a highlighted file reads back byte for byte.
"""

from dash import html
from pygments import lex
from pygments.formatters import HtmlFormatter
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.token import STANDARD_TYPES
from pygments.util import ClassNotFound

STYLE = "default"
CSS_SCOPE = ".highlight"


def stylesheet():
    return HtmlFormatter(style=STYLE).get_style_defs(CSS_SCOPE) + "\n"


def _lexer(language):
    options = {"stripnl": False, "ensurenl": False, "tabsize": 0}
    try:
        return get_lexer_by_name(language or "text", **options)
    except ClassNotFound:
        return TextLexer(**options)


def _css_class(token):
    while token not in STANDARD_TYPES:
        token = token.parent
    return STANDARD_TYPES[token]


def token_runs(source, language):
    """(class, text) runs, neighbours with the same class merged."""
    runs = []
    for token, text in lex(source, _lexer(language)):
        css = _css_class(token)
        if runs and runs[-1][0] == css:
            runs[-1][1] += text
        else:
            runs.append([css, text])
    return runs


def _utf16_length(text):
    # The browser counts a string in UTF-16 units: an emoji is two.
    return len(text.encode("utf-16-le")) // 2


def highlighted_code(runs):
    """<code> with the runs' text, and 'class:length ...' for the browser to paint."""
    tokens = " ".join(f"{css}:{_utf16_length(text)}" for css, text in runs)
    return html.Code("".join(text for _, text in runs), **{"data-tokens": tokens})


def code_block(source, language="python", **pre_props):
    return html.Pre(
        highlighted_code(token_runs(source, language)), className="highlight", **pre_props
    )
