"""The section headings of a lesson's text, and the ids their anchors get on its page.

The lesson page (gotchas/page/markdown.py) and the error decoder, which links
to the section that explains a message, name sections the same way.
"""

import re

from .snippets import FENCE

HEADING = re.compile(r"^(#{2,3}) +(.+?) *$", re.MULTILINE)


def anchor_id(text, taken):
    """A readable, unique id for a heading: 'Fix 1: one callback' -> 'fix-1-one-callback'."""
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name


def headings(text):
    """The title of every ## and ### heading, as written, in order; code blocks have none."""
    return [match.group(2) for match in HEADING.finditer(FENCE.sub("", text))]


def anchors(text):
    """{title as written: id}, in the order and with the ids the lesson page gives them."""
    taken, found = set(), {}
    for title in headings(text):
        found.setdefault(title, anchor_id(title.replace("`", ""), taken))
    return found
