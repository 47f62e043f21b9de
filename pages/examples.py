"""One page per example: the app full screen with its sandbox. No Python per example."""

import dash

from gotchas.catalog import EXAMPLES, LESSONS
from gotchas.page.lesson import example_layout

for lesson in LESSONS:
    for example in lesson.examples:
        dash.register_page(
            f"examples.{example.key}",
            path=example.page_url,
            name=f"{example.path.name}: {example.caption}",
            title=f"{example.path.name} · {lesson.title} · Callback Gotchas",
            description=example.caption,
            order=1000 + lesson.order,
            layout=example_layout(lesson, EXAMPLES[example.key]),
        )
