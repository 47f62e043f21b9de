"""The handout (/all): every lesson in reading order with the source of every example,
no live frame; on paper, it and a lesson page show no navigation, frame or button,
and no listing is clipped."""

import pytest
from lessonkit import SITE_ERRORS_SCRIPT, site_errors
from pagekit import LESSONS, serious_violations
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
HIDDEN_ON_PAPER = ".navbar, .site-sidebar, iframe, button, .sandbox, .toc"
CLIPPED = """() => [...document.querySelectorAll('pre')]
    .filter(pre => pre.checkVisibility())
    .filter(pre => pre.scrollWidth > pre.clientWidth + 1 || pre.scrollHeight > pre.clientHeight + 1)
    .map(pre => pre.getAttribute('aria-label') || pre.textContent.slice(0, 40))"""


def open_handout(page, site, width=1280):
    page.set_viewport_size({"width": width, "height": 800})
    page.add_init_script(SITE_ERRORS_SCRIPT)
    page.goto(f"{site}/all")
    expect(page.locator("#main h1")).to_have_text("All lessons — handout")
    expect(page.locator(".handout-lesson")).to_have_count(len(LESSONS))
    return page


def on_paper(page):
    """What printing shows: nothing that only works on screen, every listing whole."""
    page.emulate_media(media="print")
    visible = page.eval_on_selector_all(
        HIDDEN_ON_PAPER,
        "els => els.filter(e => e.checkVisibility()).map(e => e.outerHTML.slice(0, 80))",
    )
    assert visible == []
    assert page.evaluate(CLIPPED) == []
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    return pdf


def test_the_handout_lists_every_lesson_in_order_with_every_file(page, site):
    open_handout(page, site)
    assert page.title() == "All lessons — handout"
    titles = page.locator(".handout-lesson > h2").all_inner_texts()
    assert [t.rstrip("#").strip() for t in titles] == [f"{x.order}. {x.title}" for x in LESSONS]
    contents = page.get_by_role("navigation", name="Lessons in this handout").get_by_role("link")
    assert contents.all_inner_texts() == [lesson.title for lesson in LESSONS]
    for lesson in LESSONS:
        article = page.locator(f'.handout-lesson[data-lesson="{lesson.slug}"]')
        expect(article.locator(".lead").first).to_have_text(lesson.summary)
        shown = article.locator("pre[data-source]")
        assert shown.evaluate_all("ps => ps.map(p => p.dataset.source)") == [
            e.key for e in lesson.examples
        ]
        for example in lesson.examples:
            # The listing is the file, byte for byte.
            text = article.locator(f'pre[data-source="{example.key}"]').text_content()
            assert text == example.source, example.key
    assert page.locator("iframe").count() == 0
    # A link to an example in a lesson's text lands on that file's listing here.
    for href in page.eval_on_selector_all(
        ".handout a[href^='#']", "els => els.map(e => e.getAttribute('href'))"
    ):
        assert page.locator(href).count() == 1, href
    assert site_errors(page) == []
    assert serious_violations(page) == []


def test_the_handout_prints_without_frames_or_clipped_code(page, site):
    open_handout(page, site)
    on_paper(page)
    # Each lesson begins a new sheet.
    breaks = page.eval_on_selector_all(
        ".handout-lesson", "els => els.map(e => getComputedStyle(e).breakBefore)"
    )
    assert set(breaks) == {"page"}


def test_a_lesson_page_prints_its_text_and_sources_without_frames(page, site):
    lesson = next(x for x in LESSONS if x.slug == "duplicate-outputs")
    page.set_viewport_size({"width": 390, "height": 844})  # the phone's tabs must not hide one
    page.add_init_script(SITE_ERRORS_SCRIPT)
    page.goto(f"{site}{lesson.url}")
    expect(page.locator("#main h1")).to_have_text(lesson.title)
    expect(page.locator("#example-fixed")).to_be_hidden()
    on_paper(page)
    for example in lesson.examples:
        source = page.locator(f'pre[data-source="{example.key}"]')
        expect(source).to_be_visible()  # printed open, though folded on screen
    expect(page.locator("#example-fixed .example-diff .diff-line").first).to_be_visible()
    assert site_errors(page) == []


def test_home_links_the_handout(page, site):
    page.goto(site + "/")
    expect(page.get_by_role("link", name="Printable handout")).to_have_attribute("href", "/all")
