import dash
from dash import html

from gotchas.catalog import LESSONS

dash.register_page(__name__, title="Page not found · Callback Gotchas")

layout = html.Div(
    [
        html.H1("We could not find that page"),
        html.P(
            "The address may be mistyped, or the lesson may have moved. "
            "These are the lessons we have:"
        ),
        html.Ul([html.Li(html.A(lesson.title, href=lesson.url)) for lesson in LESSONS]),
        html.P(html.A("Back to the start", href="/")),
    ]
)
