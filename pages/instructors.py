"""For instructors: what the site is for, workshop plans, every lesson's links, and how
to serve a room. The text is instructors/guide.md; the parts in {{ braces }} are made
from the lessons (gotchas/page/instructors.py)."""

import re

import dash
from dash import html

from gotchas.catalog import LESSONS
from gotchas.content.lessons import REPO_ROOT, reading_order
from gotchas.content.workshops import load_workshops
from gotchas.page.instructors import links_block, plan, room_figures
from gotchas.page.markdown import heading, render_markdown

TITLE = "For instructors"
GUIDE = REPO_ROOT / "instructors" / "guide.md"
PLACEHOLDER = re.compile(r"^\{\{ (\w+) \}\}[ \t]*$", re.MULTILINE)

dash.register_page(
    __name__,
    path="/instructors",
    name=TITLE,
    title=f"{TITLE} · Callback Gotchas",
    description=(
        "Run a workshop on Dash callbacks: 60- and 120-minute plans, links to every part "
        "of every lesson, and how many learners one laptop serves."
    ),
    image="og/instructors.jpg",
    order=950,
)


def _plans(taken):
    parts = []
    for workshop in load_workshops(LESSONS):
        taken.add(workshop.anchor)
        parts += [heading(2, workshop.title, workshop.anchor), plan(workshop)]
    return parts


def _links(_taken):
    return [html.Div([links_block(lesson) for lesson in reading_order(LESSONS)])]


def _room(_taken):
    return room_figures()


PARTS = {"plans": _plans, "links": _links, "room": _room}


def _layout():
    text = GUIDE.read_text(encoding="utf-8")
    toc, taken, body, position = [], set(), [], 0
    for match in PLACEHOLDER.finditer(text):
        body += render_markdown(text[position : match.start()], toc, taken)
        body += PARTS[match.group(1)](taken)
        position = match.end()
    body += render_markdown(text[position:], toc, taken)
    contents = html.Nav(
        [
            html.H2("On this page", className="h6"),
            html.Ul(
                [
                    html.Li(html.A(item.children[0], href=f"#{item.id}"))
                    for item in body
                    if isinstance(item, html.H2)
                ]
            ),
        ],
        className="instructors-contents",
        **{"aria-label": "On this page"},
    )
    return html.Article(
        [
            html.H1(TITLE),
            html.P(
                "Run a workshop with this site: what it is for, two plans, a link to every "
                "part of every lesson, and how to serve a room from one laptop.",
                className="lead",
            ),
            contents,
            *body,
        ],
        className="instructors",
    )


layout = _layout()
