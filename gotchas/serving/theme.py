"""The script that sets light or dark, and present mode, before the first paint.

It is a file in <head> (the CSP allows no inline script), on the site's pages
and in every framed example: assets/head/theme.js. Dash does not load that
folder itself, since it would add the file at the end of <body>, after a paint.
"""

from pathlib import Path

URL = "/assets/head/theme.js"
ASSETS_IGNORED = "head"  # for Dash(assets_path_ignore=...)
_FILE = Path(__file__).resolve().parents[2] / URL.lstrip("/")


def theme_script():
    # The file's time in the address: a changed file is fetched again, as Dash does for assets.
    return f'<script src="{URL}?m={_FILE.stat().st_mtime_ns}"></script>'


def with_theme_script(index_string):
    """An index template whose <head> runs the theme script before the stylesheets."""
    if "{%css%}" not in index_string:
        raise ValueError("the index template has no {%css%} to put the theme script before")
    return index_string.replace("{%css%}", theme_script() + "\n        {%css%}", 1)
