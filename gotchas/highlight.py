"""Syntax highlighting with pygments.

HtmlFormatter marks up the tokens; the block reaches the page as one raw-HTML
dcc.Markdown component, not as hundreds of Dash spans, which would make every
update of the page slower. Only pygments' escaped output goes in, and its text
reads back byte for byte.
"""

from html import escape

from dash import dcc
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import TextLexer, get_lexer_by_name
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


def code_block(source, language="python", attributes=None):
    """A highlighted <pre>; `attributes` become its HTML attributes (data-*, aria-*)."""
    marked_up = highlight(source, _lexer(language), HtmlFormatter(nowrap=True))
    extra = "".join(f' {name}="{escape(str(value))}"' for name, value in (attributes or {}).items())
    # A raw HTML block that starts with <pre> runs to </pre>, blank lines and all.
    return dcc.Markdown(
        f'<pre class="highlight"{extra}><code>{marked_up}</code></pre>',
        dangerously_allow_html=True,
        className="code-block",
    )
