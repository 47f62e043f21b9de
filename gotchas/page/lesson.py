"""A lesson page: the steps beside the live pair, the explanation right after, the rest below.

At 1280 x 800 the steps, both frames and the newest timeline rows fit on one
screen; source listings and the sandbox's graph are one click away, never
between the pair and the text. Under 992 px the pair becomes two tabs.
"""

import json

import dash_bootstrap_components as dbc
from dash import html

from ..content.headings import PAGE_IDS
from .diff import diff_view
from .highlight import code_block
from .markdown import heading, render_markdown
from .sandbox import compare, sandbox

ROLE_LABELS = {"broken": ("Broken", "danger"), "fixed": ("Fixed", "success")}


def _source(example):
    name = example.path.name
    return html.Details(
        [
            html.Summary(f"Source: {name}"),
            html.Div(
                [
                    html.Button(
                        "Copy",
                        type="button",
                        className="copy-button btn btn-sm btn-outline-secondary",
                        title=f"Copy {name}",
                        **{"aria-label": f"Copy {name}", "data-copy": example.key},
                    ),
                    html.A(
                        f"Download {name}",
                        href=example.download_url,
                        download=name,
                        className="btn btn-sm btn-outline-secondary",
                    ),
                ],
                className="source-actions",
            ),
            code_block(
                example.source,
                "python",
                tabIndex=0,
                **{"data-source": example.key, "aria-label": f"Source of {name}"},
            ),
        ],
        className="example-source",
    )


def _changes_from_broken(example):
    """Every example but broken.py: what changed from broken.py, folded."""
    if example.name == "broken":
        return None
    return diff_view(example.path.with_name("broken.py"), example.path)


def example_card(mounted, role=None, full_screen=True):
    example = mounted.example
    label, color = ROLE_LABELS.get(role, (example.path.name, "secondary"))
    return dbc.Card(
        [
            dbc.CardHeader(
                [
                    dbc.Badge(label, color=color, className="me-2 example-badge"),
                    html.Span(example.caption, className="example-caption"),
                    html.A(
                        "Full screen ↗",
                        href=example.page_url,
                        target="_blank",
                        rel="noopener",
                        className="ms-auto small text-nowrap",
                        title=f"Open {example.path.name} full screen, in a new tab",
                    )
                    if full_screen
                    else None,
                ],
                className="example-head",
            ),
            html.Iframe(
                # assets/40-example-frames.js sets src as it nears the screen, and its height.
                **{"data-src": example.url, "data-private": "true" if example.private else None},
                title=f"Live example {example.path.name}: {example.caption}",
                className="example-frame with-dev-tools" if mounted.debug else "example-frame",
            ),
            dbc.CardBody(
                [sandbox(mounted), _source(example), _changes_from_broken(example)],
                className="example-body",
            ),
        ],
        className=f"example-card example-{role or 'more'}",
        id=f"example-{example.name}",
    )


def _header(lesson):
    verified = f"Verified on Dash {lesson.tested_with}"
    badges = [dbc.Badge(verified, color="info", text_color="dark", className="me-1")]
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
                className="changes mb-3",
            )
            if changes
            else None,
        ]
    )


def _switcher():
    """Phones and narrow windows: one of the pair at a time (assets/50-lesson-page.js)."""
    tab = "btn btn-outline-secondary pair-tab"
    return html.Div(
        [
            html.Button("Broken", className=tab, role="tab", **{"data-show": "broken"}),
            html.Button("Fixed", className=tab, role="tab", **{"data-show": "fixed"}),
        ],
        className="btn-group pair-switcher",
        role="tablist",
        **{"aria-label": "Show the broken or the fixed example"},
    )


def _try_it(lesson):
    return html.Div(
        [heading(2, "Try it", "try-it", className="h5"), *render_markdown(lesson.try_it)],
        className="try-it",
    )


def _pair(lesson, mounted, toc):
    toc.insert(0, ("try-it", "Try it"))
    cards = [
        html.Div(example_card(mounted[lesson.example(role).key], role), className=f"pair-{role}")
        for role in ("broken", "fixed")
    ]
    return html.Section(
        [
            _try_it(lesson),
            _switcher(),
            html.Div(cards, className="pair-cards", id="pair-cards"),
            compare(lesson),
        ],
        className="pair show-broken",
        id="pair",
        **{"aria-label": "Try it: the broken and the fixed example"},
    )


def _more(lesson, mounted, toc):
    more = [mounted[e.key] for e in lesson.examples if e.name not in ("broken", "fixed")]
    if not more:
        return None
    toc.append(("more-to-try", "More to try"))
    return html.Section(
        [
            heading(2, "More to try", "more-to-try"),
            html.Div([example_card(item) for item in more], className="more-cards"),
        ],
        className="more-to-try",
    )


def early_frames(lesson, mounted):
    """The lesson's pair as assets/40-example-frames.js may start it before the page
    has its cards: a link's target, or the page still arriving. An example with
    private instances is left out: loading it makes server state."""
    pair = [mounted[lesson.example(role).key] for role in ("broken", "fixed")]
    frames = [{"src": m.example.url, "dev": m.debug} for m in pair if not m.example.private]
    return json.dumps(frames)


def _neighbours(previous, following, mounted):
    # Links with rel=prev/next; assets/50-lesson-page.js follows them without
    # reloading the site's own app, as dcc.Link would (it has no rel).
    links = []
    if previous:
        links.append(
            html.A(
                [html.Span("Previous", className="small d-block"), previous.title],
                href=previous.url,
                className="lesson-nav-prev",
                rel="prev",
                **{"data-prefetch": early_frames(previous, mounted)},
            )
        )
    if following:
        links.append(
            html.A(
                [html.Span("Next", className="small d-block"), following.title],
                href=following.url,
                className="lesson-nav-next",
                rel="next",
                **{"data-prefetch": early_frames(following, mounted)},
            )
        )
    return html.Nav(links, className="lesson-nav", **{"aria-label": "Previous and next lesson"})


def _toc(entries):
    return html.Nav(
        [
            html.H2("On this page", className="toc-title"),
            html.Ul([html.Li(html.A(title, href=f"#{anchor}")) for anchor, title in entries]),
        ],
        className="toc",
        **{"aria-label": "On this page"},
    )


def lesson_layout(lesson, mounted, previous=None, following=None):
    toc, taken = [], set(PAGE_IDS)
    body = render_markdown(lesson.body, toc, taken)
    pair = _pair(lesson, mounted, toc)
    more = _more(lesson, mounted, toc)
    return html.Div(
        [
            html.Article(
                [
                    _header(lesson),
                    pair,
                    html.Section(body, className="lesson-body"),
                    more,
                    # "Mark as done" and this browser's progress (assets/72-progress.js).
                    html.Div(className="lesson-progress", **{"data-lesson": lesson.slug}),
                    _neighbours(previous, following, mounted),
                ],
                className="lesson",
                **{"data-lesson": lesson.slug},
            ),
            _toc(toc),
        ],
        className="lesson-grid",
    )


def lesson_preview(lesson):
    """What a lesson page shows first, before its examples: its header and steps."""
    pair = html.Section(_try_it(lesson), className="pair")
    return html.Div(
        html.Article([_header(lesson), pair], className="lesson"), className="lesson-grid"
    )


def example_layout(lesson, mounted):
    """One example full screen, with its sandbox and a way back to its card."""
    example = mounted.example
    role = example.name if example.name in ROLE_LABELS else None
    return html.Article(
        [
            html.Nav(
                html.A(
                    f"← Back to the lesson: {lesson.title}",
                    href=f"{lesson.url}#example-{example.name}",
                ),
                className="mb-2",
                **{"aria-label": "Back to the lesson"},
            ),
            html.H1([html.Code(example.path.name), f": {example.caption}"], className="h3"),
            example_card(mounted, role, full_screen=False),
        ],
        className="example-page",
    )
