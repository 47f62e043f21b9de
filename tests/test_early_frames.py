"""A lesson's pair starts before its page is built, and the page takes those frames over.

Cold, the first view names the pair; warm, the Next link names the next lesson's. The
frames load out of sight and move into their cards without reloading (one request
for each page), and the sandbox still shows the page-load callbacks they ran before
it was on the page."""

import re
from urllib.parse import urlparse

import pytest
from lessonkit import SITE_ERRORS_SCRIPT, expect_log_count, site_errors
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SLUG = "chained-callbacks"  # its broken example runs three callbacks at page load
BEFORE = "which-input"  # the lesson whose Next is chained-callbacks
PAIR = [f"/examples/{SLUG}/{role}/" for role in ("broken", "fixed")]


def documents(page):
    """The path of every request, in order, for a pair frame's page or the site's page content."""
    seen = []

    def record(request):
        path = urlparse(request.url).path
        body = request.post_data or ""
        content = path == "/_dash-update-component" and "_pages_content" in body
        if path in PAIR or content:
            seen.append(path)

    page.on("request", record)
    return seen


def frame(page, src):
    return page.locator(f'iframe[data-src="{src}"]')


def test_cold_the_pair_loads_while_the_page_is_built_and_is_kept(page, site):
    seen = documents(page)
    page.add_init_script(SITE_ERRORS_SCRIPT)
    page.goto(f"{site}/lessons/{SLUG}")
    for src in PAIR:
        expect(frame(page, src)).to_have_attribute("data-loaded", "true", timeout=60_000)
    expect_log_count(page, f"{SLUG}/broken", 3)
    # Asked for before the page's own content: started early. (The fixed one follows
    # once the broken one has put Dash's dev bundles in the cache.)
    assert seen.index(PAIR[0]) < seen.index("/_dash-update-component")
    assert sorted(p for p in seen if p in PAIR) == sorted(PAIR)  # once each: moved, not reloaded
    # The card shows the frame that ran; the page's own element is hidden; nothing is left over.
    for src in PAIR:
        assert frame(page, src).evaluate("f => f.contentWindow.location.pathname") == src
        expect(page.locator(f"#example-{src.split('/')[-2]} iframe.example-frame")).to_have_count(1)
    expect(page.locator(".frame-holder iframe")).to_have_count(0)
    expect(page.locator("iframe.taken-over")).to_have_count(2)
    expect(page.locator("iframe.taken-over").first).to_be_hidden()
    assert site_errors(page) == []


def test_warm_next_takes_over_the_frames_pointing_at_it_started(page, site):
    page.add_init_script(SITE_ERRORS_SCRIPT)
    page.goto(f"{site}/lessons/{BEFORE}")
    expect(page.locator("#main .lesson h1")).to_be_visible()
    seen = documents(page)
    nxt = page.locator("a.lesson-nav-next")
    nxt.scroll_into_view_if_needed()
    nxt.hover()
    held = page.locator(".frame-holder iframe")
    expect(held).to_have_count(2)
    for i in range(2):
        expect(held.nth(i)).to_have_attribute("data-loaded", "true", timeout=60_000)
    # Out of sight and out of reach: no tab stop, nothing for a screen reader.
    assert page.locator(".frame-holder").evaluate("h => h.inert && getComputedStyle(h).visibility")
    held.evaluate_all("frames => frames.forEach(f => { f.contentWindow.__started = 'early'; })")
    nxt.click()
    expect(page.locator("#main .lesson h1")).to_have_text(re.compile("."))
    for src in PAIR:
        expect(frame(page, src)).to_have_attribute("data-loaded", "true")
        assert frame(page, src).evaluate("f => f.contentWindow.__started") == "early"
    assert sorted(p for p in seen if p in PAIR) == sorted(PAIR)
    expect_log_count(page, f"{SLUG}/broken", 3)
    assert site_errors(page) == []


def test_frames_for_a_lesson_not_visited_are_dropped(page, site):
    page.goto(f"{site}/lessons/{BEFORE}")
    expect(page.locator("#main .lesson h1")).to_be_visible()
    page.locator("a.lesson-nav-next").hover()
    expect(page.locator(".frame-holder iframe")).to_have_count(2)
    page.locator("a.lesson-nav-prev").click()
    left = page.locator(f".frame-holder iframe[data-early-src^='/examples/{SLUG}/']")
    expect(left).to_have_count(0)


def test_an_example_with_private_instances_never_starts_early(page, site):
    seen = []
    private = "/examples/callbacks-at-startup/broken/"
    page.on("request", lambda r: private in r.url and seen.append(r.url))
    page.goto(f"{site}/lessons/duplicate-outputs")
    nxt = page.locator("a.lesson-nav-next")
    nxt.hover()
    public = '.frame-holder iframe[data-early-src="/examples/callbacks-at-startup/fixed/"]'
    public = page.locator(public)
    expect(public).to_have_count(1)
    page.wait_for_timeout(500)
    assert seen == []


def test_a_frame_that_ran_nothing_before_its_sandbox_existed_still_gets_its_timeline(page, site):
    # multi-output-shape's broken example has no page-load callback: all it tells the
    # page before anyone clicks is that it loaded. Hold the page's content until it has.
    quiet = "multi-output-shape"
    held = []

    def hold(route):  # the site's own layout holds the page; the examples' layouts go on
        if urlparse(route.request.url).path == "/_dash-layout":
            held.append(route)
        else:
            route.continue_()

    page.route("**/_dash-layout", hold)
    page.goto(f"{site}/lessons/{quiet}")
    early = page.locator(f'.frame-holder iframe[data-early-src="/examples/{quiet}/broken/"]')
    expect(early).to_have_attribute("data-loaded", "true", timeout=60_000)
    early.content_frame.locator("#sign").wait_for(state="attached")  # the probe has told
    assert len(held) == 1 and page.locator(".sb-timeline").count() == 0
    held[0].continue_()
    timeline = page.locator(f'.sb-timeline[data-example="{quiet}/broken"]')
    expect(timeline).to_contain_text("Nothing recorded yet")
    # And the next click is drawn into it like any other.
    page.locator("#example-broken iframe.example-frame").content_frame.locator("#sign").click()
    expect(timeline.locator(".fire-entry")).to_have_count(1)
