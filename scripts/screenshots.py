"""Screenshots of every page, as a reviewer would look at them.

    python scripts/screenshots.py                  # starts the site itself
    python scripts/screenshots.py --url http://127.0.0.1:8050 --only duplicate-outputs

Writes artifacts/screenshots/<page>-<width>x<height>[-pair|-full].png (not
committed): the top of each page, the lesson's pair scrolled into view, and
the whole page, at 1280x800, 1024x768 (a projector), 1440x900 and 390x844 (a phone).
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

import requests
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from localhost import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402

from gotchas.content.lessons import load_lessons  # noqa: E402

SIZES = [(1280, 800), (1024, 768), (1440, 900), (390, 844)]
# A function, not an expression: the site's CSP forbids eval of a string.
FRAMES_LOADED = """() => [...document.querySelectorAll('iframe.example-frame')]
    .filter(f => f.getClientRects().length).every(f => f.dataset.loaded)"""


def serve():
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "app:server",
            "--workers",
            "1",
            "--threads",
            "4",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return process, url
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the site did not start")


def shoot(page, url, path, out, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url + path)
    page.wait_for_selector("#main h1")
    for frame in page.locator("iframe.example-frame").all():  # they load as they come near
        if frame.is_visible():
            frame.scroll_into_view_if_needed()
    page.wait_for_function(FRAMES_LOADED, timeout=90_000)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(1200)
    name = path.strip("/").replace("/", "-") or "home"
    stem = out / f"{name}-{width}x{height}"
    page.screenshot(path=f"{stem}.png")
    if page.locator("#pair").count():
        page.locator("#pair").evaluate("el => el.scrollIntoView()")
        page.wait_for_timeout(300)
        page.screenshot(path=f"{stem}-pair.png")
    page.screenshot(path=f"{stem}-full.png", full_page=True)
    return stem


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running site; default: start one")
    parser.add_argument("--only", help="only lessons whose slug contains this")
    parser.add_argument("--out", default=str(ROOT / "artifacts" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    process, url = (None, args.url) if args.url else serve()
    paths = ["/", "/no-such-page"] + [lesson.url for lesson in load_lessons()]
    if args.only:
        paths = [p for p in paths if args.only in p]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            for path in paths:
                for width, height in SIZES:
                    print(shoot(page, url, path, out, width, height))
            browser.close()
    finally:
        if process:
            process.terminate()


if __name__ == "__main__":
    main()
