"""Lesson folders are validated: a bad one names its file and field, and nothing renders."""

import shutil
import subprocess
import sys
import textwrap

import dash
import pytest
from conftest import ROOT

from gotchas.content.lessons import ORIGINAL_SECTION, LessonError, load_lessons, sections

GOOD = textwrap.dedent(
    """\
    ---
    title: A lesson
    slug: a-lesson
    order: 1
    summary: One line.
    tested_with: 4.4.1
    section: Some section
    examples:
      broken: It breaks
      fixed: It works
    ---
    ## Try it

    1. Click the button.

    ## Why

    Body text.
    """
)


def make_lesson(root, text=GOOD, slug="a-lesson", files=("broken", "fixed")):
    folder = root / slug
    folder.mkdir(parents=True)
    (folder / "lesson.md").write_text(text)
    for name in files:
        (folder / f"{name}.py").write_text("app = None\n")
    return folder / "lesson.md"


def test_a_good_lesson_loads(tmp_path):
    make_lesson(tmp_path)
    (lesson,) = load_lessons(tmp_path)
    assert lesson.slug == "a-lesson"
    assert [e.name for e in lesson.examples] == ["broken", "fixed"]
    assert lesson.example("broken").url == "/examples/a-lesson/broken/"
    assert lesson.try_it == "1. Click the button."
    assert lesson.body == "## Why\n\nBody text."
    assert lesson.section == "Some section"


def test_sections_follow_the_original_six_then_their_first_lesson(tmp_path):
    for order, slug, section in [(1, "a-one", "Later"), (0, "b-two", "Sooner")]:
        text = GOOD.replace("a-lesson", slug).replace("order: 1", f"order: {order}")
        make_lesson(tmp_path, text.replace("Some section", section), slug=slug)
    original = GOOD.replace("a-lesson", "c-six").replace("order: 1", "order: 5")
    make_lesson(tmp_path, original.replace("section: Some section", "original: 6"), slug="c-six")
    lessons = load_lessons(tmp_path)
    assert [(title, [lsn.slug for lsn in items]) for title, items in sections(lessons)] == [
        (ORIGINAL_SECTION, ["c-six"]),
        ("Sooner", ["b-two"]),
        ("Later", ["a-one"]),
    ]


@pytest.mark.parametrize(
    "change, field",
    [
        (("title: A lesson\n", ""), "title"),
        (("order: 1", "order: first"), "order"),
        (("slug: a-lesson", "slug: Another"), "slug"),
        (("tested_with: 4.4.1", "tested_with: latest"), "tested_with"),
        (("summary: One line.", "summary: One line.\ncolour: blue"), "colour"),
        (("  fixed: It works\n", ""), "examples"),
        (("1. Click the button.", "Click the button."), "body"),
        (("## Try it", "## Steps"), "body"),
        (("Body text.", "```python\nx = 1\n```"), "body"),
        (("section: Some section\n", ""), "section"),
        (("section: Some section", "section: Some section\noriginal: 2"), "section"),
        (("section: Some section", "original: 9"), "original"),
        (("examples:", "changes: [{version: soon, note: x, api: dash.ctx}]\nexamples:"), "changes"),
        (("examples:", "changes: [{version: 2.4.0, note: x}]\nexamples:"), "changes"),
        (("examples:", "changes: [{version: 2.4.0, note: x, api: ctx}]\nexamples:"), "changes"),
    ],
)
def test_a_bad_field_is_named_with_its_file(tmp_path, change, field):
    path = make_lesson(tmp_path, GOOD.replace(*change))
    with pytest.raises(LessonError) as error:
        load_lessons(tmp_path)
    assert str(path) in str(error.value)
    assert f"field '{field}'" in str(error.value)


def test_a_listed_example_needs_its_file(tmp_path):
    make_lesson(tmp_path, files=("broken",))
    with pytest.raises(LessonError, match="'fixed' has no file fixed.py"):
        load_lessons(tmp_path)


def test_two_lessons_cannot_share_a_place(tmp_path):
    make_lesson(tmp_path)
    make_lesson(tmp_path, GOOD.replace("a-lesson", "b-lesson"), slug="b-lesson")
    with pytest.raises(LessonError, match="order"):
        load_lessons(tmp_path)


def test_the_site_refuses_to_start_on_a_bad_lesson(tmp_path):
    copy = tmp_path / "site"
    copy.mkdir()
    for part in ("app.py", "gotchas", "pages", "assets", "lessons"):
        copier = shutil.copytree if (ROOT / part).is_dir() else shutil.copy
        copier(ROOT / part, copy / part)
    path = make_lesson(copy / "lessons", GOOD.replace("order: 1", "order: first"))
    result = subprocess.run(
        [sys.executable, "-c", "import app"], cwd=copy, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert f"{path}: field 'order': must be int" in result.stderr


def test_every_shipped_lesson_is_valid_and_verified_on_the_pinned_dash():
    lessons = load_lessons()
    assert lessons, "no lessons found"
    for lesson in lessons:
        assert lesson.tested_with == dash.__version__, lesson.path
