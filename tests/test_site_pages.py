"""Every page: no console error from the site, no dead internal link, no foreign host,
no Content-Security-Policy violation in the page or any example frame (dev tools included)."""

from urllib.parse import urljoin, urlparse

import pytest
import requests
from lessonkit import SITE_ERRORS_SCRIPT, site_errors, wait_for_all_frames
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# Runs in the page and in every frame: each violation is reported to the top page.
CSP_SCRIPT = """
document.addEventListener("securitypolicyviolation", function (e) {
  var top = window.top;
  (top.__csp = top.__csp || []).push([location.pathname, e.effectiveDirective, e.blockedURI]);
});
"""


def is_full_screen_example(path):
    return path.startswith("/lessons/") and path.count("/") == 3


def test_every_page_is_clean(page, site, site_app):
    page.add_init_script(SITE_ERRORS_SCRIPT)
    page.add_init_script(CSP_SCRIPT)
    foreign, failed = [], []
    page.on(
        "request",
        lambda r: (
            urlparse(r.url).scheme in ("http", "https")
            and urlparse(r.url).hostname not in LOOPBACK
            and foreign.append(r.url)
        ),
    )
    page.on("response", lambda r: r.status >= 400 and failed.append((r.status, r.url)))

    queue, seen, links = ["/"], set(), set()
    problems, frames = [], 0
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        page.goto(site + path)
        expect(page.locator("#main h1").first).to_be_visible()
        if not is_full_screen_example(path):
            # A full-screen page frames an example its lesson page has already run.
            wait_for_all_frames(page)
        problems += [(path, error) for error in site_errors(page)]
        problems += [(path, "CSP", v) for v in page.evaluate("window.__csp || []")]
        frames += page.locator("iframe.example-frame[data-loaded]").count()
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            url = urlparse(urljoin(site + path, href))
            if url.hostname not in LOOPBACK:
                problems.append((path, f"external link {href}"))
            elif url.path.startswith(("/lessons/", "/")) and not url.path.startswith("/examples/"):
                queue.append(url.path)
            links.add(url.path)

    dead = [
        link for link in sorted(links) if requests.get(site + link, timeout=30).status_code != 200
    ]
    assert {"/", "/lessons/duplicate-outputs"} <= seen
    assert any(link.startswith("/examples/") and link.endswith(".py") for link in links)
    assert problems == []
    assert frames >= len(site_app.EXAMPLES), "each example ran in its lesson page"
    assert dead == []
    assert foreign == []
    assert failed == []


def test_unknown_pages_get_a_helpful_404(page, site):
    page.add_init_script(SITE_ERRORS_SCRIPT)
    response = page.goto(site + "/lessons/no-such-lesson")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("We could not find that page")
    expect(
        page.get_by_role("main").get_by_role("link", name="One output, one callback")
    ).to_be_visible()
    assert site_errors(page) == []


def test_home_and_sidebar_list_the_original_six_in_their_order(page, site):
    from gotchas.content.lessons import ORIGINAL_SECTION, load_lessons, sections

    originals = dict(sections(load_lessons()))[ORIGINAL_SECTION]
    assert [lsn.original for lsn in originals] == list(range(1, len(originals) + 1))
    page.goto(site + "/")
    section = page.locator(
        "section", has=page.get_by_role("heading", name="The original page's six")
    )
    items = section.locator(".list-group-item")
    expect(items).to_have_count(len(originals))
    for item, lesson in zip(items.all(), originals, strict=True):
        expect(item.get_by_role("link")).to_have_text(lesson.title)
        expect(item).to_contain_text(f"Original gotcha {lesson.original} of 6")
    sidebar = page.get_by_role("navigation", name="Lessons").first
    links = sidebar.get_by_role("link").all_inner_texts()
    assert [text.split(". ", 1)[1] for text in links[: len(originals)]] == [
        lsn.title for lsn in originals
    ]
