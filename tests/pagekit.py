"""What the page-level browser tests share: lessons in reading order, frames that
have settled, boxes on screen, and axe-core's verdict."""

from axe_playwright_python.sync_playwright import Axe

from gotchas.content.lessons import load_lessons, reading_order, sections

LESSONS = reading_order(load_lessons())
SLUGS = [lesson.slug for lesson in LESSONS]
# The page's machinery (anchors, deep links, tabs, keyboard) is the same code on
# every lesson: it is checked on the first lesson of each section and on the
# lessons with the most examples, to keep CI within its time. What depends on a
# lesson's own content (one screen, axe, frames that fit, Dash's message, every
# link and console error in test_site_pages) is checked on every lesson.
SAMPLE = sorted(
    {items[0].slug for _, items in sections(LESSONS)}
    | {lesson.slug for lesson in sorted(LESSONS, key=lambda lesson: -len(lesson.examples))[:2]}
)
AXE = Axe()
FRAMES = "iframe.example-frame"


def pair_frames(page):
    return [page.locator(f"#example-{role} {FRAMES}") for role in ("broken", "fixed")]


def settled_frames(page, selector=FRAMES, quiet_ms=400, limit_ms=20_000):
    """Wait until the frames have loaded, reported their size, and stopped resizing.

    Frames load as they come near the screen: each is brought into view in turn."""
    for frame in page.locator(selector).all():
        frame.scroll_into_view_if_needed()
    page.wait_for_function(
        """sel => [...document.querySelectorAll(sel)].every(
               f => f.dataset.loaded && f.dataset.fitted)""",
        arg=selector,
        timeout=90_000,
    )
    heights, still, waited = None, 0, 0
    while still < quiet_ms and waited < limit_ms:
        now = page.eval_on_selector_all(selector, "fs => fs.map(f => f.clientHeight)")
        still = still + 100 if now == heights else 0
        heights = now
        page.wait_for_timeout(100)
        waited += 100
    return heights


def box(locator):
    return locator.evaluate("el => el.getBoundingClientRect().toJSON()")


def on_screen(page, locator):
    rect = box(locator)
    viewport = page.viewport_size
    return rect["top"] >= -1 and rect["bottom"] <= viewport["height"] + 1 and rect["height"] > 0


def serious_violations(page):
    """axe-core on the site's own document (example apps in frames are the lessons' code)."""
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.wait_for_timeout(300)
    results = AXE.run(page, options={"iframes": False, "resultTypes": ["violations"]})
    return [
        (v["id"], v["impact"], [node["target"] for node in v["nodes"][:3]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
