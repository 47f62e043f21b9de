"""Site search: the navbar box finds the lesson section that teaches a name, answered in the
browser from one index fetched on first use, by keyboard, mouse and on a phone."""

import re
from urllib.parse import unquote, urlparse

import dash
import pytest
import requests
from lessonkit import SITE_ERRORS_SCRIPT, site_errors
from pagekit import LESSONS, serious_violations
from playwright.sync_api import expect

from gotchas.content.search_index import build_index

BY_SLUG = {lesson.slug: lesson for lesson in LESSONS}
# What teaches each name, measured with grep over lessons/ (mentions per section of
# lesson.md, then the example files) and what the search ranks first:
# - allow_duplicate: duplicate-outputs, 13 mentions; 6 in "Fix 2: allow the duplicate".
# - n_clicks_timestamp: only duplicate-outputs; 3 of its 5 in "What changed since the old advice".
# - triggered_id: which-input, 16 mentions, and its summary opens with ctx.triggered_id:
#   the top of the lesson.
# - suppress_callback_exceptions: layout-validation, 6 mentions (missing-inputs 4); its
#   "What changed since the old advice" tells when to set it and how.
TAUGHT = {
    "allow_duplicate": ("duplicate-outputs", "fix-2-allow-the-duplicate"),
    "n_clicks_timestamp": ("duplicate-outputs", "what-changed-since-the-old-advice"),
    "triggered_id": ("which-input", ""),
    "suppress_callback_exceptions": ("layout-validation", "what-changed-since-the-old-advice"),
    # An error's name finds the section its lesson declares explains it (front matter errors).
    "MissingLongCallbackManagerError": (
        "background-callbacks",
        "no-manager-no-error-until-it-runs",
    ),
}
INDEX = "/search-index.json"
OPTIONS = "#site-search-results [role=option]"
# The lessons' framed apps are not what is tested here, and each loads Dash: blank pages
# keep the browser free for the search (tests/test_lesson_pages.py lands with real frames).
BLANK_FRAME = "<!doctype html><html lang='en'><title>example</title></html>"


def results_for(page, query):
    """Type the query; wait until the first result is the one for it, and return the options."""
    box = page.locator("#site-search-input")
    expect(box).to_be_focused()
    box.fill(query)
    options = page.locator(OPTIONS)
    expect(options.first.locator("mark").first).to_have_text(query, ignore_case=True)
    return options


def expect_landed(page, query):
    slug, anchor = TAUGHT[query]
    lesson = BY_SLUG[slug]
    expect(page).to_have_url(re.compile(re.escape(lesson.url) + (f"#{anchor}$" if anchor else "$")))
    expect(page.locator("#main h1")).to_have_text(lesson.title)
    # The section itself near the top of the window, once Dash has drawn the page.
    target = f"#{anchor}" if anchor else "#main h1"
    page.wait_for_function(
        "sel => Math.abs(document.querySelector(sel).getBoundingClientRect().top) < 80",
        arg=target,
        timeout=10_000,
    )
    expect(page.locator("#site-search-results")).to_be_hidden()


@pytest.mark.browser
def test_the_box_finds_where_each_name_is_taught_and_no_query_leaves_the_page(page, site):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.add_init_script(SITE_ERRORS_SCRIPT)
    page.route(re.compile(r"/examples/"), lambda route: route.fulfill(body=BLANK_FRAME))
    sent = []
    page.on("request", lambda r: sent.append((unquote(r.url), r.post_data or "")))
    page.goto(site + "/")
    expect(page.locator("#main h1")).to_be_visible()
    expect(page.locator("#site-search-input")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert not [url for url, _ in sent if INDEX in url], "the index waits for the box"
    before = len(sent)

    # "/" focuses the box; the list is a combobox's listbox, moved through with arrows.
    page.keyboard.press("/")
    options = results_for(page, "allow_duplicate")
    box = page.get_by_role("combobox", name="Search the lessons")
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(options.first).to_contain_text("One output, one callback")
    expect(options.first).to_contain_text("Fix 2: allow the duplicate")
    expect(options.first).to_have_attribute("aria-selected", "true")
    box.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(options.first).to_have_attribute("aria-selected", "false")
    expect(box).to_have_attribute("aria-activedescendant", options.nth(1).get_attribute("id"))
    box.press("ArrowUp")
    expect(options.first).to_have_attribute("aria-selected", "true")
    assert serious_violations(page) == []
    # Typing asked the server for the index and for nothing else.
    assert [url for url, _ in sent[before:]] == [site + INDEX]
    box.press("Enter")
    expect_landed(page, "allow_duplicate")

    # Ctrl-K; a click on a result in the lesson already open moves to its section.
    page.keyboard.press("Control+k")
    results_for(page, "n_clicks_timestamp").first.click()
    expect_landed(page, "n_clicks_timestamp")

    # Escape closes the list; the arrow opens it again.
    page.keyboard.press("Control+k")
    results_for(page, "triggered_id")
    box.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("triggered_id")
    box.press("ArrowDown")
    expect(page.get_by_role("listbox")).to_be_visible()
    box.press("Enter")
    expect_landed(page, "triggered_id")

    page.locator("body").press("/")
    results_for(page, "suppress_callback_exceptions").first.click()
    expect_landed(page, "suppress_callback_exceptions")

    page.keyboard.press("Control+k")
    results_for(page, "MissingLongCallbackManagerError").first.click()
    expect_landed(page, "MissingLongCallbackManagerError")

    assert [url for url, _ in sent if INDEX in url] == [site + INDEX], "fetched once"
    # Framed examples' paths name them (fixed_allow_duplicate): they are not queries.
    site_requests = [(u, b) for u, b in sent if not urlparse(u).path.startswith("/examples/")]
    assert [(u, b) for u, b in site_requests for q in TAUGHT if q in u or q in b] == []
    assert site_errors(page) == []


@pytest.mark.browser
def test_on_a_phone_an_icon_opens_the_box_and_escape_closes_it(page, site):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site + "/")
    expect(page.locator("#main h1")).to_be_visible()
    icon = page.get_by_role("button", name="Search the lessons")
    box = page.get_by_role("combobox", name="Search the lessons")
    expect(box).to_be_hidden()
    icon.click()
    expect(icon).to_have_attribute("aria-expanded", "true")
    options = results_for(page, "set_props")
    expect(options.first).to_be_in_viewport()
    panel = page.locator(".search-panel").evaluate("el => el.getBoundingClientRect().toJSON()")
    assert panel["left"] >= 0 and panel["right"] <= 390
    assert serious_violations(page) == []
    for _ in range(3):  # the list, then the text, then the box
        box.press("Escape")
    expect(box).to_be_hidden()
    expect(icon).to_be_focused()


def _components(component):
    if isinstance(component, list | tuple):
        for child in component:
            yield from _components(child)
    elif isinstance(component, dash.development.base_component.Component):
        yield component
        yield from _components(getattr(component, "children", None))


def test_the_index_covers_every_lesson_and_links_only_to_ids_its_page_has(site, site_app):
    index = build_index(site_app.LESSONS)
    assert sorted(lesson["url"] for lesson in index["lessons"]) == sorted(
        BY_SLUG[s].url for s in BY_SLUG
    )
    for number, lesson in enumerate(site_app.LESSONS):
        parts = list(_components(dash.page_registry[f"lessons.{lesson.slug}"]["layout"]))
        ids = {part.id for part in parts if isinstance(getattr(part, "id", None), str)}
        headings = {
            part.href[1:]
            for part in parts
            if "heading-anchor" in (getattr(part, "className", "") or "")
        }
        places = [place for place in index["places"] if place["lesson"] == number]
        anchors = {place["anchor"] for place in places}
        # Every heading of the page is a place (but the comparison box's: the browser fills
        # it in), and every place but the top is an id of the page.
        assert headings and headings - {"compare"} <= anchors, lesson.slug
        assert anchors - {""} <= ids, lesson.slug
        assert "" in anchors
        for example in lesson.examples:
            place = next(p for p in places if p["anchor"] == f"example-{example.name}")
            assert ["code", example.source] in place["fields"]
        for error in lesson.errors:
            assert any(
                ["error", error.message] in place["fields"] and place["section"] == error.section
                for place in places
            ), error.id

    response = requests.get(site + INDEX, timeout=30)
    assert response.json() == index
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Cache-Control"] == "no-cache"
    again = requests.get(
        site + INDEX, headers={"If-None-Match": response.headers["ETag"]}, timeout=30
    )
    assert again.status_code == 304
