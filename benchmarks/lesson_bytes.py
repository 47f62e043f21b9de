"""Bytes a lesson page transfers with a cold cache: shared example bundles vs one copy per frame.

Starts the site twice in this run (as built, and with bundle sharing switched
off as the baseline), loads the same lesson in a fresh Chromium profile for
each, and sums what the network delivered for the page and all its frames.

Usage: python benchmarks/lesson_bytes.py [lesson-slug]
"""

import sys

from harness import launch, serve, wait_for_frames
from playwright.sync_api import sync_playwright


def wait_until_quiet(page, network, quiet_ms=1000, limit_ms=120_000):
    """Until nothing is in flight and nothing new starts for quiet_ms.

    Playwright's "networkidle" allows two requests in flight and sometimes never came
    in the baseline run, where six frames fetch their own bundles.
    """
    still = waited = 0
    while still < quiet_ms and waited < limit_ms:
        before = network()  # (requests started, requests in flight)
        page.wait_for_timeout(100)
        waited += 100
        still = still + 100 if before == network() and before[1] == 0 else 0


def measure(browser, url):
    context = browser.new_context()  # a fresh profile: nothing cached
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    urls, sizes, cached = {}, {}, set()

    def sent(event):
        urls[event["requestId"]] = event["request"]["url"]

    def finished(event):
        sizes[event["requestId"]] = event["encodedDataLength"]

    failed = set()
    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.requestServedFromCache", lambda event: cached.add(event["requestId"]))
    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.loadingFailed", lambda event: failed.add(event["requestId"]))
    page.goto(url)
    wait_for_frames(page)
    wait_until_quiet(page, lambda: (len(urls), len(urls) - len(sizes) - len(failed)))
    context.close()
    fetched = [rid for rid in sizes if rid not in cached]
    bundles = [rid for rid in fetched if "_dash-component-suites" in urls.get(rid, "")]
    return {
        "bytes": sum(sizes[rid] for rid in fetched),
        "requests": len(fetched),
        "bundle_requests": len(bundles),
        "bundle_bytes": sum(sizes[rid] for rid in bundles),
    }


def main():
    slug = sys.argv[1] if len(sys.argv) > 1 else "duplicate-outputs"
    results = {}
    with sync_playwright() as p:
        browser = launch(p)
        for label, flags in [
            ("baseline: bundles per frame", ["--no-shared-bundles", "--no-gzip"]),
            ("shared bundles", ["--no-gzip"]),
            ("shared bundles, gzipped", []),
        ]:
            process, base = serve(*flags)
            try:
                results[label] = measure(browser, f"{base}/lessons/{slug}")
            finally:
                process.terminate()
                process.wait()
        browser.close()
    print(f"Lesson /lessons/{slug}, cold cache")
    print("(fetched from the network; the browser's cache hits are not counted)")
    print(f"{'':30} {'bytes':>12} {'requests':>9} {'bundle reqs':>12} {'bundle bytes':>13}")
    for label, r in results.items():
        print(
            f"{label:30} {r['bytes']:>12,} {r['requests']:>9} {r['bundle_requests']:>12} "
            f"{r['bundle_bytes']:>13,}"
        )
    base = results["baseline: bundles per frame"]["bytes"]
    for label, r in list(results.items())[1:]:
        print(f"{label} / baseline bytes: {r['bytes'] / base:.3f} ({base / r['bytes']:.1f}x fewer)")


if __name__ == "__main__":
    main()
