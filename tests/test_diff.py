"""What changed from broken.py: the diff shows exactly the lines that differ, numbered
as in each file, with unchanged runs folded, and every line byte for byte."""

import difflib
import re

import pytest
from lessonkit import SITE_ERRORS_SCRIPT, site_errors
from pagekit import LESSONS
from playwright.sync_api import expect

from gotchas.page.diff import Fold, Line, line_diff

BY_SLUG = {lesson.slug: lesson for lesson in LESSONS}
HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")

OLD = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n"
NEW = "a\nb\nc\nd\nE\nf\ng\nh\ni\nj\nk\nl\n"


def expected_changes(old, new):
    """(removed, added): [(line number, text)] for each side, read from unified_diff -U0."""
    removed, added = [], []
    old_no = new_no = 0
    diff = difflib.unified_diff(old.split("\n")[:-1], new.split("\n")[:-1], n=0, lineterm="")
    for line in list(diff)[2:]:
        hunk = HUNK.match(line)
        if hunk:
            # -U0 names the line before an empty side: the next line is one further.
            old_no = int(hunk[1]) + (hunk[2] == "0")
            new_no = int(hunk[3]) + (hunk[4] == "0")
        elif line.startswith("-"):
            removed.append((old_no, line[1:]))
            old_no += 1
        elif line.startswith("+"):
            added.append((new_no, line[1:]))
            new_no += 1
    return removed, added


def flat(items):
    for item in items:
        yield from item.lines if isinstance(item, Fold) else [item]


def test_the_diff_of_two_known_files():
    items = line_diff(OLD, NEW, context=2)
    shown = [
        item if isinstance(item, Line) else ("fold", [line.new for line in item.lines])
        for item in items
    ]
    assert shown == [
        ("fold", [1, 2]),
        Line("same", 3, 3, "c"),
        Line("same", 4, 4, "d"),
        Line("removed", 5, None, "e"),
        Line("added", None, 5, "E"),
        Line("same", 6, 6, "f"),
        Line("same", 7, 7, "g"),
        ("fold", [8, 9]),
        Line("same", 10, 10, "j"),
        Line("same", 11, 11, "k"),
        Line("added", None, 12, "l"),
    ]
    assert expected_changes(OLD, NEW) == ([(5, "e")], [(5, "E"), (12, "l")])


def test_a_short_unchanged_run_is_not_folded():
    items = line_diff("a\nb\nc\nd\n", "A\nb\nc\nD\n", context=1)
    assert not any(isinstance(item, Fold) for item in items)  # folding 1 line hides nothing


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.slug for lesson in LESSONS])
def test_every_example_s_diff_is_both_files_line_for_line(lesson):
    old = lesson.example("broken").source
    for example in lesson.examples[1:]:
        new = example.source
        lines = list(flat(line_diff(old, new)))
        assert "\n".join(ln.text for ln in lines if ln.kind != "added") + "\n" == old
        assert "\n".join(ln.text for ln in lines if ln.kind != "removed") + "\n" == new
        removed = [(ln.old, ln.text) for ln in lines if ln.kind == "removed"]
        added = [(ln.new, ln.text) for ln in lines if ln.kind == "added"]
        assert (removed, added) == expected_changes(old, new), example.key


ROWS = """region => [...region.querySelectorAll('.diff-line')].map(row => ({
    kind: row.classList.contains('diff-removed') ? 'removed'
        : row.classList.contains('diff-added') ? 'added' : 'same',
    old: row.querySelector('.diff-old-no').textContent,
    new: row.querySelector('.diff-new-no').textContent,
    mark: row.querySelector('.diff-mark').textContent,
    text: row.querySelector('code').textContent,
    visible: row.checkVisibility(),
}))"""


def shown_diff(page, card):
    """Open a card's diff: the changes must be visible at once, the folded runs on asking."""
    diff = card.locator("details.example-diff")
    expect(diff).not_to_have_attribute("open", "")  # folded under the source by default
    diff.locator("> summary").click()
    region = diff.get_by_role("region")
    expect(region).to_be_visible()
    before = region.evaluate(ROWS)
    assert all(row["visible"] for row in before if row["kind"] != "same")
    for fold in diff.locator("details.diff-fold > summary").all():
        fold.click()
    return diff, region.evaluate(ROWS), before


@pytest.mark.browser
@pytest.mark.parametrize("slug", ["duplicate-outputs", "prevent-update"])
def test_the_lesson_page_shows_exactly_the_lines_difflib_says_differ(page, site, slug):
    lesson = BY_SLUG[slug]
    page.set_viewport_size({"width": 1280, "height": 800})
    page.add_init_script(SITE_ERRORS_SCRIPT)
    page.goto(f"{site}{lesson.url}")
    expect(page.locator("#main h1")).to_be_visible()
    expect(page.locator("#example-broken details.example-diff")).to_have_count(0)
    old = lesson.example("broken").source
    extra = [e for e in lesson.examples if e.name not in ("broken", "fixed")]
    assert extra, "the test looks at an extra example too"
    for example in [lesson.example("fixed"), extra[0]]:
        card = page.locator(f"#example-{example.name}")
        card.scroll_into_view_if_needed()
        diff, rows, folded = shown_diff(page, card)
        expect(diff.locator("> summary")).to_contain_text("What changed from broken.py")
        new = example.source
        removed, added = expected_changes(old, new)
        marks = {"removed": "−removed: ", "added": "+added: ", "same": " "}
        assert all(row["mark"] == marks[row["kind"]] for row in rows)
        shown_removed = [(int(r["old"]), r["text"]) for r in rows if r["kind"] == "removed"]
        shown_added = [(int(r["new"]), r["text"]) for r in rows if r["kind"] == "added"]
        assert (shown_removed, shown_added) == (removed, added), example.key
        # Unfolded, the diff is both files, every line once and exactly.
        assert "\n".join(r["text"] for r in rows if r["kind"] != "added") + "\n" == old
        assert "\n".join(r["text"] for r in rows if r["kind"] != "removed") + "\n" == new
        hidden = [r for r in folded if r["kind"] == "same" and not r["visible"]]
        assert hidden, "long unchanged runs start folded"
        summary = diff.locator("> summary").inner_text()
        assert f"{len(removed)} line" in summary and f"{len(added)} added" in summary
    assert site_errors(page) == []
