"""Every Dash message a lesson explains, with where it is explained: the error
decoder's data (/errors), and text for a search to index."""

import re
from dataclasses import dataclass

from .headings import anchors
from .lessons import reading_order

# "Duplicate callback outputs: In the callback ..." -> "Duplicate callback outputs"
TITLE_END = re.compile(r": |\.(?:\s|$)")


@dataclass(frozen=True)
class ErrorEntry:
    id: str
    lesson: str  # the lesson's slug
    lesson_title: str
    lesson_order: int
    example: str  # the example file's stem
    message: str  # Dash's words
    section: str  # the heading that explains it, as written
    anchor: str  # that heading's id on the lesson page

    @property
    def url(self):
        return f"/errors/{self.id}"

    @property
    def lesson_url(self):
        return f"/lessons/{self.lesson}"

    @property
    def section_url(self):
        return f"/lessons/{self.lesson}#{self.anchor}"

    @property
    def example_url(self):
        """The example full screen, with its sandbox."""
        return f"/lessons/{self.lesson}/{self.example}"

    @property
    def title(self):
        return title_of(self.message)


def title_of(message):
    """The message's first words, up to its first colon or full stop."""
    first = message.splitlines()[0]
    return TITLE_END.split(first, maxsplit=1)[0].strip() or first


def all_errors(lessons):
    """Every declared message, lesson by lesson in reading order, as each lesson lists them."""
    entries = []
    for lesson in reading_order(lessons):
        ids = anchors(lesson.body)
        entries += [
            ErrorEntry(
                id=error.id,
                lesson=lesson.slug,
                lesson_title=lesson.title,
                lesson_order=lesson.order,
                example=error.example,
                message=error.message,
                section=error.section,
                anchor=ids[error.section],
            )
            for error in lesson.errors
        ]
    return tuple(entries)
