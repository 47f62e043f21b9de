"""The error decoder at /errors, and one page per known error at /errors/<id>,
made from the lessons' front matter: no Python per error."""

import dash

from gotchas.catalog import LESSONS
from gotchas.content.errors import all_errors
from gotchas.page.errors import decoder_layout, error_layout

ERRORS = all_errors(LESSONS)

dash.register_page(
    __name__,
    path="/errors",
    name="Error decoder",
    title="Error decoder · Callback Gotchas",
    description="Paste a Dash error message and find the lesson that explains it.",
    order=910,
    layout=decoder_layout(ERRORS),
)

for number, entry in enumerate(ERRORS):
    title = entry.title.replace("`", "")
    dash.register_page(
        f"errors.{entry.id}",
        path=entry.url,
        name=title,
        title=f"{title} · Error decoder · Callback Gotchas",
        description=f"{title}: explained in {entry.lesson_title}.",
        order=2000 + number,
        layout=error_layout(entry, ERRORS),
    )
