"""Going to the next or previous lesson keeps the site's own app: no reload, and the
new lesson starts at its top with its pair running."""

import pytest
from lessonkit import SITE_ERRORS_SCRIPT, site_errors
from pagekit import LESSONS
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_next_and_previous_do_not_reload_the_site(page, site):
    first, second = LESSONS[0], LESSONS[1]
    page.add_init_script(SITE_ERRORS_SCRIPT)
    page.goto(site + first.url)
    expect(page.locator("#main .lesson h1")).to_have_text(first.title)
    page.evaluate("() => { window.__sameDocument = true; }")

    page.locator("a.lesson-nav-next").click()
    expect(page.locator("#main .lesson h1")).to_have_text(second.title)
    assert page.url == site + second.url
    assert page.evaluate("() => window.__sameDocument") is True
    assert page.evaluate("() => window.scrollY") == 0
    for role in ("broken", "fixed"):
        frame = page.locator(f"#example-{role} iframe.example-frame")
        expect(frame).to_have_attribute("data-src", f"/examples/{second.slug}/{role}/")
        expect(frame).to_have_attribute("data-loaded", "true", timeout=60_000)

    page.locator("a.lesson-nav-prev").click()
    expect(page.locator("#main .lesson h1")).to_have_text(first.title)
    assert page.evaluate("() => window.__sameDocument") is True
    page.go_back()
    expect(page.locator("#main .lesson h1")).to_have_text(second.title)
    assert site_errors(page) == []
