import dash
import dash_bootstrap_components as dbc
from dash import html

from gotchas.catalog import LESSONS
from gotchas.content.lessons import ORIGINAL_SECTION, reading_order, sections

dash.register_page(
    __name__,
    path="/",
    title="Callback Gotchas",
    description=(
        "The surprising parts of Dash's callback system, each one a broken app beside its "
        "fix, live, with every callback logged as it fires."
    ),
    image="og/home.jpg",
    order=0,
)


def _lesson_item(lesson):
    badge = (
        dbc.Badge(f"Original gotcha {lesson.original} of 6", color="secondary", className="ms-2")
        if lesson.original
        else None
    )
    return dbc.ListGroupItem(
        [
            html.H3(
                [f"{lesson.order}. ", html.A(lesson.title, href=lesson.url), badge],
                className="h5 mb-1",
            ),
            html.P(lesson.summary, className="mb-0"),
            # assets/72-progress.js: this browser's predictions on the lesson, if any.
            html.P(className="lesson-progress-note small mb-0", **{"data-lesson": lesson.slug}),
        ]
    )


def _progress():
    """Drawn by assets/72-progress.js from this browser's storage: the server never sees it."""
    return html.Section(
        [
            html.H2("Your progress", className="h5", id="your-progress"),
            html.Div(className="progress-summary"),
        ],
        className="your-progress",
        **{"aria-labelledby": "your-progress"},
    )


def _section(heading, lessons):
    intro = (
        html.P(
            "An old page of the Dash documentation listed six callback gotchas. Some are "
            "still true, some changed, one is history. Here they are, checked on today's Dash.",
            className="text-body-secondary",
        )
        if heading == ORIGINAL_SECTION
        else None
    )
    return html.Section(
        [
            html.H2(heading, className="h4 mt-4"),
            intro,
            dbc.ListGroup([_lesson_item(lesson) for lesson in lessons], className="lesson-list"),
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
        html.A(
            ["Start here: ", reading_order(LESSONS)[0].title],
            href=reading_order(LESSONS)[0].url,
            className="btn btn-primary start-here",
        ),
        html.P(
            [
                html.A("Printable handout: every lesson on one page", href="/all"),
                " · ",
                html.A("For instructors: workshop plans and lesson links", href="/instructors"),
            ],
            className="small mt-2 mb-0 handout-link",
        ),
        html.P(
            html.A("Error decoder: paste a Dash error, find the lesson", href="/errors"),
            className="small mb-0 errors-link",
        ),
        _progress(),
        *[_section(heading, lessons) for heading, lessons in sections(LESSONS)],
    ]
)
