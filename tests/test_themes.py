"""Dark mode and present mode.

Dark: the system's choice unless the learner picks one in the navbar (kept in
this browser), set before the first paint, followed by the example frames and
the code; axe-core clean in dark as in light. Present: ?present=1 or the navbar's
switch, kept for the tab; at 1024x768 the lesson alone, its pair full width,
and what Dash says large enough to read from the back of a room."""

import re
from pathlib import Path

import pytest
from lessonkit import example
from pagekit import box, serious_violations
from playwright.sync_api import expect

from gotchas.page import highlight

pytestmark = pytest.mark.browser
ASSETS = Path(__file__).resolve().parent.parent / "assets"
LESSON = "duplicate-outputs"  # its broken example has Dash say "Duplicate callback outputs"
BROKEN = f"{LESSON}/broken"
# The page's and the frames' backgrounds, and a keyword in github-dark and in pygments' default.
PAGE_BG = {"light": "rgb(255, 255, 255)", "dark": "rgb(33, 37, 41)"}
PRESENT = re.compile(r"\bpresent\b")
KEYWORD = {"light": "rgb(0, 128, 0)", "dark": "rgb(255, 123, 114)"}


def test_the_code_stylesheets_are_what_pygments_makes():
    assert (ASSETS / "20-pygments.css").read_text() == highlight.stylesheet()
    assert (ASSETS / "21-pygments-dark.css").read_text() == highlight.dark_stylesheet()


def looks(page, frame):
    """(theme on <html>, page background, frame background, keyword colour in the lesson text)."""
    return (
        page.evaluate("document.documentElement.dataset.bsTheme"),
        page.evaluate("getComputedStyle(document.body).backgroundColor"),
        frame.locator("body").evaluate("el => getComputedStyle(el).backgroundColor"),
        page.locator(".lesson-body .highlight .k").first.evaluate(
            "el => getComputedStyle(el).color + ' ' + getComputedStyle(el).fontWeight"
        ),
    )


def expected(theme):
    weight = "700" if theme == "light" else "400"  # github-dark sets no bold on keywords
    return (theme, PAGE_BG[theme], PAGE_BG[theme], f"{KEYWORD[theme]} {weight}")


def test_dark_follows_the_system_until_the_learner_chooses(page, site):
    page.emulate_media(color_scheme="dark")
    page.goto(f"{site}/lessons/{LESSON}")
    # Set in <head>, before anything is drawn: the page's and the frame's.
    heads = "() => !!document.head.querySelector('script[src^=\"/assets/head/theme.js\"]')"
    assert page.evaluate(heads)
    frame = example(page, BROKEN)
    assert frame.locator("html").evaluate(heads.replace("() =>", "h =>"))
    choice = page.get_by_role("combobox", name="Theme")
    expect(choice).to_have_value("system")
    assert looks(page, frame) == expected("dark")
    # The system changes its mind; the page and the open frame follow.
    page.emulate_media(color_scheme="light")
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "light")
    assert looks(page, frame) == expected("light")

    # A choice beats the system, frames included, and outlives a reload.
    choice.select_option("dark")
    assert looks(page, frame) == expected("dark")
    page.reload()
    frame = example(page, BROKEN)
    expect(page.get_by_role("combobox", name="Theme")).to_have_value("dark")
    assert looks(page, frame) == expected("dark")
    page.get_by_role("combobox", name="Theme").select_option("system")
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "light")


# Light is what test_lesson_pages.py and test_site_pages.py check on every page.
def test_axe_finds_nothing_serious_in_dark(page, site):
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size({"width": 1280, "height": 800})
    for path in ["/", f"/lessons/{LESSON}"]:
        page.goto(site + path)
        expect(page.locator("#main h1")).to_be_visible()
        expect(page.locator("html")).to_have_attribute("data-bs-theme", "dark")
        if path != "/":
            # With what the sandbox draws once the example ran: its rows and Dash's message.
            example(page, BROKEN)
            expect(page.locator("#example-broken .sb-says")).to_contain_text("Duplicate")
        assert serious_violations(page) == [], path


def test_present_mode_at_a_projector_s_1024_by_768(page, site):
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{site}/lessons/{LESSON}?present=1")
    html, switch = page.locator("html"), page.get_by_role("switch", name="Present")
    expect(html).to_have_class(PRESENT)
    expect(switch).to_have_attribute("aria-checked", "true")
    expect(page.locator("#example-broken .sb-more")).to_be_hidden()
    frame = example(page, BROKEN)
    expect(frame.locator("html")).to_have_class(PRESENT)
    says = page.locator("#example-broken .sb-says")
    expect(says).to_contain_text("Duplicate callback outputs")
    expect(page.locator("#example-broken .sb-timeline")).to_be_visible()
    says.scroll_into_view_if_needed()
    text = says.locator(".sb-says-text").first
    assert text.evaluate("el => parseFloat(getComputedStyle(el).fontSize)") >= 20
    said = box(says)
    assert 0 <= said["left"] and said["right"] <= 1024
    assert text.evaluate("el => el.scrollWidth <= el.clientWidth")
    # The pair full width, one example above the other.
    broken, fixed = box(page.locator("#example-broken")), box(page.locator("#example-fixed"))
    assert broken["width"] >= 1024 - 40 and fixed["width"] == broken["width"]
    assert fixed["top"] >= broken["bottom"]
    # Where the lesson list and the contents would show, they do not.
    page.set_viewport_size({"width": 1440, "height": 900})
    sidebar, toc = page.locator(".site-sidebar"), page.locator(".toc")
    expect(sidebar).to_be_hidden()
    expect(toc).to_be_hidden()

    # Kept for the session; the switch turns it off, and ?present=0 too.
    page.goto(f"{site}/lessons/{LESSON}")
    expect(html).to_have_class(PRESENT)
    switch.click()
    expect(html).not_to_have_class(PRESENT)
    expect(switch).to_have_attribute("aria-checked", "false")
    expect(sidebar).to_be_visible()
    expect(toc).to_be_visible()
    switch.click()
    expect(html).to_have_class(PRESENT)
    page.goto(f"{site}/lessons/{LESSON}?present=0")
    expect(switch).to_have_attribute("aria-checked", "false")
    expect(html).not_to_have_class(PRESENT)
