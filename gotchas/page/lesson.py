"""A lesson page: the broken and fixed examples live, their source, the explanation."""

import dash_bootstrap_components as dbc
from dash import dcc, html

from .highlight import code_block
from .markdown import render_markdown
from .sandbox import compare, sandbox

ROLE_LABELS = {"broken": ("Broken", "danger"), "fixed": ("Fixed", "success")}


def _source(example):
    return html.Details(
        [
            html.Summary(f"Source: {example.path.name}"),
            html.Div(
                [
                    dcc.Clipboard(
                        content=example.source,
                        title=f"Copy {example.path.name}",
                        className="copy-button btn btn-sm btn-outline-secondary",
                    ),
                    html.A(
                        "Download",
                        href=example.download_url,
                        download=example.path.name,
                        className="btn btn-sm btn-outline-secondary",
                    ),
                ],
                className="source-actions",
            ),
            code_block(
                example.source,
                "python",
                tabIndex=0,
                **{"data-source": example.key, "aria-label": f"Source of {example.path.name}"},
            ),
        ],
        open=True,
        className="example-source",
    )


def example_card(mounted):
    example = mounted.example
    label, color = ROLE_LABELS.get(example.name, (example.path.name, "secondary"))
    return dbc.Card(
        [
            dbc.CardHeader(
                [
                    dbc.Badge(label, color=color, className="me-2"),
                    html.Span(example.caption, className="example-caption"),
                    html.A(
                        "Open full screen",
                        href=example.url,
                        target="_blank",
                        rel="noopener",
                        className="ms-auto small text-nowrap",
                    ),
                ],
                className="d-flex flex-wrap align-items-center gap-1",
            ),
            html.Iframe(
                # assets/40-example-frames.js sets src, one frame at a time.
                **{"data-src": example.url},
                title=f"Live example {example.path.name}: {example.caption}",
                # Dash's dev-tools panel needs room of its own below the app.
                className="example-frame with-dev-tools" if mounted.debug else "example-frame",
                id={"type": "example-frame", "example": example.key},
            ),
            dbc.CardBody([sandbox(mounted), _source(example)]),
        ],
        className="example-card h-100",
        id={"type": "example", "example": example.key},
    )


def _header(lesson):
    badges = [dbc.Badge(f"Verified on Dash {lesson.tested_with}", color="info", className="me-1")]
    if lesson.original:
        badges.append(
            dbc.Badge(
                f"Original gotcha {lesson.original} of 6", color="secondary", className="me-1"
            )
        )
    changes = [
        html.Li([html.Strong(f"Dash {change.version}: "), change.note]) for change in lesson.changes
    ]
    return html.Header(
        [
            html.H1(lesson.title),
            html.P(lesson.summary, className="lead"),
            html.Div(badges, className="mb-2"),
            html.Details(
                [html.Summary("What changed, and when"), html.Ul(changes, className="mt-2")],
                className="changes mb-4",
            )
            if changes
            else None,
        ]
    )


def _cards(items):
    return dbc.Row([dbc.Col(example_card(item), xs=12, lg=6, className="mb-4") for item in items])


def lesson_layout(lesson, mounted):
    pair = [mounted[lesson.example(name).key] for name in ("broken", "fixed")]
    more = [mounted[e.key] for e in lesson.examples if e.name not in ("broken", "fixed")]
    return html.Article(
        [
            _header(lesson),
            html.Section(
                [html.H2("Try it", className="h4"), *render_markdown(lesson.try_it)],
                className="try-it",
            ),
            html.Section([html.H2("Broken and fixed", className="h4"), _cards(pair)]),
            compare(lesson),
            html.Section(render_markdown(lesson.body), className="lesson-body"),
            html.Section([html.H2("More to try", className="h4"), _cards(more)]) if more else None,
        ],
        className="lesson",
    )
