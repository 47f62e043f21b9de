"""duplicate-outputs: every claim of the lesson, shown in real Chromium on the pinned Dash."""

import pytest
from lessonkit import example, expect_log_count, log_entries, open_lesson, settle, site_errors
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SLUG = "duplicate-outputs"


@pytest.fixture
def lesson(page, site):
    return open_lesson(page, site, SLUG)


def click_both_and_type(frame):
    frame.get_by_role("button", name="Say hello").click()
    frame.get_by_role("button", name="Say goodbye").click()
    frame.get_by_role("textbox").fill("Ada")


def test_with_dev_tools_on_no_callback_fires_at_all(lesson):
    frame = example(lesson, f"{SLUG}/broken")
    expect(frame.get_by_text("Duplicate callback outputs")).to_be_visible()
    click_both_and_type(frame)
    settle(lesson)
    expect(frame.locator("#message")).to_have_text("Nobody has spoken yet.")
    # Not even the unrelated callback, not even on page load.
    expect(frame.locator("#greeting")).to_have_text("")
    expect_log_count(lesson, f"{SLUG}/broken", 0)


def test_with_dev_tools_off_the_last_registered_function_answers_both(lesson):
    frame = example(lesson, f"{SLUG}/broken_quiet")
    frame.get_by_role("button", name="Say hello").click()
    # say_goodbye runs for the hello button, with hello's click count.
    expect(frame.locator("#message")).to_have_text("Goodbye! (goodbye clicked 1x)")
    frame.get_by_role("button", name="Say goodbye").click()
    expect(frame.locator("#message")).to_have_text("Goodbye! (goodbye clicked 1x)")
    frame.get_by_role("textbox").fill("Ada")
    expect(frame.locator("#greeting")).to_have_text("Nice to meet you, Ada.")
    expect_log_count(lesson, f"{SLUG}/broken_quiet", 4)
    assert log_entries(lesson, f"{SLUG}/broken_quiet") == [
        ("greet", "initial call", "updated"),
        ("say_goodbye", "hello.n_clicks", "updated"),
        ("say_goodbye", "goodbye.n_clicks", "updated"),
        ("greet", "name.value", "updated"),
    ]
    expect(frame.get_by_text("Duplicate callback outputs")).to_have_count(0)


def test_fix_with_triggered_id(lesson):
    key = f"{SLUG}/fixed"
    frame = example(lesson, key)
    frame.get_by_role("button", name="Say hello").click()
    expect(frame.locator("#message")).to_have_text("Hello! (hello clicked 1x)")
    frame.get_by_role("button", name="Say goodbye").click()
    expect(frame.locator("#message")).to_have_text("Goodbye! (goodbye clicked 1x)")
    frame.get_by_role("textbox").fill("Ada")
    expect(frame.locator("#greeting")).to_have_text("Nice to meet you, Ada.")
    expect_log_count(lesson, key, 4)
    assert log_entries(lesson, key) == [
        ("greet", "initial call", "updated"),
        ("speak", "hello.n_clicks", "updated"),
        ("speak", "goodbye.n_clicks", "updated"),
        ("greet", "name.value", "updated"),
    ]
    expect(frame.get_by_text("Duplicate callback outputs")).to_have_count(0)


def test_fix_with_allow_duplicate(lesson):
    key = f"{SLUG}/fixed_allow_duplicate"
    frame = example(lesson, key)
    frame.get_by_role("button", name="Say hello").click()
    expect(frame.locator("#message")).to_have_text("Hello! (hello clicked 1x)")
    frame.get_by_role("button", name="Say goodbye").click()
    expect(frame.locator("#message")).to_have_text("Goodbye! (goodbye clicked 1x)")
    expect_log_count(lesson, key, 3)
    assert log_entries(lesson, key) == [
        ("greet", "initial call", "updated"),
        ("say_hello", "hello.n_clicks", "updated"),
        ("say_goodbye", "goodbye.n_clicks", "updated"),
    ]


def test_broken_example_leaves_the_site_and_other_frames_alone(lesson):
    broken = example(lesson, f"{SLUG}/broken")
    expect(broken.get_by_text("Duplicate callback outputs")).to_be_visible()
    fixed = example(lesson, f"{SLUG}/fixed")
    fixed.get_by_role("button", name="Say hello").click()
    expect(fixed.locator("#message")).to_have_text("Hello! (hello clicked 1x)")
    # The site's own callbacks still run: the firing log renders, navigation works.
    expect_log_count(lesson, f"{SLUG}/fixed", 2)
    assert site_errors(lesson) == []
    lesson.get_by_role("link", name="Callback Gotchas").click()
    expect(lesson.locator("h1")).to_have_text("Callback Gotchas")
