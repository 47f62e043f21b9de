"""Lesson folders are validated: a bad one names its file and field, and nothing renders."""

import shutil
import subprocess
import sys
import textwrap

import dash
import pytest
from conftest import ROOT

from gotchas.content.lessons import LessonError, load_lessons

GOOD = textwrap.dedent(
    """\
    ---
    title: A lesson
    slug: a-lesson
    order: 1
    summary: One line.
    tested_with: 4.4.1
    examples:
      broken: It breaks
      fixed: It works
    ---
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


@pytest.mark.parametrize(
    "change, field",
    [
        (("title: A lesson\n", ""), "title"),
        (("order: 1", "order: first"), "order"),
        (("slug: a-lesson", "slug: Another"), "slug"),
        (("tested_with: 4.4.1", "tested_with: latest"), "tested_with"),
        (("summary: One line.", "summary: One line.\ncolour: blue"), "colour"),
        (("  fixed: It works\n", ""), "examples"),
        (("Body text.", ""), "body"),
        (("examples:", "original: 9\nexamples:"), "original"),
        (("examples:", "changes: [{version: soon, note: x}]\nexamples:"), "changes"),
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
