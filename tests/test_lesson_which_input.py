"""which-input: what ctx.triggered, triggered_id and triggered_prop_ids hold, in Chromium."""

import re
from pathlib import Path
from urllib.parse import urlparse

import dash
import pytest
from lessonkit import (
    dash_reports,
    example,
    expect_log_count,
    frame_errors,
    log_entries,
    open_lesson,
    settle,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SLUG = "which-input"
LESSON_MD = Path(__file__).resolve().parent.parent / "lessons" / SLUG / "lesson.md"


@pytest.fixture
def lesson(page, site):
    return open_lesson(page, site, SLUG)


def update_requests(page, key):
    """The body of every callback request the example sends, in order."""
    sent = []
    path = f"/examples/{key}/_dash-update-component"
    page.on("request", lambda r: urlparse(r.url).path == path and sent.append(r.post_data_json))
    return sent


def length_box(frame):
    return frame.get_by_role("spinbutton", name="Length (m)")


def test_broken_expects_exactly_one_trigger(page, site):
    key = f"{SLUG}/broken"
    sent = update_requests(page, key)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, key)
    # Page load: nothing changed, triggered_id is None, and the else branch answers.
    expect(frame.locator("#change")).to_have_text("You changed the length to 4 m.")
    assert [(b["output"], b["changedPropIds"]) for b in sent] == [("change.children", [])]

    before = len(sent)
    frame.get_by_role("button", name="Swap").click()
    expect(frame.locator("#change")).to_have_text("You changed the width to 4 m.")
    # Both sizes did change, in one update, and report_change ran once for both.
    expect(frame.get_by_role("spinbutton", name="Width (m)")).to_have_value("4")
    expect(length_box(frame)).to_have_value("3")
    expect_log_count(lesson, key, 3)
    assert [(b["output"], b["changedPropIds"]) for b in sent[before:]] == [
        ("..width.value...length.value..", ["swap.n_clicks"]),
        ("change.children", ["width.value", "length.value"]),
    ]

    length_box(frame).fill("7")
    expect(frame.locator("#change")).to_have_text("You changed the length to 7 m.")
    assert log_entries(lesson, key) == [
        ("report_change", "initial call", "updated"),
        ("swap", "swap.n_clicks", "updated"),
        ("report_change", "width.value, length.value", "updated"),
        ("report_change", "length.value", "updated"),
    ]
    # Nothing to report: the code runs, it only answers the wrong question.
    assert dash_reports(lesson, key) == []
    assert frame_errors(lesson, key) == []


def test_fixed_names_none_then_both_then_one(lesson):
    key = f"{SLUG}/fixed"
    frame = example(lesson, key)
    expect(frame.locator("#change")).to_have_text("The room is 3 m × 4 m.")
    frame.get_by_role("button", name="Swap").click()
    expect(frame.locator("#change")).to_have_text(
        "You changed the width to 4 m and the length to 3 m."
    )
    length_box(frame).fill("7")
    expect(frame.locator("#change")).to_have_text("You changed the length to 7 m.")
    expect_log_count(lesson, key, 4)
    assert log_entries(lesson, key) == [
        ("report_change", "initial call", "updated"),
        ("swap", "swap.n_clicks", "updated"),
        ("report_change", "width.value, length.value", "updated"),
        ("report_change", "length.value", "updated"),
    ]


def context_lines(frame):
    return frame.locator("#context").inner_text().splitlines()


def lesson_text_block():
    """The ```text block of lesson.md: what *What ctx holds* shows after Swap."""
    return re.search(r"```text\n(.*?)```", LESSON_MD.read_text(encoding="utf-8"), re.S).group(1)


def test_what_ctx_holds_on_load_after_swap_and_after_typing(lesson):
    key = f"{SLUG}/what_ctx_holds"
    frame = example(lesson, key)
    expect(frame.locator("#context")).to_contain_text("ctx.triggered_id")
    # The initial call: no trigger, but a falsy one-item list for old code.
    assert context_lines(frame) == [
        "ctx.triggered_id = None",
        "ctx.triggered_prop_ids = {}",
        "ctx.triggered = [{'prop_id': '.', 'value': None}]",
        "bool(ctx.triggered) = False",
        "ctx.triggered[0]['prop_id'].split('.')[0] = ''",
    ]

    frame.get_by_role("button", name="Swap").click()
    expect(frame.locator("#context")).to_contain_text("'width.value'")
    # Width first, as swap writes it, although show_context lists length first.
    assert context_lines(frame) == lesson_text_block().splitlines()
    assert context_lines(frame)[0] == "ctx.triggered_id = 'width'"

    length_box(frame).fill("7")
    expect(frame.locator("#context")).to_contain_text("'value': 7")
    assert context_lines(frame) == [
        "ctx.triggered_id = 'length'",
        "ctx.triggered_prop_ids = {'length.value': 'length'}",
        "ctx.triggered = [{'prop_id': 'length.value', 'value': 7}]",
        "bool(ctx.triggered) = True",
        "ctx.triggered[0]['prop_id'].split('.')[0] = 'length'",
    ]
    expect_log_count(lesson, key, 4)


def test_the_order_is_the_order_of_arrival(page, site):
    key = f"{SLUG}/arrival_order"
    sent = update_requests(page, key)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, key)
    # Page load: report's Inputs came from two initial calls, so it has triggers.
    expect(frame.locator("#context")).to_have_text(
        "ctx.triggered_id = 'price'\nctx.triggered_prop_ids = ['price.children', 'stock.children']"
    )
    expect_log_count(lesson, key, 3)
    assert log_entries(lesson, key)[2] == ("report", "price.children, stock.children", "updated")

    frame.get_by_label("price").check()
    before = len(sent)
    frame.get_by_role("button", name="Look up again").click()
    expect(frame.locator("#price")).to_have_text("Price: €12 (lookup 1)")
    expect(frame.locator("#context")).to_have_text(
        "ctx.triggered_id = 'stock'\nctx.triggered_prop_ids = ['stock.children', 'price.children']"
    )
    expect_log_count(lesson, key, 6)
    # One run of report for both lookups, whose Inputs are listed price first.
    assert [b["output"] for b in sent[before:]].count("context.children") == 1
    assert log_entries(lesson, key)[3:] == [
        ("look_up_stock", "look.n_clicks", "updated"),
        ("look_up_price", "look.n_clicks", "updated"),
        ("report", "stock.children, price.children", "updated"),
    ]


def test_pattern_ids_are_dicts_and_a_new_task_lists_every_button(lesson):
    key = f"{SLUG}/pattern_ids"
    frame = example(lesson, key)
    add = frame.get_by_role("button", name="Add a task")
    context = frame.locator("#context")

    add.click()
    # The new button counts as triggered, with no clicks: not a click.
    expect(context).to_have_text(
        "ctx.triggered_id = {'index': 1, 'type': 'finish'}\n"
        'ctx.triggered[0][\'prop_id\'] = \'{"index":1,"type":"finish"}.n_clicks\'\n'
        "len(ctx.triggered) = 1"
    )
    expect(frame.locator("#done")).to_have_text("No task done yet.")

    frame.get_by_role("button", name="Finish task 1").click()
    expect(frame.locator("#done")).to_have_text("Task 1 is done.")

    for n in (2, 3):
        add.click()
        expect(frame.get_by_role("button", name=f"Finish task {n}")).to_be_visible()
        # Every button in the list is listed, the first (already clicked) one first.
        expect(context).to_contain_text(f"len(ctx.triggered) = {n}")
        expect(context).to_contain_text("ctx.triggered_id = {'index': 1, 'type': 'finish'}")
        expect(frame.locator("#done")).to_have_text("Task 1 is done.")

    frame.get_by_role("button", name="Finish task 2").click()
    expect(frame.locator("#done")).to_have_text("Task 2 is done.")
    expect(context).to_contain_text("ctx.triggered_id = {'index': 2, 'type': 'finish'}")
    expect(context).to_contain_text("len(ctx.triggered) = 1")

    pattern = '{{"index":{},"type":"finish"}}.n_clicks'.format
    expect_log_count(lesson, key, 8)
    assert log_entries(lesson, key) == [
        ("add_task", "add.n_clicks", "updated"),
        ("finish", pattern(1), "partly updated"),
        ("finish", pattern(1), "updated"),
        ("add_task", "add.n_clicks", "updated"),
        ("finish", f"{pattern(1)}, {pattern(2)}", "partly updated"),
        ("add_task", "add.n_clicks", "updated"),
        ("finish", f"{pattern(1)}, {pattern(2)}, {pattern(3)}", "partly updated"),
        ("finish", pattern(2), "updated"),
    ]


def test_values_written_by_a_callback_count_even_when_unchanged(page, site):
    """Swap 3 m and 3 m: swap writes the values they already had, and both still trigger."""
    key = f"{SLUG}/fixed"
    sent = update_requests(page, key)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, key)
    expect(frame.locator("#change")).to_have_text("The room is 3 m × 4 m.")
    length_box(frame).fill("3")
    expect(frame.locator("#change")).to_have_text("You changed the length to 3 m.")
    before = len(sent)
    frame.get_by_role("button", name="Swap").click()
    expect_log_count(lesson, key, 4)
    settle(lesson)
    assert [(b["output"], b["changedPropIds"]) for b in sent[before:]] == [
        ("..width.value...length.value..", ["swap.n_clicks"]),
        ("change.children", ["width.value", "length.value"]),
    ]
    expect(frame.locator("#change")).to_have_text(
        "You changed the width to 3 m and the length to 3 m."
    )


def test_ctx_is_callback_context():
    assert dash.ctx is dash.callback_context
