"""The pictures of link previews (Open Graph and Twitter cards) and the README's screenshot.

    python scripts/og_images.py                 # starts the site itself
    python scripts/og_images.py --url http://127.0.0.1:8050 --only duplicate-outputs

For each lesson, assets/og/<slug>.jpg: 1200x630 (the size chat apps and slide
tools show), the lesson's title and summary above its live broken/fixed pair
as it looks after loading, without the sidebar and the steps. Then
assets/og/home.jpg and assets/og/instructors.jpg, the top of those pages, and
docs/screenshot.jpg, a lesson page as a learner sees it at 1280x800. JPEG at
quality 60: 50 to 100 kB each. pages/*.py name them in register_page(image=...);
run this again after changing a lesson's pair or the site's look.
"""

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "scripts")]

from localhost import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from screenshots import serve  # noqa: E402

from gotchas.content.lessons import load_lessons, reading_order  # noqa: E402

OUT = ROOT / "assets" / "og"
README_SHOT = ROOT / "docs" / "screenshot.jpg"
SIZE = {"width": 1200, "height": 630}
QUALITY = 60
# A preview is small: the pair and what it is about, nothing to navigate.
PREVIEW_CSS = """
.navbar, .site-sidebar, .try-it, .pair-switcher, .changes, .toc, .sb-compare-box,
.example-body { display: none !important; }
.site-grid { grid-template-columns: minmax(0, 1fr) !important; padding: 1.25rem 2rem !important; }
.lesson header h1 { font-size: 2.4rem; }
.pair-cards { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) !important; }
"""
# The home page and this guide: the page itself, wider, under the site's name.
PAGE_CSS = """
.site-sidebar { display: none !important; }
.site-grid { grid-template-columns: minmax(0, 1fr) !important; padding: 0 2rem !important; }
"""
# A function, not an expression: the site's CSP forbids eval of a string.
PAIR_READY = """() => [...document.querySelectorAll('#pair iframe.example-frame')]
    .every(f => f.dataset.loaded && f.dataset.fitted)"""


def _settle(page):
    page.wait_for_function(PAIR_READY, timeout=90_000)
    page.wait_for_timeout(1500)  # page-load callbacks, then the frames take their height
    page.evaluate("window.scrollTo(0, 0)")


def lesson_preview(page, url, lesson):
    page.set_viewport_size(SIZE)
    page.goto(f"{url}{lesson.url}")
    page.wait_for_selector("#main h1")
    page.add_style_tag(content=PREVIEW_CSS)
    _settle(page)
    path = OUT / f"{lesson.slug}.jpg"
    page.screenshot(path=path, type="jpeg", quality=QUALITY)
    return path


def page_preview(page, url, path, name):
    page.set_viewport_size(SIZE)
    page.goto(f"{url}{path}")
    page.wait_for_selector("#main h1")
    page.add_style_tag(content=PAGE_CSS)
    page.wait_for_timeout(800)
    out = OUT / f"{name}.jpg"
    page.screenshot(path=out, type="jpeg", quality=QUALITY)
    return out


def readme_screenshot(page, url, lesson):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{url}{lesson.url}")
    page.wait_for_selector("#main h1")
    _settle(page)
    README_SHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=README_SHOT, type="jpeg", quality=QUALITY)
    return README_SHOT


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running site; default: start one")
    parser.add_argument("--only", help="only lessons whose slug contains this")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    lessons = reading_order(load_lessons())
    process, url = (None, args.url) if args.url else serve()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            for lesson in lessons:
                if not args.only or args.only in lesson.slug:
                    print(lesson_preview(page, url, lesson))
            if not args.only:
                print(page_preview(page, url, "/", "home"))
                print(page_preview(page, url, "/instructors", "instructors"))
                print(readme_screenshot(page, url, lessons[0]))
            browser.close()
    finally:
        if process:
            process.terminate()


if __name__ == "__main__":
    main()
