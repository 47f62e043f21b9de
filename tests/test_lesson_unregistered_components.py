"""unregistered-components: every claim of the lesson, shown in real Chromium on the pinned Dash."""

import pytest
from lessonkit import (
    example,
    expect_log_count,
    frame_errors,
    log_entries,
    open_lesson,
    settle,
    site_errors,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SLUG = "unregistered-components"


@pytest.fixture
def lesson(page, site):
    return open_lesson(page, site, SLUG)


def choose_city(frame, city):
    frame.locator("#city").click()
    # The list is a popper that can open past the frame's edge before the frame
    # grows to hold it; a DOM click picks the option wherever it is drawn.
    frame.get_by_role("option", name=city).dispatch_event("click")
    expect(frame.locator("#city")).to_have_text(city)


def frame_of(page, key):
    return next(f for f in page.frames if f.url.endswith(f"/examples/{key}/"))


def test_values_no_callback_reads_survive_a_redraw(lesson):
    key = f"{SLUG}/broken"
    frame = example(lesson, key)
    expect(frame.locator("#report")).to_have_text("Report version 1")
    choose_city(frame, "Oslo")
    frame.get_by_role("textbox", name="Note").fill("Bring an umbrella")
    frame.get_by_role("button", name="Refresh the report").click()
    expect(frame.locator("#report")).to_have_text("Report version 2")
    frame.get_by_role("button", name="Refresh the report").click()
    expect(frame.locator("#report")).to_have_text("Report version 3")
    # The old bug would have put Lisbon and an empty note back here.
    expect(frame.locator("#city")).to_have_text("Oslo")
    expect(frame.get_by_role("textbox", name="Note")).to_have_value("Bring an umbrella")
    expect_log_count(lesson, key, 3)
    assert log_entries(lesson, key) == [
        ("refresh_report", "initial call", "updated"),
        ("refresh_report", "refresh.n_clicks", "updated"),
        ("refresh_report", "refresh.n_clicks", "updated"),
    ]
    assert frame_errors(lesson, key) == []


def test_editing_what_no_callback_reads_sends_nothing(lesson):
    key = f"{SLUG}/broken"
    sent = []
    lesson.on("request", lambda r: f"/examples/{key}/_dash-update" in r.url and sent.append(r))
    frame = example(lesson, key)
    expect(frame.locator("#report")).to_have_text("Report version 1")
    sent.clear()
    choose_city(frame, "Tokyo")
    frame.get_by_role("textbox", name="Note").fill("Window seat")
    settle(lesson)
    assert sent == []
    expect_log_count(lesson, key, 1)


def test_fix_reads_the_current_values_as_state(lesson):
    key = f"{SLUG}/fixed"
    frame = example(lesson, key)
    expect(frame.locator("#report")).to_have_text("Report version 1 for Lisbon: no note")
    choose_city(frame, "Tokyo")
    choose_city(frame, "Oslo")
    frame.get_by_role("textbox", name="Note").fill("Bring an umbrella")
    settle(lesson)
    # State fires nothing on its own: still only the initial call.
    expect_log_count(lesson, key, 1)
    expect(frame.locator("#report")).to_have_text("Report version 1 for Lisbon: no note")
    frame.get_by_role("button", name="Refresh the report").click()
    expect(frame.locator("#report")).to_have_text("Report version 2 for Oslo: Bring an umbrella")
    expect(frame.locator("#city")).to_have_text("Oslo")
    expect_log_count(lesson, key, 2)
    assert log_entries(lesson, key) == [
        ("refresh_report", "initial call", "updated"),
        ("refresh_report", "refresh.n_clicks", "updated"),
    ]


def edit_then_switch_language(frame):
    expect(frame.locator("label[for=city]")).to_have_text("City")
    choose_city(frame, "Oslo")
    frame.get_by_role("textbox", name="Note").fill("Bring an umbrella")
    frame.get_by_role("radio", name="Português").check()
    expect(frame.locator("label[for=city]")).to_have_text("Cidade")
    expect(frame.locator("label[for=note]")).to_have_text("Nota")


def test_a_callback_that_returns_the_component_resets_it(lesson):
    key = f"{SLUG}/rebuilt"
    frame = example(lesson, key)
    edit_then_switch_language(frame)
    expect(frame.locator("#city")).to_have_text("Lisbon")
    expect(frame.get_by_role("textbox", name="Nota")).to_have_value("")
    expect_log_count(lesson, key, 2)
    assert log_entries(lesson, key) == [
        ("build_form", "initial call", "updated"),
        ("build_form", "language.value", "updated"),
    ]


def test_writing_only_the_labels_leaves_the_values_alone(lesson):
    key = f"{SLUG}/labels_only"
    frame = example(lesson, key)
    edit_then_switch_language(frame)
    expect(frame.locator("#city")).to_have_text("Oslo")
    expect(frame.get_by_role("textbox", name="Nota")).to_have_value("Bring an umbrella")
    expect_log_count(lesson, key, 2)
    assert log_entries(lesson, key) == [
        ("translate_labels", "initial call", "updated"),
        ("translate_labels", "language.value", "updated"),
    ]


def test_persistence_puts_the_edits_back_after_a_rebuild(lesson):
    key = f"{SLUG}/rebuilt_persistent"
    frame = example(lesson, key)
    edit_then_switch_language(frame)
    expect(frame.locator("#city")).to_have_text("Oslo")
    expect(frame.get_by_role("textbox", name="Nota")).to_have_value("Bring an umbrella")
    frame.get_by_role("radio", name="English").check()
    expect(frame.locator("label[for=city]")).to_have_text("City")
    expect(frame.locator("#city")).to_have_text("Oslo")
    expect(frame.get_by_role("textbox", name="Note")).to_have_value("Bring an umbrella")
    expect_log_count(lesson, key, 3)
    assert [entry[1] for entry in log_entries(lesson, key)] == [
        "initial call",
        "language.value",
        "language.value",
    ]


def test_memory_persistence_stays_out_of_browser_storage_and_ends_with_the_page(lesson):
    key = f"{SLUG}/rebuilt_persistent"
    frame = example(lesson, key)
    edit_then_switch_language(frame)
    expect(frame.locator("#city")).to_have_text("Oslo")
    document = frame_of(lesson, key)
    stored = document.evaluate(
        "[...Object.keys(localStorage), ...Object.keys(sessionStorage)]"
        ".filter((key) => key.includes('city') || key.includes('note'))"
    )
    assert stored == []
    document.evaluate("location.reload()")
    expect(frame.locator("label[for=city]")).to_have_text("City")
    expect(frame.locator("#city")).to_have_text("Lisbon")
    expect(frame.get_by_role("textbox", name="Note")).to_have_value("")


def test_examples_leave_the_site_alone(lesson):
    for name in ("broken", "fixed", "rebuilt", "rebuilt_persistent"):
        example(lesson, f"{SLUG}/{name}")
    choose_city(example(lesson, f"{SLUG}/broken"), "Tokyo")
    # Same ids in every frame, yet each example keeps its own value.
    expect(example(lesson, f"{SLUG}/fixed").locator("#city")).to_have_text("Lisbon")
    assert site_errors(lesson) == []
