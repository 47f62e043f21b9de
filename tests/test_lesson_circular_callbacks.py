"""circular-callbacks: every claim of the lesson, in real Chromium on the pinned Dash.

Where the lesson says a key is lost because a request is still out, the test holds
that request on the network itself (page.route) instead of racing the server.
"""

import re
from urllib.parse import urlparse

import pytest
from lessonkit import (
    dash_reports,
    example,
    expect_log_count,
    expect_reports,
    frame_errors,
    log_entries,
    open_lesson,
    settle,
    site_errors,
)
from playwright.sync_api import expect
from releases import ships

pytestmark = pytest.mark.browser
SLUG = "circular-callbacks"
BROKEN, QUIET, FIXED = (f"{SLUG}/{name}" for name in ("broken", "broken_quiet", "fixed"))
CYCLE = "Error: Dependency Cycle Found: box.value -> slider.value -> box.value"
# What the two callbacks of the broken examples send: (output, trigger, values of the Inputs).
SLIDER_RUN, BOX_RUN = "slider.value", "box.value"
SYNC = "..box.value...slider.value.."


def sent_updates(page, key):
    """Bodies of the example's callback requests, in the order the page sends them."""
    sent = []
    path = f"/examples/{key}/_dash-update-component"
    page.on("request", lambda r: urlparse(r.url).path == path and sent.append(r.post_data_json))
    return sent


def calls(bodies):
    return [
        (body["output"], body["changedPropIds"], [dep["value"] for dep in body["inputs"]])
        for body in bodies
    ]


class Held:
    """Hold the example's requests for one output on the network until released."""

    def __init__(self, page, key, output):
        self.output, self.routes, self.holding = output, [], True
        page.route(f"**/examples/{key}/_dash-update-component*", self._route)

    def _route(self, route):
        if self.holding and route.request.post_data_json["output"] == self.output:
            self.routes.append(route)
        else:
            route.continue_()

    def release(self, count=None):
        """Let the first `count` held requests through (all, and stop holding, by default)."""
        if count is None:
            self.holding = False
            count = len(self.routes)
        for route in self.routes[:count]:
            route.continue_()
        del self.routes[:count]


def wait_until(page, condition, timeout_ms=15_000):
    waited = 0
    while not condition():
        assert waited < timeout_ms, "timed out"
        page.wait_for_timeout(50)
        waited += 50


def controls(frame):
    return frame.get_by_role("spinbutton", name="Volume"), frame.locator("#slider [role=slider]")


def type_into(box, text, delay=0):
    box.select_text()
    box.press_sequentially(text, delay=delay)


def open_example(page, site, key):
    sent = sent_updates(page, key)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, key)
    return lesson, frame, sent


# ---- broken: two callbacks that feed each other --------------------------------------------


def test_dev_tools_report_the_loop_and_both_callbacks_still_run_on_load(page, site):
    lesson, frame, sent = open_example(page, site, BROKEN)
    expect(frame.get_by_text("Circular Dependencies")).to_be_visible()
    frame.get_by_text("Circular Dependencies").click()
    expect(frame.get_by_text(CYCLE)).to_be_visible()
    (report,) = expect_reports(lesson, BROKEN, 1)
    assert report == f"Circular Dependencies: {CYCLE}"
    expect_log_count(lesson, BROKEN, 2)
    entries = log_entries(lesson, BROKEN)
    assert sorted(name for name, _, _ in entries) == ["box_follows_slider", "slider_follows_box"]
    first, second = entries
    assert first[1] == "initial call"
    # The first run's answer is the second one's trigger: the loop starts on load.
    assert second[1] == (BOX_RUN if first[0] == "box_follows_slider" else SLIDER_RUN)
    assert len(sent) == 2


def test_with_dev_tools_off_there_is_no_message(page, site):
    lesson, frame, sent = open_example(page, site, QUIET)
    box, slider = controls(frame)
    expect_log_count(lesson, QUIET, 2)
    box.fill("35")
    expect(slider).to_have_attribute("aria-valuenow", "35")
    expect_log_count(lesson, QUIET, 4)
    expect(frame.get_by_text("Circular Dependencies")).to_have_count(0)
    assert dash_reports(lesson, QUIET) == []
    assert frame_errors(lesson, QUIET) == []


@pytest.mark.parametrize("key", [BROKEN, QUIET])
def test_each_change_runs_both_callbacks_once_then_the_chain_stops(page, site, key):
    lesson, frame, sent = open_example(page, site, key)
    box, slider = controls(frame)
    expect_log_count(lesson, key, 2)
    before = len(sent)
    box.fill("35")
    expect(slider).to_have_attribute("aria-valuenow", "35")
    settle(lesson, 1500)
    # The second run sends 35 back into the box that holds 35; a third would repeat the first.
    assert calls(sent[before:]) == [
        (SLIDER_RUN, ["box.value"], [35]),
        (BOX_RUN, ["slider.value"], [35]),
    ]
    assert log_entries(lesson, key)[2:] == [
        ("slider_follows_box", "box.value", "updated"),
        ("box_follows_slider", "slider.value", "updated"),
    ]

    before = len(sent)
    slider.focus()
    lesson.keyboard.press("ArrowRight")
    expect(box).to_have_value("36")
    settle(lesson, 1500)
    assert calls(sent[before:]) == [
        (BOX_RUN, ["slider.value"], [36]),
        (SLIDER_RUN, ["box.value"], [36]),
    ]
    assert site_errors(lesson) == []


@pytest.mark.parametrize("key", [BROKEN, QUIET])
def test_a_key_typed_while_the_first_run_is_out_is_never_sent(page, site, key):
    lesson, frame, sent = open_example(page, site, key)
    box, slider = controls(frame)
    expect_log_count(lesson, key, 2)
    held = Held(lesson, key, SLIDER_RUN)
    before = len(sent)
    type_into(box, "7")
    wait_until(lesson, lambda: len(held.routes) == 1)
    box.press("5")
    expect(box).to_have_value("75")
    settle(lesson, 1000)
    held.release()
    settle(lesson, 2000)
    # One request for two keys, and the answer to it is ignored: the slider keeps 20.
    assert calls(sent[before:]) == [(SLIDER_RUN, ["box.value"], [7])]
    expect(box).to_have_value("75")
    expect(slider).to_have_attribute("aria-valuenow", "20")
    expect_log_count(lesson, key, 3)
    assert [entry[:2] for entry in log_entries(lesson, key)[2:]] == [
        ("slider_follows_box", "box.value")
    ]
    assert len(dash_reports(lesson, key)) == (1 if key == BROKEN else 0)

    # The next touch of a control lets the waiting run out, and it wins.
    before = len(sent)
    slider.focus()
    lesson.keyboard.press("ArrowRight")
    expect(slider).to_have_attribute("aria-valuenow", "75")
    settle(lesson, 1500)
    expect(box).to_have_value("75")
    assert calls(sent[before:])[0] == (SLIDER_RUN, ["box.value"], [75])


@pytest.mark.parametrize("key", [BROKEN, QUIET])
def test_a_key_typed_while_the_copy_back_is_out_is_overwritten(page, site, key):
    lesson, frame, sent = open_example(page, site, key)
    box, slider = controls(frame)
    expect_log_count(lesson, key, 2)
    held = Held(lesson, key, BOX_RUN)
    before = len(sent)
    type_into(box, "4")
    expect(slider).to_have_attribute("aria-valuenow", "4")
    wait_until(lesson, lambda: len(held.routes) == 1)
    box.press("2")
    expect(box).to_have_value("42")
    settle(lesson, 1000)
    held.release()
    expect(box).to_have_value("4")
    settle(lesson, 1500)
    expect(box).to_have_value("4")
    expect(slider).to_have_attribute("aria-valuenow", "4")
    # The waiting run reads the box after the copy back wrote 4 over 42.
    assert calls(sent[before:]) == [
        (SLIDER_RUN, ["box.value"], [4]),
        (BOX_RUN, ["slider.value"], [4]),
        (SLIDER_RUN, ["box.value"], [4]),
        (BOX_RUN, ["slider.value"], [4]),
    ]


def test_at_typing_speed_the_slider_is_left_behind(page, site):
    """No network tricks: SERVER_DELAY is longer than the 0.1 s between the two keys."""
    lesson, frame, sent = open_example(page, site, BROKEN)
    box, slider = controls(frame)
    expect_log_count(lesson, BROKEN, 2)
    before = len(sent)
    type_into(box, "75", delay=100)
    settle(lesson, 2500)
    expect(box).to_have_value("75")
    expect(slider).to_have_attribute("aria-valuenow", "20")
    assert calls(sent[before:]) == [(SLIDER_RUN, ["box.value"], [7])]


# ---- fixed: one callback, both values as Input and Output ----------------------------------


def test_one_callback_runs_once_per_change_and_nothing_on_load(page, site):
    lesson, frame, sent = open_example(page, site, FIXED)
    box, slider = controls(frame)
    settle(lesson, 1000)
    assert sent == []
    expect_log_count(lesson, FIXED, 0)

    path = f"/examples/{FIXED}/_dash-update-component"
    with lesson.expect_response(lambda r: urlparse(r.url).path == path) as answer:
        box.fill("35")
    expect(slider).to_have_attribute("aria-valuenow", "35")
    # no_update: the answer writes the slider only, never the box being typed in.
    assert answer.value.json()["response"] == {"slider": {"value": 35}}
    slider.focus()
    lesson.keyboard.press("ArrowRight")
    expect(box).to_have_value("36")
    settle(lesson, 1500)
    assert calls(sent) == [(SYNC, ["box.value"], [35, 20]), (SYNC, ["slider.value"], [35, 36])]
    assert log_entries(lesson, FIXED) == [
        ("sync", "box.value", "partly updated"),
        ("sync", "slider.value", "partly updated"),
    ]
    expect(frame.get_by_text("Circular Dependencies")).to_have_count(0)
    assert dash_reports(lesson, FIXED) == []
    assert frame_errors(lesson, FIXED) == []


def test_the_next_key_goes_out_at_once_and_the_older_answer_is_ignored(page, site):
    lesson, frame, sent = open_example(page, site, FIXED)
    box, slider = controls(frame)
    settle(lesson, 500)
    held = Held(lesson, FIXED, SYNC)
    type_into(box, "7")
    wait_until(lesson, lambda: len(held.routes) == 1)
    held.holding = False  # only the first run is held back
    box.press("5")
    expect(slider).to_have_attribute("aria-valuenow", "75")
    assert calls(sent) == [(SYNC, ["box.value"], [7, 20]), (SYNC, ["box.value"], [75, 20])]
    held.release()
    settle(lesson, 1500)
    expect(slider).to_have_attribute("aria-valuenow", "75")
    expect(box).to_have_value("75")


def test_the_fixed_example_keeps_up_at_typing_speed(page, site):
    lesson, frame, sent = open_example(page, site, FIXED)
    box, slider = controls(frame)
    settle(lesson, 500)
    type_into(box, "75", delay=100)
    expect(slider).to_have_attribute("aria-valuenow", "75")
    type_into(box, "42", delay=450)
    expect(slider).to_have_attribute("aria-valuenow", "42")
    settle(lesson, 1500)
    expect(box).to_have_value("42")
    assert [call[2][0] for call in calls(sent)] == [7, 75, 4, 42]


def test_a_dash_4_slider_sends_its_own_box_when_you_leave_it(page, site):
    key = f"{SLUG}/builtin_box"
    lesson, frame, sent = open_example(page, site, key)
    expect(frame.locator("#volume")).to_have_text("Volume 20")
    before = len(sent)
    own_box = frame.locator("#slider input[type=number]")
    type_into(own_box, "75", delay=100)
    expect(frame.locator("#slider [role=slider]")).to_have_attribute("aria-valuenow", "75")
    own_box.press("Enter")
    settle(lesson)
    assert sent[before:] == []
    own_box.press("Tab")
    expect(frame.locator("#volume")).to_have_text("Volume 75")
    settle(lesson)
    assert calls(sent[before:]) == [("volume.children", ["slider.value"], [75])]


# ---- what older Dash did, from its published releases -------------------------------------


def test_older_dash_refused_one_callback_with_the_same_input_and_output():
    in_browser = re.escape("Same `Input` and `Output`")
    assert [ships(v, in_browser, "js") for v in ("1.10.0", "1.11.0", "1.18.1", "1.19.0")] == [
        False,
        True,
        True,
        False,
    ]
    in_python = "SameInputOutputException"
    assert [ships(v, in_python, "py") for v in ("1.10.0", "1.11.0")] == [True, False]
