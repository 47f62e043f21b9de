import dash
import dash_bootstrap_components as dbc
from dash import html

from gotchas.catalog import LESSONS

dash.register_page(__name__, path="/", title="Callback Gotchas", order=0)


def _lesson_item(lesson):
    return dbc.ListGroupItem(
        [
            html.H2(
                [f"{lesson.order}. ", html.A(lesson.title, href=lesson.url)], className="h5 mb-1"
            ),
            html.P(lesson.summary, className="mb-0"),
        ]
    )


layout = html.Div(
    [
        html.H1("Callback Gotchas"),
        html.P(
            "Dash callbacks are simple until they are not. Each lesson here runs a broken "
            "app next to its fix, shows their code, and logs every callback as it fires, "
            "so you can watch the surprise happen and see why.",
            className="lead",
        ),
        html.P(
            "Every claim on this site is checked by a browser test against the Dash "
            "version the site runs.",
        ),
        html.H2("Lessons", className="h4 mt-4"),
        dbc.ListGroup([_lesson_item(lesson) for lesson in LESSONS], numbered=False),
    ]
)
