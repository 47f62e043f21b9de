"""The navbar's theme choice and present switch; assets/71-theme.js makes them work.

Both are plain elements no callback writes to, so the state the script gives
them (and keeps on <html>, assets/head/theme.js) is never reset by Dash.
"""

from dash import html

THEMES = [("system", "Auto"), ("light", "Light"), ("dark", "Dark")]


def navbar_controls():
    return html.Div(
        [
            html.Label("Theme", htmlFor="theme-choice", className="visually-hidden"),
            html.Select(
                [html.Option(label, value=value) for value, label in THEMES],
                id="theme-choice",
                className="form-select form-select-sm",
                title="Light or dark theme (Auto: as your system)",
            ),
            html.Button(
                "Present",
                id="present-switch",
                type="button",
                role="switch",
                className="btn btn-sm btn-outline-light",
                title="Present mode: large type for a projector (or add ?present=1 to the address)",
                **{"aria-checked": "false"},
            ),
        ],
        className="site-controls",
        **{"data-bs-theme": "dark"},
    )
