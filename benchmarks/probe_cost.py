"""What the sandbox's instrumentation adds to a callback's round trip.

Serves the site twice in this run, with the probe (renderer hooks, console and
fetch wrappers, postMessage to the lesson page, the sandbox redrawing) and
without it. In each, the lesson page's `old_timestamp` example is clicked
N times; each click is timed from the click to the new text in the frame.
Rounds alternate between the two servers so that machine noise hits both.

Usage: python benchmarks/probe_cost.py [clicks per round] [rounds]
"""

import statistics
import sys

from harness import launch, serve, wait_for_frames
from playwright.sync_api import sync_playwright

SLUG, NAME = "duplicate-outputs", "old_timestamp"
CLICKS = """
async (n) => {
  const times = [];
  const target = document.getElementById("message");
  for (let i = 0; i < n; i++) {
    const button = document.getElementById(i % 2 ? "hello" : "goodbye");
    const before = target.textContent;
    const changed = new Promise((resolve) => {
      const watch = new MutationObserver(() => {
        if (target.textContent !== before) { watch.disconnect(); resolve(); }
      });
      watch.observe(target, {childList: true, subtree: true, characterData: true});
    });
    const started = performance.now();
    button.click();
    await changed;
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
  return times;
}
"""


def open_example(browser, base):
    page = browser.new_page()
    page.goto(f"{base}/lessons/{SLUG}")
    wait_for_frames(page)
    frame = next(f for f in page.frames if f.url.endswith(f"/examples/{SLUG}/{NAME}/"))
    frame.wait_for_selector("#message")
    return frame


def main():
    clicks = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    servers = {"without probe": serve("--no-probe"), "with probe": serve()}
    times = {label: [] for label in servers}
    try:
        with sync_playwright() as p:
            browser = launch(p)
            frames = {label: open_example(browser, base) for label, (_, base) in servers.items()}
            for frame in frames.values():
                frame.evaluate(CLICKS, 6)  # warm up both before timing
            for _ in range(rounds):
                for label, frame in frames.items():
                    times[label] += frame.evaluate(CLICKS, clicks)
            browser.close()
    finally:
        for process, _ in servers.values():
            process.terminate()
            process.wait()
    print(f"Callback round trip, click to new text in the frame ({rounds} x {clicks} clicks each)")
    for label, values in times.items():
        print(
            f"{label:15} median {statistics.median(values):7.2f} ms   "
            f"mean {statistics.mean(values):7.2f} ms   p90 "
            f"{statistics.quantiles(values, n=10)[-1]:7.2f} ms"
        )
    base, probed = (statistics.median(v) for v in times.values())
    print(
        f"added by the probe: {probed - base:+.2f} ms, ratio {probed / base:.3f} "
        f"(goal: at most 1.05)"
    )


if __name__ == "__main__":
    main()
