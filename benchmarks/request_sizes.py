"""How large the callback requests of the lessons really are, against the site's limit.

Opens every lesson page, lets every example frame load, then clicks every
button of every frame once (and types into every text box), recording the
body of each callback request the browser sends. Prints the largest, the
median and how far below gotchas/serving/guards.py's MAX_REQUEST_BYTES it is.

Usage: python benchmarks/request_sizes.py
"""

import statistics
import sys

from harness import ROOT, launch, serve, wait_for_frames
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(ROOT))
from gotchas.content.lessons import load_lessons  # noqa: E402
from gotchas.serving.guards import MAX_REQUEST_BYTES  # noqa: E402

CLICK_EVERYTHING = """
() => {
  document.querySelectorAll("button").forEach((b) => b.click());
  document.querySelectorAll("input[type=text], input:not([type])").forEach((i) => {
    i.value = "Ada Lovelace"; i.dispatchEvent(new Event("input", {bubbles: true}));
  });
}
"""


def main():
    sizes = {}
    process, base = serve()
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.on(
                "request",
                lambda r: (
                    r.url.split("?")[0].endswith("_dash-update-component")
                    and sizes.setdefault(r.url.split("?")[0], []).append(
                        len(r.post_data_buffer or b"")
                    )
                ),
            )
            for lesson in load_lessons(ROOT / "lessons"):
                page.goto(f"{base}{lesson.url}")
                wait_for_frames(page)
                for frame in page.frames[1:]:
                    frame.evaluate(CLICK_EVERYTHING)
                page.wait_for_timeout(1500)
            browser.close()
    finally:
        process.kill()
    every = [size for found in sizes.values() for size in found]
    largest = max(sizes, key=lambda url: max(sizes[url]))
    print(f"callback requests: {len(every)} from {len(sizes)} apps")
    print(f"median {statistics.median(every):.0f} B, largest {max(every)} B ({largest})")
    print(f"limit {MAX_REQUEST_BYTES} B: {MAX_REQUEST_BYTES / max(every):.0f}x the largest")


if __name__ == "__main__":
    main()
