"""The instructors' page, made from the lessons: workshop plans, every lesson's links,
and the measured size of a room one machine serves.

A lesson's links are the anchors its own page uses: the text's headings get
their ids from the same render_markdown, with the ids the page itself keeps
(lesson.PAGE_IDS) taken first, as lesson_layout does.
"""

import json

from dash import dcc, html

from ..content.errors import title_of
from ..content.lessons import REPO_ROOT
from ..content.workshops import first_step, look_for
from .lesson import PAGE_IDS
from .markdown import render_markdown
from .sandbox import compare

ROOM_FILE = REPO_ROOT / "instructors" / "room.json"


def copy_button(url, label):
    # assets/55-copy-links.js copies the address with this page's origin: on a
    # classroom network that is the address learners can open.
    return html.Button(
        "Copy",
        type="button",
        className="copy-link btn btn-sm btn-outline-secondary",
        title=f"Copy the link: {label}",
        **{"data-url": url, "aria-label": f"Copy the link: {label}"},
    )


def _text(component):
    parts = []
    for child in component.children:
        if isinstance(child, str):
            parts.append(child)
        elif isinstance(child, html.Code):
            parts.append(child.children)
    return "".join(parts).strip()


def sections(lesson):
    """(level, anchor, title) of each section of the lesson page, in page order."""
    comparison = compare(lesson).children[0]  # the heading under the pair
    found = [(2, "try-it", "Try it"), (3, comparison.id, _text(comparison))]
    for part in render_markdown(lesson.body, [], set(PAGE_IDS)):
        if isinstance(part, html.H2 | html.H3):
            found.append((2 if isinstance(part, html.H2) else 3, part.id, _text(part)))
    if any(e.name not in ("broken", "fixed") for e in lesson.examples):
        found.append((2, "more-to-try", "More to try"))
    return found


def lesson_links(lesson):
    """Every deep link into a lesson: {group: [(label, [(link text, url), ...]), ...]}."""
    page = [("Lesson page", [(lesson.url, lesson.url)])]
    parts = [
        (title, [(f"#{anchor}", f"{lesson.url}#{anchor}")], level - 2)
        for level, anchor, title in sections(lesson)
    ]
    examples = []
    for example in lesson.examples:
        links = [("card", f"{lesson.url}#example-{example.name}")]
        if example.name in ("broken", "fixed"):
            # The short form the lesson page also answers to (assets/50-lesson-page.js).
            links.append((f"#{example.name}", f"{lesson.url}#{example.name}"))
        links.append(("full screen", example.page_url))
        examples.append((example.path.name, links))
    # The error decoder's page for each Dash message the lesson explains.
    errors = [
        (title_of(e.message), [(f"/errors/{e.id}", f"/errors/{e.id}")], 0) for e in lesson.errors
    ]
    groups = {
        "Page": [(label, links, 0) for label, links in page],
        "Sections": parts,
        "Examples": [(label, links, 0) for label, links in examples],
    }
    return {**groups, "Errors it explains": errors} if errors else groups


def _link_row(lesson, label, links, indent):
    cells = []
    for text, url in links:
        name = f"{label}, {text}" if text != url else label
        cells.append(
            html.Span(
                [html.A(text, href=url, title=url), copy_button(url, f"{name} ({lesson.title})")],
                className="link-cell",
            )
        )
    return html.Li(
        [html.Span(label, className="link-label"), html.Span(cells, className="link-cells")],
        className=f"link-row indent-{indent}",
    )


def links_block(lesson):
    """One lesson's links, folded: nineteen lessons stay one screen until opened."""
    groups = lesson_links(lesson)
    count = sum(len(links) for rows in groups.values() for _, links, _ in rows)
    return html.Details(
        [
            html.Summary(
                [f"{lesson.order}. {lesson.title} ", html.Span(f"{count} links", className="small")]
            ),
            *[
                html.Div(
                    [
                        html.H3(group, className="h6"),
                        html.Ul([_link_row(lesson, *row) for row in rows], className="link-list"),
                    ]
                )
                for group, rows in groups.items()
            ],
        ],
        className="lesson-links",
        id=f"links-{lesson.slug}",
    )


def _clock(minutes):
    return f"{minutes // 60}:{minutes % 60:02d}"


def _lesson_block(lesson):
    broken = lesson.example("broken")
    more = any(e.name not in ("broken", "fixed") for e in lesson.examples)
    learners = [
        "On their own machines, the ",
        html.A("Try it", href=f"{lesson.url}#try-it"),
        " steps with the pair",
    ]
    if more:
        learners += [", then ", html.A("More to try", href=f"{lesson.url}#more-to-try"), "."]
    else:
        learners.append(".")
    return [
        html.H3(html.A(f"{lesson.order}. {lesson.title}", href=lesson.url), className="h6 mb-1"),
        html.Dl(
            [
                html.Dt("Demo"),
                html.Dd(
                    [
                        "On the projector, the ",
                        html.A("lesson's pair", href=f"{lesson.url}#try-it"),
                        " (or ",
                        html.A(f"{broken.path.name} full screen", href=broken.page_url),
                        ", larger). ",
                        dcc.Markdown(first_step(lesson), className="inline-markdown"),
                    ]
                ),
                html.Dt("Look for"),
                html.Dd(dcc.Markdown(look_for(lesson), className="inline-markdown")),
                html.Dt("Learners"),
                html.Dd(learners),
            ],
            className="plan-details",
        ),
    ]


def plan(workshop):
    """A workshop as a timed list of blocks."""
    items = []
    for block in workshop.blocks:
        when = f"{_clock(block.start)}–{_clock(block.start + block.minutes)}"
        body = (
            _lesson_block(block.lesson)
            if block.lesson
            else [
                html.H3(block.title, className="h6 mb-1"),
                dcc.Markdown(block.text, className="inline-markdown"),
            ]
        )
        items.append(
            html.Li(
                [
                    html.Div(
                        [html.Span(when, className="plan-when"), f"{block.minutes} min"],
                        className="plan-time",
                    ),
                    html.Div(body, className="plan-body"),
                ],
                className="plan-block" + ("" if block.lesson else " plan-pause"),
            )
        )
    lessons = sum(1 for block in workshop.blocks if block.lesson)
    return html.Div(
        [
            html.P([workshop.summary, f" {lessons} lessons, {workshop.minutes} minutes."]),
            html.Ol(items, className="plan"),
        ],
        className="workshop",
        id=f"{workshop.anchor}-plan",
    )


def room_figures(path=ROOM_FILE):
    """The last run of benchmarks/room.py --save, as tables; a note if it never ran."""
    if not path.is_file():
        return [html.P("Not measured yet: run the command below.")]
    runs = json.loads(path.read_text(encoding="utf-8"))
    parts = []
    for run in runs:
        head = ["Learners", "Click p50", "Click p95", "Page load p95", "Errors", "Load average"]
        rows = [
            html.Tr(
                [
                    html.Td(row["learners"]),
                    html.Td(f"{row['click_p50_ms']:.0f} ms"),
                    html.Td(f"{row['click_p95_ms']:.0f} ms"),
                    html.Td(f"{row['load_p95_ms'] / 1000:.1f} s"),
                    html.Td(row["wrong"]),
                    html.Td(f"{row['load_average']:.1f}"),
                ],
                className="over" if row["click_p95_ms"] > run["threshold_ms"] else None,
            )
            for row in run["rows"]
        ]
        parts += [
            html.H4(run["server"], className="h6 mt-3"),
            html.P(
                [
                    html.Strong(
                        f"{run['served']} learners with a click's p95 at most "
                        f"{run['threshold_ms']:.0f} ms"
                    ),
                    f" on {run['machine']}, measured {run['date']}: {run['conditions']}",
                ]
            ),
            html.Div(
                html.Table(
                    [
                        html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
                        html.Tbody(rows),
                    ],
                    className="table table-sm room-table",
                ),
                className="table-responsive",
                # On a phone the table scrolls sideways: the keyboard must reach it.
                tabIndex=0,
                role="region",
                **{"aria-label": f"Learners served: {run['server']}"},
            ),
            html.P(["Measured with ", html.Code(run["command"])], className="small"),
        ]
        parts.append(
            html.P(
                f"The server's CPU time: {run['cpu_per_page_load_s'] * 1000:.0f} ms per "
                f"page load, {run['cpu_per_click_s'] * 1000:.1f} ms per click. With the "
                f"machine to itself, that is at most {run['page_loads_in_arrival']} learners "
                f"opening a lesson within the same {run['arrive_s']:g} seconds; clicks "
                "cost little next to that."
            )
        )
    return parts
