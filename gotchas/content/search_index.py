"""What the site search looks through: every place a result can land on, built once at startup.

A place is a spot of a lesson page with an id (a section, an example card) or
the top of the page, and holds texts of a few kinds. The browser searches
them itself (assets/70-search.js), so no query ever reaches the server; it
ranks a match by the kind of text it is in, by WEIGHTS.

Each source turns one lesson into places. Another kind of entry is one more
function in SOURCES and, when it should rank on its own, one more kind in WEIGHTS.
"""

import re
from dataclasses import dataclass

from .headings import PAGE_IDS, anchors, outline
from .snippets import FENCE

# A word of the query counts this much in a text of each kind: a lesson's title
# says what it teaches, a heading what a section is about, a summary what the
# lesson is about; an example's caption is a line of text; code mentions names
# most often and explains them least (a section that explains a name ranks above
# the example that uses it).
# A Dash message a lesson explains is found by its words, but ranks below the
# text: Dash's messages name the cure too (allow_duplicate), which a section teaches.
WEIGHTS = {
    "title": 10,
    "heading": 6,
    "error": 1,
    "summary": 4,
    "caption": 2,
    "text": 2,
    "code": 0.5,
}
PAIR = ("broken", "fixed")


@dataclass(frozen=True)
class Place:
    lesson: str  # slug
    anchor: str  # id on the lesson page; "" is the top of the page
    section: str  # what the result says it lands on
    fields: tuple  # (kind, text) pairs; kind is a key of WEIGHTS


def _prose(text):
    """Prose as read: link text without its URL, no emphasis marks; code spans as they are."""
    spans = []

    def keep(match):
        spans.append(match.group(1))
        return f"\0{len(spans) - 1}\0"

    text = re.sub(r"`([^`\n]+)`", keep, text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", r"\1", text, flags=re.DOTALL)
    text = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", text, flags=re.DOTALL)
    return re.sub(r"\0(\d+)\0", lambda match: spans[int(match.group(1))], text)


def plain(markdown):
    """Lesson markdown as the words a reader sees, code blocks included, on one line."""
    parts, position = [], 0
    for match in FENCE.finditer(markdown):
        parts += [_prose(markdown[position : match.start()]), match.group(2)]
        position = match.end()
    parts.append(_prose(markdown[position:]))
    return " ".join(" ".join(parts).split())


def lesson_top(lesson):
    """Title, summary and the "What changed, and when" notes: the page's header."""
    changes = " ".join(f"Dash {change.version}: {change.note}" for change in lesson.changes)
    fields = (("title", lesson.title), ("summary", lesson.summary), ("text", changes))
    yield Place(lesson.slug, "", "", tuple((kind, text) for kind, text in fields if text))


def try_it(lesson):
    yield Place(
        lesson.slug, "try-it", "Try it", (("heading", "Try it"), ("text", plain(lesson.try_it)))
    )


def text_sections(lesson):
    """Each heading of the text with the words under it, under the id the page gives it."""
    for _, title, anchor, body in outline(lesson.body, set(PAGE_IDS)):
        fields = (("heading", title),) if title else ()
        yield Place(lesson.slug, anchor, title, (*fields, ("text", plain(body))))


def examples(lesson):
    """Each example's card: its caption and its whole file (a name's definition is code)."""
    extra = [example for example in lesson.examples if example.name not in PAIR]
    if extra:
        yield Place(lesson.slug, "more-to-try", "More to try", (("heading", "More to try"),))
    for example in lesson.examples:
        fields = (("caption", example.caption), ("code", example.source))
        yield Place(lesson.slug, f"example-{example.name}", example.path.name, fields)


def error_messages(lesson):
    """Each Dash message the lesson explains (front matter `errors`), at the section that does."""
    sections = anchors(lesson.body)
    for error in lesson.errors:
        yield Place(
            lesson.slug, sections[error.section], error.section, (("error", error.message),)
        )


SOURCES = (lesson_top, try_it, text_sections, examples, error_messages)


def build_index(lessons, sources=SOURCES):
    """The index as plain data, ready for JSON: lessons, places and the weight of each kind."""
    places = [place for lesson in lessons for source in sources for place in source(lesson)]
    numbers = {lesson.slug: i for i, lesson in enumerate(lessons)}
    return {
        "weights": WEIGHTS,
        "lessons": [{"title": lesson.title, "url": lesson.url} for lesson in lessons],
        "places": [
            {
                "lesson": numbers[place.lesson],
                "anchor": place.anchor,
                "section": place.section,
                "fields": [list(field) for field in place.fields],
            }
            for place in places
        ],
    }
