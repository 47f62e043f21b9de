"""What the lesson page shows of each example: its source, copy, download, full screen."""

import time

import pytest
from conftest import ROOT
from lessonkit import example, open_details, open_lesson, wait_for_all_frames
from playwright.sync_api import expect

from gotchas.content.lessons import load_lessons

pytestmark = pytest.mark.browser
LESSON = "duplicate-outputs"
KEYS = [e.key for lesson in load_lessons() if lesson.slug == LESSON for e in lesson.examples]


def source_of(key):
    lesson, name = key.split("/")
    return (ROOT / "lessons" / lesson / f"{name}.py").read_text(encoding="utf-8")


def test_the_shown_source_is_the_file_byte_for_byte(page, site):
    open_lesson(page, site, LESSON)
    for key in KEYS:
        shown = page.locator(f'pre[data-source="{key}"]').evaluate("el => el.textContent")
        assert shown == source_of(key), key
        assert page.locator(f'pre[data-source="{key}"] span').count() > 20, "not highlighted"


def test_copy_puts_the_file_on_the_clipboard(page, site, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_lesson(page, site, LESSON)
    key = f"{LESSON}/fixed"
    open_details(page, key, "Source")
    copy = page.get_by_role("button", name="Copy fixed.py")
    copy.focus()
    page.keyboard.press("Enter")  # a real button: the keyboard works it too
    expect(copy).to_have_text("Copied")
    # dcc.Clipboard writes a moment after the click, and wait_for_function would take
    # readText's promise itself for a truthy answer: poll with evaluate, which awaits it.
    deadline = time.monotonic() + 10
    while (copied := page.evaluate("navigator.clipboard.readText()")) != source_of(key):
        if time.monotonic() > deadline:
            break
        page.wait_for_timeout(100)
    assert copied == source_of(key)


def test_download_link_serves_the_file(page, site):
    open_lesson(page, site, LESSON)
    open_details(page, f"{LESSON}/broken", "Source")
    with page.expect_download() as info:
        page.locator(f'a[href="/examples/{LESSON}/broken.py"]').click()
    download = info.value
    assert download.suggested_filename == "broken.py"
    assert open(download.path(), encoding="utf-8").read() == source_of(f"{LESSON}/broken")


def test_full_screen_link_opens_the_example_alone(page, site, context):
    open_lesson(page, site, LESSON)
    with context.expect_page() as info:
        page.get_by_role("link", name="Full screen ↗").first.click()
    alone = info.value
    alone.wait_for_load_state()
    # A page of the site: the example with its sandbox (tests/test_sandbox_truth.py).
    assert alone.url == f"{site}/lessons/{LESSON}/broken"
    frame = example(alone, f"{LESSON}/broken")
    expect(frame.get_by_role("button", name="Say hello")).to_be_visible()
    expect(frame.get_by_text("Duplicate callback outputs")).to_be_visible()


def test_frames_share_one_copy_of_each_bundle(page, site, context):
    """Cold cache: every bundle URL is the site's, and each comes over the network once."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    urls, cached, finished = {}, set(), []
    cdp.on(
        "Network.requestWillBeSent", lambda e: urls.update({e["requestId"]: e["request"]["url"]})
    )
    cdp.on("Network.requestServedFromCache", lambda e: cached.add(e["requestId"]))
    cdp.on("Network.loadingFinished", lambda e: finished.append(e["requestId"]))
    open_lesson(page, site, LESSON)
    for key in KEYS:
        expect(example(page, key).locator("button").first).to_be_visible()
    wait_for_all_frames(page)
    bundles = [urls[rid] for rid in finished if "_dash-component-suites" in urls.get(rid, "")]
    downloads = [urls[rid] for rid in finished if rid not in cached and urls.get(rid) in bundles]
    assert all(url.startswith(f"{site}/_dash-component-suites/") for url in bundles)
    assert len(bundles) > len(downloads), "no frame reused a bundle"
    assert sorted(downloads) == sorted(set(downloads))
