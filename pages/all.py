"""The handout: every lesson's text and example source on one page, in reading order.

Made for paper (assets/60-print.css): no live frames, no sandbox, and the
source of each example as the file reads. Each lesson starts a new page.
"""

import re

import dash
from dash import html
from dash.development.base_component import Component

from gotchas.catalog import LESSONS
from gotchas.content.lessons import reading_order
from gotchas.content.snippets import FENCE
from gotchas.page.highlight import code_block
from gotchas.page.markdown import heading, render_markdown

TITLE = "All lessons — handout"
ORDER = reading_order(LESSONS)
# A lesson's own sections sit under its title here: ## becomes ###, ### becomes ####.
SECTION = re.compile(r"^(#{2,3}) ", re.MULTILINE)

dash.register_page(
    __name__,
    path="/all",
    name=TITLE,
    title=TITLE,
    description="Every lesson's text and example source, in order, to print.",
    order=900,
)


def _demoted(text):
    """The markdown with its headings one level down, code blocks left as they are."""
    parts, position = [], 0
    for match in FENCE.finditer(text):
        parts.append(SECTION.sub(r"#\1 ", text[position : match.start()]))
        parts.append(match.group(0))
        position = match.end()
    parts.append(SECTION.sub(r"#\1 ", text[position:]))
    return "".join(parts)


def _retarget(component, slug):
    """Links to an example card (#example-fixed) go to that file's listing here."""
    if isinstance(component, list | tuple):
        for child in component:
            _retarget(child, slug)
        return component
    if not isinstance(component, Component):
        return component
    href = getattr(component, "href", None)
    if isinstance(href, str) and href.startswith("#example-"):
        component.href = f"#{slug}-{href[1:]}"
    _retarget(getattr(component, "children", None), slug)
    return component


def _example(example):
    name = example.path.name
    return html.Figure(
        [
            html.Figcaption([html.Code(name), ": ", example.caption], className="handout-file"),
            code_block(
                example.source,
                "python",
                tabIndex=0,
                **{"data-source": example.key, "aria-label": f"Source of {name}"},
            ),
        ],
        className="handout-example",
        id=f"{example.lesson}-example-{example.name}",
    )


def _lesson(lesson, taken):
    anchor = f"lesson-{lesson.slug}"
    taken.add(anchor)
    try_it = heading(3, "Try it", f"{lesson.slug}-try-it", className="h5")
    taken.add(f"{lesson.slug}-try-it")
    return html.Article(
        [
            heading(2, f"{lesson.order}. {lesson.title}", anchor),
            html.P(lesson.summary, className="lead"),
            html.P(
                [
                    "Live examples: ",
                    html.A(lesson.url, href=lesson.url),
                    f" · verified on Dash {lesson.tested_with}",
                ],
                className="handout-live small",
            ),
            html.Div(
                [try_it, *render_markdown(lesson.try_it, [], taken)],
                className="try-it",
            ),
            html.Section(
                _retarget(render_markdown(_demoted(lesson.body), [], taken), lesson.slug),
                className="lesson-body",
            ),
            html.Section(
                [
                    html.H3("Example files", id=f"{lesson.slug}-files"),
                    *[_example(example) for example in lesson.examples],
                ],
                className="handout-examples",
            ),
        ],
        className="handout-lesson",
        **{"data-lesson": lesson.slug},
    )


def _layout():
    taken = set()
    lessons = [_lesson(lesson, taken) for lesson in ORDER]
    contents = html.Nav(
        [
            html.H2("Lessons", className="h5"),
            html.Ol(
                # Numbered as in the sidebar and on the home page.
                [
                    html.Li(html.A(lesson.title, href=f"#lesson-{lesson.slug}"), value=lesson.order)
                    for lesson in ORDER
                ]
            ),
        ],
        className="handout-contents",
        **{"aria-label": "Lessons in this handout"},
    )
    return html.Div(
        [
            html.H1(TITLE),
            html.P(
                "Every lesson's text and the source of every example, in reading order, "
                "made to print: each lesson starts on a new page. The live examples and "
                "their sandbox are on each lesson's own page.",
                className="lead",
            ),
            contents,
            *lessons,
        ],
        className="handout",
    )


layout = _layout()
