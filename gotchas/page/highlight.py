"""Syntax highlighting with pygments, as Dash components.

A block is one component: the code's plain text, and its tokens as pygments'
short class names with their lengths in a data attribute. The browser wraps
the spans (assets/08-highlight.js), styled by the stylesheets HtmlFormatter
makes: assets/20-pygments.css (stylesheet()) and, in dark mode,
assets/21-pygments-dark.css (dark_stylesheet()). One component per token made
a lesson page 7,000 components that Dash had to send, parse and render. Text is never
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
# Every colour of github-dark keeps 4.5:1 on its own background and on the diff's tints.
DARK_STYLE = "github-dark"
DARK_SCOPE = "[data-bs-theme=dark] .highlight"
# What the light rules set and the dark style leaves alone goes back to plain text.
PLAIN = {
    "color": "inherit",
    "background-color": "transparent",
    "font-weight": "normal",
    "font-style": "normal",
    "text-decoration": "none",
    "border": "0",
}


def stylesheet():
    return HtmlFormatter(style=STYLE).get_style_defs(CSS_SCOPE) + "\n"


def _properties(style):
    return {part.split(":")[0].strip() for part in style.split(";") if part.strip()}


def dark_stylesheet():
    """The dark style's rules, only under [data-bs-theme=dark], which outrank the light ones."""
    light, dark = HtmlFormatter(style=STYLE), HtmlFormatter(style=DARK_STYLE)
    rules = [dark.get_background_style_defs(DARK_SCOPE), dark.get_token_style_defs(DARK_SCOPE)]
    for name, (style, _, _) in sorted(light.class2style.items()):
        unset = _properties(style) - _properties(dark.class2style.get(name, ("",))[0])
        if unset:
            plain = "; ".join(f"{prop}: {PLAIN[prop]}" for prop in sorted(unset))
            rules.append([f"{DARK_SCOPE} .{name} {{ {plain} }}"])
    return "\n".join(line for lines in rules for line in lines) + "\n"


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


def painted(runs):
    """(text, 'class:length ...'): the runs as assets/08-highlight.js paints them."""
    tokens = " ".join(f"{css}:{_utf16_length(text)}" for css, text in runs)
    return "".join(text for _, text in runs), tokens


def highlighted_code(runs):
    """<code> with the runs' text, and their classes and lengths for the browser to paint."""
    text, tokens = painted(runs)
    return html.Code(text, **{"data-tokens": tokens})


def code_block(source, language="python", **pre_props):
    return html.Pre(
        highlighted_code(token_runs(source, language)), className="highlight", **pre_props
    )
