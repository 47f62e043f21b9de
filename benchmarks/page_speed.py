"""A lesson page against a bare Dash page: cold load, bytes, warm navigation, first paint.

Starts, in this run and under the same gunicorn settings (1 worker x 4 threads,
gthread, as issue 14 measured), the site and a bare one-callback Dash app that
this script writes with Dash's default settings. Then, in Chromium with a fresh
profile per cold load:

- cold: navigation start until the page is interactive. A Dash document is
  interactive when its renderer has its layout and no callback is pending; a
  lesson page, when the site and its broken and fixed frames all are.
- bytes: what the network delivered for that cold load (all documents).
- warm: from clicking "Next" on a lesson page until the next lesson's pair is
  interactive, against reloading the bare page with a warm cache; clicked at
  once, and ("read") after scrolling down to it as a reader does, which lets
  the page start the next pair early.
- title: navigation start until the lesson's <h1> is painted, against the bare
  page's cold interactive time.
- alone: the lesson's two frames, cold, in a page that holds nothing else: what
  the pair costs by itself, and so the least "cold" could be with frames.

Usage: python benchmarks/page_speed.py [--runs 5] [--lessons slug,slug] [--repo-config]
(--repo-config serves both with gunicorn.conf.py's gevent workers instead.)
"""

import argparse
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from harness import ROOT, launch, start
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(ROOT))
from gotchas.content.lessons import load_lessons, reading_order  # noqa: E402

BARE_APP = textwrap.dedent(
    """
    from dash import Dash, Input, Output, html

    app = Dash(__name__)
    app.layout = html.Div([
        html.Button("Click", id="button"),
        html.Div(id="out"),
    ])


    @app.callback(Output("out", "children"), Input("button", "n_clicks"))
    def clicked(n):
        return f"Clicked {n or 0} times"


    server = app.server
    """
)
GTHREAD = "workers = 1\nthreads = 4\nworker_class = 'gthread'\naccesslog = None\n"

# Runs in every document (page and frames) before its own scripts: each Dash
# document reports to the top window when it became interactive, and the top
# window notes when a lesson title was first painted.
PROBE = """
(() => {
  const top = window.top;
  top.__ready = top.__ready || {};
  const since = () => performance.timeOrigin + performance.now() - top.performance.timeOrigin;
  const key = location.pathname;
  const idle = (s) => ['requested', 'prioritized', 'blocked', 'executing', 'watched', 'executed']
      .every((k) => !(s.callbacks[k] || []).length);
  const timer = setInterval(() => {
    const store = window.store;
    if (!store) { return; }
    const s = store.getState();
    if (s.appLifecycle === 'HYDRATED' && s.layout && s.graphs && idle(s)) {
      top.__ready[key] = since();
      clearInterval(timer);
    }
  }, 5);
  if (window === top) {
    const look = () => {
      const h1 = document.querySelector('#main h1, h1');
      if (h1 && h1.textContent.trim() && !h1.closest('._dash-loading')) {
        requestAnimationFrame(() => { top.__title = top.__title || since(); });
        return;
      }
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  }
})();
"""


def gunicorn(app, cwd, config, env):
    bind = ["--bind", "127.0.0.1:{port}", "-c", config]
    return start([sys.executable, "-m", "gunicorn", app, *bind], cwd, env)


def ready_keys(page, keys, timeout_s=60):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        ready = page.evaluate("() => window.__ready || {}")
        if all(k in ready for k in keys):
            return max(ready[k] for k in keys)
        page.wait_for_timeout(20)
    raise TimeoutError(f"not interactive: {keys}")


def bytes_counter(context, page):
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes = {}
    cdp.on(
        "Network.loadingFinished", lambda e: sizes.update({e["requestId"]: e["encodedDataLength"]})
    )
    return sizes


STORE_IDLE = """() => {
  const s = window.store && window.store.getState();
  return !!s && ['requested', 'prioritized', 'blocked', 'executing', 'watched', 'executed']
    .every((k) => !(s.callbacks[k] || []).length);
}"""


# The lesson is on the page, its pair frames are in their cards, and nothing is pending.
PAGE_SETTLED = (
    """(slug) => !!document.querySelector(`.lesson[data-lesson="${slug}"]`)
  && ['broken', 'fixed'].every((role) => {
    const frame = document.querySelector(`#example-${role} iframe.example-frame`);
    return frame && frame.dataset.loaded && frame.dataset.src.startsWith(`/examples/${slug}/`);
  })
  && ("""
    + STORE_IDLE
    + ")()"
)


def pair_ready(page, slug, site_reported=True):
    """The site page and its two pair frames (private copies answer under their own path).

    After a link that kept the site's document, the site reports no new time: the
    end is when its page shows the lesson with both frames and nothing pending
    (seen by polling), or the later frame's time. A frame started early may have
    been interactive before the click."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        ready = page.evaluate("() => window.__ready || {}")
        frames = [
            max((t for k, t in ready.items() if k.startswith(prefix)), default=None)
            for prefix in (f"/examples/{slug}/broken/", f"/examples/{slug}/fixed/")
        ]
        if site_reported:
            site = ready.get(f"/lessons/{slug}")
            if site is not None and None not in frames and page.evaluate(STORE_IDLE):
                return max(site, *frames)
        elif None not in frames and page.evaluate(PAGE_SETTLED, slug):
            return max(page.evaluate("() => performance.now()"), *frames)
        page.wait_for_timeout(20)
    raise TimeoutError(f"pair of {slug} not interactive")


def cold_bare(browser, url):
    context = browser.new_context()
    context.add_init_script(PROBE)
    page = context.new_page()
    sizes = bytes_counter(context, page)
    page.goto(url + "/")
    seconds = ready_keys(page, ["/"]) / 1000
    page.wait_for_timeout(300)
    total = sum(sizes.values())
    start = time.monotonic()
    page.evaluate("() => { window.__ready = {}; }")
    page.reload()
    warm = ready_keys(page, ["/"]) / 1000
    context.close()
    return seconds, total, warm or (time.monotonic() - start)


def cold_lesson(browser, url, slug):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(PROBE)
    page = context.new_page()
    sizes = bytes_counter(context, page)
    page.goto(f"{url}/lessons/{slug}")
    seconds = pair_ready(page, slug) / 1000
    title = page.evaluate("() => window.__title") / 1000
    page.wait_for_timeout(300)
    total = sum(sizes.values())
    return context, page, seconds, total, title


# A page holding only a lesson's pair, nothing of the site: what loading the two
# example documents costs by itself (their private copies under a made-up token).
PAIR_ALONE = """<!doctype html><html lang="en"><head><title>pair</title></head><body>
<iframe src="{broken}" style="width:600px;height:400px"></iframe>
<iframe src="{fixed}" style="width:600px;height:400px"></iframe></body></html>"""


def pair_urls(slug):
    lesson = next(lesson for lesson in load_lessons() if lesson.slug == slug)
    urls = {}
    for example in lesson.examples:
        if example.name in ("broken", "fixed"):
            urls[example.name] = example.url + (
                "private/" + "b" * 24 + "/" if example.private else ""
            )
    return urls


def cold_pair_alone(browser, url, slug):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(PROBE)
    page = context.new_page()
    page.route(
        f"{url}/pair-alone",
        lambda route: route.fulfill(
            body=PAIR_ALONE.format(**pair_urls(slug)), content_type="text/html"
        ),
    )
    page.goto(f"{url}/pair-alone")
    seconds = ready_keys(page, pair_urls(slug).values()) / 1000
    context.close()
    return seconds


def warm_next(page, following):
    """Click "Next" and time until the next lesson's pair is interactive.

    The link may load a new document: times are taken on the epoch clock. Frames
    of the next lesson that were started early keep the time they were ready."""
    page.evaluate(
        """() => { for (const k of Object.keys(window.__ready || {})) {
                     if (!k.startsWith('/examples/')) { delete window.__ready[k]; } } }"""
    )
    # From the click as the page gets it, as the bare reload counts from its
    # navigation: not Playwright's own moves before it.
    page.evaluate(
        """() => document.addEventListener('click', () => {
             sessionStorage.setItem('clickedAt', performance.timeOrigin + performance.now());
           }, {capture: true, once: true})"""
    )
    origin = page.evaluate("() => performance.timeOrigin")
    page.locator("a.lesson-nav-next").click()
    page.wait_for_url(f"**/lessons/{following}")
    reloaded = page.evaluate("() => performance.timeOrigin") != origin
    ready = pair_ready(page, following, site_reported=reloaded)
    origin = page.evaluate("() => performance.timeOrigin")
    clicked = float(page.evaluate("() => sessionStorage.getItem('clickedAt')"))
    return (origin + ready - clicked) / 1000


# Every frame "Next" names is in the holder and loaded.
EARLY_LOADED = """() => {
  const named = JSON.parse(document.querySelector('a.lesson-nav-next').dataset.prefetch);
  const held = named.map((f) => document.querySelector(`iframe[data-early-src="${f.src}"]`));
  return held.every((f) => f && f.dataset.loaded);
}"""


def read_to_next(page):
    """Scroll to "Next" as a reader gets there, and stay until the frames it starts
    have loaded (at most 10 s)."""
    page.locator("a.lesson-nav-next").scroll_into_view_if_needed()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not page.evaluate(EARLY_LOADED):
        page.wait_for_timeout(50)
    page.wait_for_timeout(200)


def lesson_figures(browser, url, slug, following, runs):
    """Medians over `runs` cold loads: seconds, bytes, title seconds, warm "Next" seconds
    clicked at once, and clicked after reading down to it."""
    colds, warms, read = [], [], []
    for _ in range(runs):
        context, page, seconds, total, title = cold_lesson(browser, url, slug)
        colds.append((seconds, total, title, cold_pair_alone(browser, url, slug)))
        if following:
            warms.append(warm_next(page, following))
        context.close()
        if following:
            context, page = cold_lesson(browser, url, slug)[:2]
            read_to_next(page)
            read.append(warm_next(page, following))
            context.close()
    cold, size, title, alone = (statistics.median(r[i] for r in colds) for i in range(4))
    if not following:
        return cold, size, title, alone, None, None
    return cold, size, title, alone, statistics.median(warms), statistics.median(read)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lessons", default="")
    parser.add_argument("--repo-config", action="store_true")
    options = parser.parse_args()
    order = [lesson.slug for lesson in reading_order(load_lessons())]
    chosen = options.lessons.split(",") if options.lessons else order

    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "bare.py").write_text(BARE_APP)
        config = Path(tmp, "gunicorn_bench.py")
        config.write_text(GTHREAD)
        config = str(ROOT / "gunicorn.conf.py") if options.repo_config else str(config)
        env = {"WEB_CONCURRENCY": "1", "PYTHONPATH": str(ROOT)}
        site, site_url = gunicorn("app:server", ROOT, config, env)
        bare, bare_url = gunicorn("bare:server", tmp, config, env)
        try:
            with sync_playwright() as p:
                browser = launch(p)
                report(browser, bare_url, site_url, order, chosen, options.runs)
                browser.close()
        finally:
            for process in (site, bare):
                process.terminate()
                process.wait(timeout=20)


def report(browser, bare_url, site_url, order, chosen, runs):
    # One unmeasured visit each: the servers' first requests fill their caches.
    cold_bare(browser, bare_url)
    cold_lesson(browser, site_url, order[0])[0].close()
    bare = [cold_bare(browser, bare_url) for _ in range(runs)]
    bare_cold, bare_bytes, bare_warm = (statistics.median(r[i] for r in bare) for i in range(3))
    print(
        f"bare Dash page: cold {bare_cold:.2f} s, {bare_bytes / 1e6:.2f} MB, "
        f"warm reload {bare_warm:.2f} s (median of {runs})"
    )
    print(
        "warm: Next clicked as soon as the pair is interactive; read: Next clicked once the\n"
        "reader has scrolled down to it and the frames it starts have loaded; alone: the\n"
        "lesson's two frames cold in a page with nothing else (the floor for cold)"
    )
    print(
        f"{'lesson':28} {'cold s':>7} {'x':>5} {'MB':>6} {'x':>5} {'warm s':>7} {'x':>5} "
        f"{'read s':>7} {'x':>5} {'title s':>7} {'x':>5} {'alone s':>7} {'x':>5}"
    )
    worst = {"cold": 0, "bytes": 0, "warm": 0, "read": 0, "title": 0, "alone": 0}
    for slug in chosen:
        index = order.index(slug)
        following = order[index + 1] if index + 1 < len(order) else None
        figures = lesson_figures(browser, site_url, slug, following, runs)
        cold, size, title, alone, warm, read = figures
        ratios = {"cold": cold / bare_cold, "bytes": size / bare_bytes, "title": title / bare_cold}
        ratios["alone"] = alone / bare_cold
        ratios["warm"] = warm / bare_warm if warm else 0
        ratios["read"] = read / bare_warm if read else 0

        def pair(seconds, ratio):
            return f"{seconds:7.2f} {ratio:5.2f}" if seconds else f"{'-':>7} {'-':>5}"

        worst = {k: max(worst[k], ratios[k]) for k in worst}
        print(
            f"{slug:28} {cold:7.2f} {ratios['cold']:5.2f} {size / 1e6:6.2f} {ratios['bytes']:5.2f} "
            f"{pair(warm, ratios['warm'])} {pair(read, ratios['read'])} "
            f"{title:7.2f} {ratios['title']:5.2f} {alone:7.2f} {ratios['alone']:5.2f}"
        )
    print(
        f"worst: cold {worst['cold']:.2f}x (goal 1.5), bytes {worst['bytes']:.2f}x (goal 1.3), "
        f"warm {worst['warm']:.2f}x / read {worst['read']:.2f}x (goal 1.5), "
        f"title {worst['title']:.2f}x (goal 1.0); the pair alone {worst['alone']:.2f}x"
    )


if __name__ == "__main__":
    main()
