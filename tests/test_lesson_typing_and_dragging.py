"""typing-and-dragging: every claim of the lesson, in real Chromium on the pinned Dash.

Requests are counted on the network, key by key and step by step of a real mouse drag.
"""

import time
from urllib.parse import urlparse

import pytest
from lessonkit import (
    dash_reports,
    example,
    expect_log_count,
    log_entries,
    open_lesson,
    settle,
    site_errors,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SLUG = "typing-and-dragging"
BROKEN, FIXED = f"{SLUG}/broken", f"{SLUG}/fixed"
ALL_FRUIT = "7 found: apple, apricot, banana, cherry, grape, lemon, mango"


def sent_updates(page, key):
    """(time sent, body) of each of the example's callback requests."""
    sent = []
    path = f"/examples/{key}/_dash-update-component"

    def record(request):
        if urlparse(request.url).path == path:
            sent.append((time.monotonic(), request.post_data_json))

    page.on("request", record)
    return sent


def calls(sent):
    """Each request as (output, trigger, values of the Inputs)."""
    return [
        (body["output"], body["changedPropIds"], [dep.get("value") for dep in body["inputs"]])
        for _, body in sent
    ]


def open_example(page, site, key):
    sent = sent_updates(page, key)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, key)
    return lesson, frame, sent


def handle(frame, slider_id):
    return frame.locator(f"#{slider_id} [role=slider]")


def steady_box(page, locator):
    """The element's box once it stops moving: frames and code above it can still
    change height just after the example loads, and a press must land on the handle."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    for _ in range(50):
        page.wait_for_timeout(100)
        again = locator.bounding_box()
        if again == box:
            return box
        box = again
    raise AssertionError(f"{locator} never stopped moving")


def grab(page, frame, slider_id):
    """Press the mouse on the slider's handle; returns its position."""
    thumb = handle(frame, slider_id)
    box = steady_box(page, thumb)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    # The slider focuses the handle it was pressed on: a press that missed would make
    # the drag below move nothing, and the test would blame Dash.
    assert thumb.evaluate("t => t === t.ownerDocument.activeElement"), (
        f"the press at {x:.0f},{y:.0f} missed the handle, now at {thumb.bounding_box()}"
    )
    return x, y


def drag_to(page, frame, slider_id, target, start=None):
    """Move the handle a few pixels at a time until it shows target, the mouse held down
    (grabbing the handle first, unless start gives where the held mouse already is).
    The caller decides when to let go; returns where the mouse is."""
    thumb = handle(frame, slider_id)
    x, y = start or grab(page, frame, slider_id)
    step = -3 if target < int(thumb.get_attribute("aria-valuenow")) else 3
    for _ in range(300):
        if int(thumb.get_attribute("aria-valuenow")) == target:
            return x, y
        x += step
        page.mouse.move(x, y)
        page.wait_for_timeout(25)
    raise AssertionError(
        f"the handle never reached {target}: it shows {thumb.get_attribute('aria-valuenow')}, "
        f"the mouse is at {x:.0f},{y:.0f}, the handle at {thumb.bounding_box()}"
    )


# ---- broken: every keystroke, every step ---------------------------------------------------


def test_every_keystroke_is_a_request(page, site):
    lesson, frame, sent = open_example(page, site, BROKEN)
    expect(frame.locator("#results")).to_have_text(ALL_FRUIT)
    expect_log_count(lesson, BROKEN, 1)
    before = len(sent)
    box = frame.get_by_role("textbox", name="Search")
    for typed, key in enumerate("mango", start=1):
        # One key at a time, each answer in before the next key: on a busy machine an
        # answer overtaken by the next keystroke's would be dropped by the renderer.
        box.press(key)
        expect_log_count(lesson, BROKEN, 1 + typed)
    expect(frame.locator("#results")).to_have_text("1 found: mango")
    settle(lesson, 800)
    assert calls(sent[before:]) == [
        ("results.children", ["search.value"], [text, 10])
        for text in ["m", "ma", "man", "mang", "mango"]
    ]
    expect_log_count(lesson, BROKEN, 6)
    assert log_entries(lesson, BROKEN)[1:] == [("search", "search.value", "updated")] * 5
    # Enter changes nothing: the value is already sent.
    before = len(sent)
    frame.get_by_role("textbox", name="Search").press("Enter")
    settle(lesson)
    assert sent[before:] == []


def test_a_drag_mode_slider_sends_every_step_before_you_let_go(page, site):
    lesson, frame, sent = open_example(page, site, BROKEN)
    expect_log_count(lesson, BROKEN, 1)
    before = len(sent)
    drag_to(lesson, frame, "price", 7)
    settle(lesson, 800)
    assert calls(sent[before:]) == [
        ("results.children", ["price.value"], [None, price]) for price in (9, 8, 7)
    ]
    lesson.mouse.up()
    settle(lesson, 800)
    assert len(sent) - before == 3
    expect(frame.locator("#results")).to_have_text(
        "6 found: apple, apricot, banana, grape, lemon, mango"
    )
    assert [entry[1] for entry in log_entries(lesson, BROKEN)[1:]] == ["price.value"] * 3


# ---- fixed: debounce=True and updatemode="mouseup" -----------------------------------------


def test_debounce_true_sends_on_enter_or_when_you_leave_the_box(page, site):
    lesson, frame, sent = open_example(page, site, FIXED)
    expect(frame.locator("#results")).to_have_text(ALL_FRUIT)
    search = frame.get_by_role("textbox", name="Search")
    before = len(sent)
    search.press_sequentially("mango", delay=50)
    settle(lesson, 1000)
    assert sent[before:] == []
    expect(frame.locator("#results")).to_have_text(ALL_FRUIT)

    search.press("Enter")
    expect(frame.locator("#results")).to_have_text("1 found: mango")
    search.press("Enter")  # the same text again
    settle(lesson)
    assert calls(sent[before:]) == [("results.children", ["search.value"], ["mango", 10])]

    before = len(sent)
    search.fill("apr")
    settle(lesson)
    assert sent[before:] == []
    search.press("Tab")
    expect(frame.locator("#results")).to_have_text("1 found: apricot")
    search.fill("an")
    frame.locator("#results").click()  # a click elsewhere
    expect(frame.locator("#results")).to_have_text("2 found: banana, mango")
    settle(lesson)
    assert [call[2][0] for call in calls(sent[before:])] == ["apr", "an"]
    expect_log_count(lesson, FIXED, 4)
    assert log_entries(lesson, FIXED)[1:] == [("search", "search.value", "updated")] * 3


def test_mouseup_sends_once_when_you_let_go(page, site):
    lesson, frame, sent = open_example(page, site, FIXED)
    expect_log_count(lesson, FIXED, 1)
    before = len(sent)
    drag_to(lesson, frame, "price", 7)
    settle(lesson, 800)
    assert sent[before:] == []
    lesson.mouse.up()
    expect(frame.locator("#results")).to_have_text(
        "6 found: apple, apricot, banana, grape, lemon, mango"
    )
    settle(lesson)
    assert calls(sent[before:]) == [("results.children", ["price.value"], [None, 7])]
    assert site_errors(lesson) == []


# ---- debounce in seconds --------------------------------------------------------------------


def test_debounce_in_seconds_waits_for_a_pause(page, site):
    key = f"{SLUG}/debounce_seconds"
    lesson, frame, sent = open_example(page, site, key)
    search = frame.get_by_role("textbox", name="Search")
    expect_log_count(lesson, key, 1)
    before = len(sent)
    search.press_sequentially("mang", delay=100)
    typed = time.monotonic()
    search.press("o")
    expect(frame.locator("#results")).to_have_text("1 found: mango")
    settle(lesson, 1000)
    assert calls(sent[before:]) == [("results.children", ["search.value"], ["mango"])]
    # Half a second after the last key, give or take the time to record the request.
    assert 0.5 <= sent[-1][0] - typed < 3

    search.fill("")
    expect(frame.locator("#results")).to_have_text(f"7 found: {ALL_FRUIT.split(': ')[1]}")
    before = len(sent)
    search.press_sequentially("lemon", delay=1000)
    expect(frame.locator("#results")).to_have_text("1 found: lemon")
    settle(lesson, 1000)
    assert [call[2][0] for call in calls(sent[before:])] == ["l", "le", "lem", "lemo", "lemon"]


# ---- drag_value ----------------------------------------------------------------------------


def test_drag_value_follows_the_handle_and_value_waits_for_release(page, site):
    key = f"{SLUG}/drag_value"
    lesson, frame, sent = open_example(page, site, key)
    expect(frame.locator("#moving")).to_have_text("Up to 10")
    expect_log_count(lesson, key, 2)
    # prevent_initial_call=True, yet show_position runs on load: the slider set drag_value.
    assert sorted(log_entries(lesson, key)) == [
        ("search", "initial call", "updated"),
        ("show_position", "price.drag_value", "updated"),
    ]
    assert ("moving.children", ["price.drag_value"], [10]) in calls(sent)

    before = len(sent)
    drag_to(lesson, frame, "price", 7)
    expect(frame.locator("#moving")).to_have_text("Up to 7")
    settle(lesson, 800)
    assert calls(sent[before:]) == [
        ("moving.children", ["price.drag_value"], [price]) for price in (9, 8, 7)
    ]
    lesson.mouse.up()
    expect(frame.locator("#results")).to_have_text(
        "6 found: apple, apricot, banana, grape, lemon, mango"
    )
    settle(lesson)
    assert calls(sent[before:])[3:] == [("results.children", ["price.value"], [7])]


# ---- the same value again ------------------------------------------------------------------


def test_a_callback_setting_the_same_value_runs_the_listeners_again(page, site):
    key = f"{SLUG}/same_value"
    lesson, frame, sent = open_example(page, site, key)
    expect(frame.locator("#shown")).to_have_text("Level 50")
    expect_log_count(lesson, key, 1)
    for clicks in (1, 2):
        before = len(sent)
        frame.get_by_role("button", name="Set to 50").click()
        expect_log_count(lesson, key, 1 + 2 * clicks)
        settle(lesson)
        assert calls(sent[before:]) == [
            ("level.value", ["reset.n_clicks"], [clicks]),
            ("shown.children", ["level.value"], [50]),
        ]
    assert (
        log_entries(lesson, key)[1:]
        == [
            ("set_to_fifty", "reset.n_clicks", "updated"),
            ("show_level", "level.value", "updated"),
        ]
        * 2
    )


def test_you_setting_the_same_value_runs_nothing(page, site):
    key = f"{SLUG}/same_value"
    lesson, frame, sent = open_example(page, site, key)
    expect_log_count(lesson, key, 1)
    thumb = handle(frame, "level")
    before = len(sent)
    away = drag_to(lesson, frame, "level", 70)
    drag_to(lesson, frame, "level", 50, start=away)
    lesson.mouse.up()
    thumb.click()  # on the handle, without moving it
    settle(lesson, 1000)
    expect(thumb).to_have_attribute("aria-valuenow", "50")
    assert sent[before:] == []
    expect_log_count(lesson, key, 1)
    # A real change does run.
    thumb.focus()
    lesson.keyboard.press("ArrowRight")
    expect(frame.locator("#shown")).to_have_text("Level 60")


def test_no_update_stops_the_same_value_from_running_anything(page, site):
    key = f"{SLUG}/only_if_changed"
    lesson, frame, sent = open_example(page, site, key)
    expect_log_count(lesson, key, 1)
    before = len(sent)
    path = f"/examples/{key}/_dash-update-component"
    with lesson.expect_response(lambda r: urlparse(r.url).path == path) as answer:
        frame.get_by_role("button", name="Set to 50").click()
    # The answer writes nothing, so show_level is not asked.
    assert answer.value.json()["response"] == {}
    expect_log_count(lesson, key, 2)
    settle(lesson)
    assert calls(sent[before:]) == [("level.value", ["reset.n_clicks"], [1])]
    assert sent[-1][1]["state"][0]["value"] == 50
    assert log_entries(lesson, key)[1][:2] == ("set_to_fifty", "reset.n_clicks")
    # Away from 50, the same click sets it and show_level runs.
    handle(frame, "level").focus()
    lesson.keyboard.press("ArrowRight")
    expect(frame.locator("#shown")).to_have_text("Level 60")
    frame.get_by_role("button", name="Set to 50").click()
    expect(frame.locator("#shown")).to_have_text("Level 50")
    assert dash_reports(lesson, key) == []
