"""Workshop plans for the instructors' page: which lessons, in what order, for how long.

The plans live in instructors/workshops.yaml as content. A block names a lesson
by its slug (what to demo and what learners do come from that lesson's text)
or is a block of its own: a title and a line of markdown. A wrong slug or
minutes that do not add up stop the site with the file and field at fault.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .lessons import REPO_ROOT, LessonError

WORKSHOPS_FILE = REPO_ROOT / "instructors" / "workshops.yaml"
LOOK_FOR = re.compile(r"^What to look for:\s*(.+?)(?:\n\s*\n|\Z)", re.MULTILINE | re.DOTALL)
FIRST_STEP = re.compile(r"^1\. +(.+?)(?=^\d+\. |\n\s*\n|\Z)", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Block:
    minutes: int
    start: int  # minutes from the start of the workshop
    lesson: object = None  # a Lesson, or None for a block of its own
    title: str = ""
    text: str = ""


@dataclass(frozen=True)
class Workshop:
    minutes: int
    anchor: str
    title: str
    summary: str
    blocks: tuple


def first_step(lesson):
    """The first of the lesson's 'Try it' steps: what to do on the projector."""
    return " ".join(FIRST_STEP.search(lesson.try_it).group(1).split())


def look_for(lesson):
    """The lesson's 'What to look for' paragraph, or '' if its steps have none."""
    match = LOOK_FOR.search(lesson.try_it)
    text = " ".join(match.group(1).split()) if match else ""
    return text[:1].upper() + text[1:]


def _block(item, start, by_slug, path, where):
    if not isinstance(item, dict) or not isinstance(item.get("minutes"), int):
        raise LessonError(path, where, "each block needs whole 'minutes'")
    if "lesson" in item:
        lesson = by_slug.get(item["lesson"])
        if lesson is None:
            raise LessonError(path, where, f"'{item['lesson']}' is not a lesson's slug")
        return Block(item["minutes"], start, lesson=lesson)
    if not item.get("title") or not item.get("text"):
        raise LessonError(path, where, "a block without a lesson needs 'title' and 'text'")
    return Block(item["minutes"], start, title=item["title"], text=item["text"])


def load_workshops(lessons, path=WORKSHOPS_FILE):
    path = Path(path)
    by_slug = {lesson.slug: lesson for lesson in lessons}
    workshops = []
    for i, plan in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))):
        blocks, start = [], 0
        for j, item in enumerate(plan.get("blocks") or []):
            block = _block(item, start, by_slug, path, f"[{i}].blocks[{j}]")
            blocks.append(block)
            start += block.minutes
        if start != plan.get("minutes"):
            raise LessonError(
                path, f"[{i}].minutes", f"the blocks add up to {start}, not {plan.get('minutes')}"
            )
        workshops.append(
            Workshop(plan["minutes"], plan["anchor"], plan["title"], plan["summary"], tuple(blocks))
        )
    return tuple(workshops)
