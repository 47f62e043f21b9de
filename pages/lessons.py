"""One page per lesson folder: no Python per lesson."""

import dash

from gotchas.catalog import EXAMPLES, LESSONS
from gotchas.content.lessons import reading_order
from gotchas.page.lesson import lesson_layout

ORDER = reading_order(LESSONS)
for i, lesson in enumerate(ORDER):
    dash.register_page(
        f"lessons.{lesson.slug}",
        path=lesson.url,
        name=lesson.title,
        title=f"{lesson.title} · Callback Gotchas",
        description=lesson.summary,
        # Link previews in chat and slides (scripts/og_images.py makes the pictures).
        image=f"og/{lesson.slug}.jpg",
        order=lesson.order,
        layout=lesson_layout(
            lesson,
            EXAMPLES,
            previous=ORDER[i - 1] if i else None,
            following=ORDER[i + 1] if i + 1 < len(ORDER) else None,
        ),
    )
