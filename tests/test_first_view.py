"""A lesson's title, summary and steps arrive as HTML in the index page, before Dash renders."""

import json
import re
from html import unescape

import pytest
import requests
from lessonkit import SITE_ERRORS_SCRIPT, site_errors
from pagekit import LESSONS
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def squashed(markup):
    """Text without tags or spaces: markup may split a phrase at any word."""
    return re.sub(r"\s+", "", unescape(re.sub(r"<[^>]+>", "", markup)))


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
def test_the_index_of_a_lesson_carries_its_first_view(site, lesson):
    page = requests.get(site + lesson.url, timeout=30).text
    assert f"<title>{lesson.title} · Callback Gotchas</title>" in unescape(page)
    view = page[page.index('<div class="first-view"') : page.index('<div id="react-entry-point">')]
    words = squashed(view)
    assert squashed(lesson.title) in words and squashed(lesson.summary) in words
    first_step = re.search(r"^1\. (.+)$", lesson.try_it, re.MULTILINE).group(1)
    assert squashed(re.sub(r"[*`]", "", first_step)) in words
    # The page's own ids belong to the page Dash renders, never to this copy.
    assert " id=" not in view
    # It names the pair to start early; never an example with private instances.
    named = json.loads(unescape(re.search(r'data-prefetch="([^"]*)"', view).group(1)))
    pair = [lesson.example(role) for role in ("broken", "fixed")]
    assert [f["src"] for f in named] == [e.url for e in pair if not e.private]


def test_no_other_page_gets_one(site):
    for path in ("/", "/all", "/lessons/duplicate-outputs/broken", "/no-such-page"):
        assert 'class="first-view"' not in requests.get(site + path, timeout=30).text


def test_the_title_shows_without_dash_and_gives_way_to_the_page(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    # Without Dash's bundles nothing renders: what shows is the HTML alone.
    page.route("**/_dash-component-suites/**", lambda route: route.abort())
    page.goto(site + "/lessons/duplicate-outputs")
    expect(page.locator(".first-view h1")).to_have_text("One output, one callback")
    expect(page.locator(".first-view .try-it li").first).to_be_visible()
    expect(page.locator("#react-entry-point")).to_be_hidden()
    page.close()

    page = context.new_page()
    page.add_init_script(SITE_ERRORS_SCRIPT)
    page.goto(site + "/lessons/duplicate-outputs")
    expect(page.locator("#main .lesson h1")).to_be_visible()
    expect(page.locator(".first-view")).to_have_count(0)
    expect(page.locator("h1")).to_have_count(1)
    assert site_errors(page) == []
    context.close()
