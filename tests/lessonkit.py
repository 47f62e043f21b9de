"""What browser tests need to drive a lesson page: frames, the firing log, site errors."""

import re

from playwright.sync_api import expect

# Runs in every frame; only the top window (the site itself) records errors.
SITE_ERRORS_SCRIPT = """
if (window === window.top) {
  const errors = (window.__siteErrors = []);
  const original = console.error.bind(console);
  console.error = (...args) => { errors.push(args.map(String).join(' ')); original(...args); };
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
    frame = page.frame_locator(f'iframe[src="/examples/{lesson}/{name}/"]')
    expect(frame.locator("#react-entry-point")).to_be_attached()
    return frame


def log_panel(page, key):
    return page.locator(f'.fire-log[data-example="{key}"]')


def log_entries(page, key):
    """Each firing-log row as (callback, trigger, status)."""
    rows = log_panel(page, key).locator("tr.fire-entry")
    return [
        (
            row.locator(".fire-callback code").inner_text(),
            row.locator(".fire-trigger").inner_text(),
            row.locator(".fire-status .badge").inner_text(),
        )
        for row in rows.all()
    ]


def expect_log_count(page, key, count):
    expect(log_panel(page, key).locator("tr.fire-entry")).to_have_count(count)


def site_errors(page):
    return page.evaluate("window.__siteErrors || []")


def settle(page, ms=600):
    """Give Dash time to (not) fire: used only where we assert that nothing happens."""
    page.wait_for_timeout(ms)


def words(text):
    return re.sub(r"\s+", " ", text).strip()
