"""Syntax highlighting with pygments, as Dash components.

Tokens become <span>s with pygments' short class names, styled by the
stylesheet HtmlFormatter makes (assets/20-pygments.css). Text is never
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


def code_block(source, language="python", **pre_props):
    spans = [
        html.Span(text, className=css) if css else text
        for css, text in token_runs(source, language)
    ]
    return html.Pre(html.Code(spans), className="highlight", **pre_props)
