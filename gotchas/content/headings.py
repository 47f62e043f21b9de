"""The sections of a lesson's markdown and the ids their headings get on the lesson page.

The page (gotchas/page/markdown.py), the search index (search_index.py) and the
error decoder (errors.py) all name sections with these rules, so their links
go to ids the page has.
"""

import re

from .snippets import FENCE

HEADING = re.compile(r"^(#{2,3}) +(.+?) *$", re.MULTILINE)
# Ids the lesson page itself uses; a heading of the text never takes them.
PAGE_IDS = {"try-it", "pair", "compare", "more-to-try", "broken", "fixed"}


def anchor_id(text, taken):
    """A readable, unique id for a heading: 'Fix 1: one callback' -> 'fix-1-one-callback'."""
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name


def outline(text, taken):
    """(level, title, anchor, body) per heading, in order; body runs to the next heading.

    Headings inside fenced code are code, as render_markdown treats them; text
    before the first heading comes first with level 0 and no title or anchor.
    """
    fences = [match.span() for match in FENCE.finditer(text)]
    headings = [
        match
        for match in HEADING.finditer(text)
        if not any(start <= match.start() < end for start, end in fences)
    ]
    sections = []
    ends = [match.start() for match in headings[1:]] + [len(text)]
    first = headings[0].start() if headings else len(text)
    if text[:first].strip():
        sections.append((0, "", "", text[:first]))
    for match, end in zip(headings, ends, strict=True):
        title = match.group(2).replace("`", "")
        level = len(match.group(1))
        sections.append((level, title, anchor_id(title, taken), text[match.end() : end]))
    return sections


def headings(text):
    """The title of every ## and ### heading, as written, in order; code blocks have none."""
    return [match.group(2) for match in HEADING.finditer(FENCE.sub("", text))]


def anchors(text):
    """{title as written: id}, in the order and with the ids the lesson page gives them."""
    taken, found = set(PAGE_IDS), {}
    for title in headings(text):
        found.setdefault(title, anchor_id(title.replace("`", ""), taken))
    return found
