"""The frame around every page: navbar, lesson sidebar and the page itself."""

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, clientside_callback, html

from ..content.lessons import sections
from .theme import navbar_controls


def _links(lessons):
    return [
        dbc.NavLink(
            [html.Span(f"{lesson.order}.", className="lesson-number"), " ", lesson.title],
            href=lesson.url,
            active="exact",
        )
        for lesson in lessons
    ]


def sidebar(lessons, css_class="sidebar"):
    parts = []
    for heading, items in sections(lessons):
        parts.append(html.H2(heading, className="h6 text-uppercase text-body-secondary mt-2"))
        parts.append(dbc.Nav(_links(items), vertical=True, pills=True))
    return html.Nav(parts, className=css_class, **{"aria-label": "Lessons"})


def shell(lessons, page=None):
    """The frame around `page` (by default Dash's page container: every page)."""
    return html.Div(
        [
            html.A("Skip to content", href="#main", className="visually-hidden-focusable"),
            dbc.Navbar(
                dbc.Container(
                    [
                        dbc.NavbarBrand("Callback Gotchas", href="/"),
                        # Filled by assets/70-search.js: the search box needs the script anyway.
                        html.Div(id="site-search", className="site-search"),
                        navbar_controls(),
                        dbc.NavbarToggler(id="navbar-toggler"),
                        dbc.Collapse(
                            html.Div(sidebar(lessons, "navbar-sidebar"), className="d-xl-none"),
                            id="navbar-lessons",
                            navbar=True,
                        ),
                    ],
                    fluid=True,
                ),
                color="dark",
                dark=True,
                expand="xl",
                className="mb-3",
            ),
            html.Div(
                [
                    html.Div(sidebar(lessons), className="site-sidebar d-none d-xl-block"),
                    html.Main(page or dash.page_container, id="main", tabIndex=-1),
                ],
                className="site-grid",
            ),
        ]
    )


# The menu opens with the toggler and closes once a lesson is picked.
clientside_callback(
    """function (clicks, path, open) {
        var by = (window.dash_clientside.callback_context.triggered[0] || {}).prop_id || "";
        return by.indexOf("navbar-toggler") === 0 ? !open : false;
    }""",
    Output("navbar-lessons", "is_open"),
    Input("navbar-toggler", "n_clicks"),
    Input("_pages_location", "pathname"),
    State("navbar-lessons", "is_open"),
    prevent_initial_call=True,
)
