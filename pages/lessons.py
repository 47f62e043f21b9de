"""One page per lesson folder: no Python per lesson."""

import dash

from gotchas.catalog import EXAMPLES, LESSONS
from gotchas.page.lesson import lesson_layout

for lesson in LESSONS:
    dash.register_page(
        f"lessons.{lesson.slug}",
        path=lesson.url,
        name=lesson.title,
        title=f"{lesson.title} · Callback Gotchas",
        description=lesson.summary,
        order=lesson.order,
        layout=lesson_layout(lesson, EXAMPLES),
    )
