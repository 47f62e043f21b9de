"""What browser tests need to drive a lesson page: frames, the sandbox, site errors."""

import re

from playwright.sync_api import expect

# Runs in every frame: each window records its own console errors, so the
# site's (the top window) are told apart from each framed example's.
SITE_ERRORS_SCRIPT = """
{
  const errors = (window.__consoleErrors = []);
  const original = console.error.bind(console);
  // Dash reports some errors as {message, html} objects: keep their message.
  const text = (a) =>
    a && typeof a === 'object' && !(a instanceof Error) && a.message ? a.message : String(a);
  console.error = (...args) => { errors.push(args.map(text).join(' ')); original(...args); };
  window.addEventListener('error', (e) => errors.push('uncaught: ' + e.message));
  window.addEventListener('unhandledrejection', (e) => errors.push('rejection: ' + e.reason));
}
"""


def open_lesson(page, base_url, slug):
    page.add_init_script(SITE_ERRORS_SCRIPT)
    page.goto(f"{base_url}/lessons/{slug}")
    expect(page.locator("h1")).to_be_visible()
    return page


def example(page, key):
    """The framed example's document, e.g. example(page, 'duplicate-outputs/broken')."""
    lesson, name = key.split("/")
    selector = f'iframe[data-src="/examples/{lesson}/{name}/"]'
    # Frames load as they come near the screen (assets/40-example-frames.js), and a
    # learner looks at the example they use: menus that open in it stay on screen.
    page.locator(selector).scroll_into_view_if_needed()
    expect(page.locator(selector)).to_have_attribute("data-loaded", "true", timeout=60_000)
    frame = page.frame_locator(selector)
    expect(frame.locator("#react-entry-point > *").first).to_be_attached()
    return frame


def wait_for_all_frames(page):
    """Bring every frame near the screen in turn (they load lazily), then wait for all."""
    for frame in page.locator("iframe.example-frame").all():
        if frame.is_visible():
            frame.scroll_into_view_if_needed()
    page.wait_for_function(
        """() => [...document.querySelectorAll('iframe.example-frame')]
                  .filter(f => f.getClientRects().length).every(f => f.dataset.loaded)""",
        timeout=90_000,
    )
    page.wait_for_timeout(300)


def log_panel(page, key):
    """The sandbox timeline of one example."""
    return page.locator(f'.sb-timeline[data-example="{key}"]')


def _settled(rows, page, quiet_ms=400, limit_ms=10_000):
    """Wait until the sandbox stops adding rows: events arrive just after the frame updates."""
    last, still, waited = rows.count(), 0, 0
    while still < quiet_ms and waited < limit_ms:
        page.wait_for_timeout(100)
        waited += 100
        now = rows.count()
        still = still + 100 if now == last else 0
        last = now


def log_entries(page, key):
    """Each sandbox timeline row as (callback, trigger, status), once no more arrive."""
    rows = log_panel(page, key).locator(".fire-entry")
    _settled(rows, page)
    return [
        (
            row.locator(".fire-callback code").inner_text(),
            row.locator(".fire-trigger").inner_text(),
            row.locator(".fire-status .badge").inner_text(),
        )
        for row in rows.all()
    ]


def dash_reports(page, key):
    """What Dash wrote to the console inside the example, as the sandbox shows it."""
    # textContent: the timeline shows two lines of a long report, the text is all there.
    texts = log_panel(page, key).locator(".fire-console-text").all_text_contents()
    return [words(text) for text in texts]


def expect_reports(page, key, count):
    """Wait for exactly count Dash reports in the sandbox, then return them."""
    expect(log_panel(page, key).locator(".fire-console-text")).to_have_count(count)
    return dash_reports(page, key)


def graph(page, key):
    """The sandbox's callback graph: {function name: fire-count label}, one per callback."""
    nodes = page.locator(f'.sb-graph-box[data-example="{key}"] .sb-node')
    # textContent: the graph sits in a details block that may be closed.
    return [
        (node.get_attribute("data-callback"), node.locator(".sb-count").text_content())
        for node in nodes.all()
    ]


def graph_reason(page, key, label):
    """What the sandbox's graph says about one callback: why it has not run, or nothing."""
    node = page.locator(f'.sb-graph-box[data-example="{key}"] .sb-node[data-callback="{label}"]')
    why = node.locator(".sb-why")
    return words(why.text_content()) if why.count() else ""


def open_details(page, key, summary):
    """Open the example's block whose summary starts with `summary` (graph, source, ...)."""
    name = key.split("/")[1]
    summaries = page.locator("summary", has_text=summary)
    block = page.locator(f"#example-{name} details", has=summaries).first
    if not block.evaluate("el => el.open"):
        block.locator("summary").first.click()
    return block


def expect_log_count(page, key, count):
    expect(log_panel(page, key).locator(".fire-entry")).to_have_count(count)


def site_errors(page):
    return page.evaluate("window.__consoleErrors")


def frame_errors(page, key):
    """Console errors inside one framed example."""
    frame = next(f for f in page.frames if f"/examples/{key}/" in f.url)
    return frame.evaluate("window.__consoleErrors")


def settle(page, ms=600):
    """Give Dash time to (not) fire: used only where we assert that nothing happens."""
    page.wait_for_timeout(ms)


def words(text):
    return re.sub(r"\s+", " ", text).strip()
