"""The learner's progress (assets/72-progress.js): kept in the browser, shown in the
sidebar and on the home page, reset in one place, and never sent to the server."""

import json
import re

import pytest
from lessonkit import SITE_ERRORS_SCRIPT, example, open_details, open_lesson, site_errors
from pagekit import LESSONS, serious_violations
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
KEY = "callback-gotchas:progress"
TOKEN_KEY = "callback-gotchas:private-token"
TRIED = "duplicate-outputs"  # cheap pair: one button each, and a small Predict list
TICKED = "callbacks-at-startup"  # its broken example runs as this browser's private instance


def sidebar_link(page, slug):
    return page.locator(f'.site-sidebar a.nav-link[href="/lessons/{slug}"]')


def expect_mark(link, state):
    """A shape and a word: the word is part of the link's accessible name."""
    if state is None:
        expect(link.locator(".progress-mark")).to_have_count(0)
        return
    expect(link.locator(".progress-mark")).to_have_attribute("data-state", state)
    expect(link).to_have_accessible_name(re.compile(rf" {state}$"))


def stored(page):
    return page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}'))")


def lesson_box(page):
    return page.locator(".lesson-progress")


def test_progress_is_kept_shown_reset_and_never_sent(page, site):
    page.set_viewport_size({"width": 1280, "height": 800})
    sent = []
    page.on(
        "request",
        lambda r: sent.append(f"{r.url}\n{json.dumps(r.headers)}\n{r.post_data or ''}"),
    )

    # Opening a lesson marks it visited; using one example of the pair is not enough.
    open_lesson(page, site, TRIED)
    expect_mark(sidebar_link(page, TRIED), "visited")
    key = f"{TRIED}/fixed"
    fixed = example(page, key)
    open_details(page, key, "Callback graph")
    guesses = page.locator(f'.sb-guess[data-example="{key}"]')
    guesses.locator("xpath=..").locator("summary").click()
    guesses.get_by_label("speak").check()
    page.locator(f'[id*=\'"type":"sb-lock"\'][id*=\'"example":"{key}"\']').click()
    fixed.get_by_role("button", name="Say hello").click()
    expect(lesson_box(page)).to_contain_text("1 of 1 prediction right")
    expect(lesson_box(page)).to_contain_text("You used the fixed example")
    expect_mark(sidebar_link(page, TRIED), "visited")
    assert stored(page)["lessons"][TRIED]["tried"] == ["fixed"]

    # ... both examples complete it.
    example(page, f"{TRIED}/broken").get_by_role("button", name="Say hello").click()
    expect_mark(sidebar_link(page, TRIED), "completed")
    expect(lesson_box(page).get_by_label("Mark this lesson as done")).to_be_checked()

    # Another lesson, reached as Dash navigates (no page load); ticking completes it.
    sidebar_link(page, TICKED).click()
    expect(page.locator(f'article.lesson[data-lesson="{TICKED}"]')).to_be_attached()
    expect_mark(sidebar_link(page, TICKED), "visited")
    page.wait_for_function(f"() => localStorage.getItem('{TOKEN_KEY}')", timeout=60_000)
    done = lesson_box(page).get_by_label("Mark this lesson as done")
    expect(done).not_to_be_checked()
    done.check()
    expect_mark(sidebar_link(page, TICKED), "completed")

    # All of it survives a reload.
    page.reload()
    expect(lesson_box(page).get_by_label("Mark this lesson as done")).to_be_checked()
    expect_mark(sidebar_link(page, TRIED), "completed")
    expect_mark(sidebar_link(page, TICKED), "completed")
    assert site_errors(page) == []

    # The home page sums it up.
    page.goto(site + "/")
    summary = page.locator(".progress-summary")
    expect(summary).to_contain_text(f"You have completed 2 of {len(LESSONS)} lessons")
    expect(summary).to_contain_text("1 of 1 prediction right")
    expect(summary.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "2")
    expect(page.locator(".lesson-list .progress-mark")).to_have_count(2)
    expect_mark(page.locator(f'.lesson-list a[href="/lessons/{TRIED}"]'), "completed")
    note = page.locator(f'.lesson-progress-note[data-lesson="{TRIED}"]')
    expect(note).to_have_text("Predict, then run: 1 of 1 prediction right")
    assert serious_violations(page) == []

    # Nothing of it went to the server: no request carries the key or the data.
    value = page.evaluate(f"localStorage.getItem('{KEY}')")
    assert any("_dash-update-component" in request for request in sent)  # requests were seen
    leaks = [r for r in sent if any(s in r for s in (KEY, value, '"predicted"', '"tried"'))]
    assert leaks == []

    # Reset asks first, then clears everything the site keeps in this browser.
    reset = summary.get_by_role("button", name="Reset progress")
    reset.click()
    expect(reset).to_have_attribute("aria-expanded", "true")
    expect(summary.get_by_role("button", name="Cancel")).to_be_focused()
    confirm = page.locator("#progress-confirm")
    expect(confirm).to_be_visible()
    summary.get_by_role("button", name="Cancel").click()
    expect(confirm).to_be_hidden()
    assert {KEY, TOKEN_KEY} <= set(page.evaluate("Object.keys(localStorage)"))
    reset.click()
    summary.get_by_role("button", name="Yes, reset").click()
    expect(summary.get_by_role("status")).to_have_text(re.compile("^Progress reset"))
    expect(reset).to_be_focused()
    expect(page.locator(".progress-mark")).to_have_count(0)
    expect(summary).to_contain_text("Nothing yet")
    assert page.evaluate("Object.keys(localStorage)") == []
    page.reload()
    expect(summary).to_contain_text("Nothing yet")
    expect(page.locator(".progress-mark")).to_have_count(0)
    assert page.evaluate("Object.keys(localStorage)") == []


@pytest.mark.parametrize("storage", ["corrupt", "refused"])
def test_bad_or_refused_storage_is_survived(page, site, storage):
    page.add_init_script(SITE_ERRORS_SCRIPT)
    if storage == "corrupt":
        page.goto(site + "/")
        page.evaluate(f"localStorage.setItem('{KEY}', '{{\"v\": 1, \"lessons\": [oops')")
    else:  # as a browser set to refuse site data does
        page.add_init_script(
            "for (const name of ['getItem', 'setItem', 'removeItem', 'clear'])"
            " Storage.prototype[name] = () => {"
            "   throw new DOMException('refused', 'SecurityError'); };"
        )
    slug = LESSONS[-1].slug
    page.goto(f"{site}/lessons/{slug}")
    expect_mark(sidebar_link(page, slug), "visited")
    if storage == "corrupt":
        fresh = {"visited": True, "done": False, "tried": [], "predicted": 0, "right": 0}
        assert stored(page) == {"v": 1, "lessons": {slug: fresh}}
    else:  # kept for as long as the page lasts, and the learner is told
        page.locator(".navbar-brand").click()
        summary = page.locator(".progress-summary")
        expect(summary).to_contain_text(f"completed 0 of {len(LESSONS)} lessons, and opened 1")
        expect(summary).to_contain_text("does not let the site keep anything")
    assert site_errors(page) == []
