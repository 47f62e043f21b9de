"""What the benchmarks share: start the site (optionally with a feature off) and Chromium."""

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from localhost import CHROMIUM, CHROMIUM_ARGS, free_port, listening  # noqa: E402


def serve(*flags):
    """Start benchmarks/serve.py; return (process, base URL) once it listens."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "benchmarks" / "serve.py"), str(port), *flags],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return process, wait_until_listening(process, port)


def wait_until_listening(process, port, timeout_s=90):
    """The base URL once the port listens; the process is killed if it never does."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if listening(port):
            return f"http://127.0.0.1:{port}"
        time.sleep(0.1)
    process.kill()
    raise TimeoutError("server did not start")


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def wait_for_frames(page):
    """Every frame of the page loaded: they load lazily, so each is brought into view.
    Below the pair a slot stands where a frame goes until it nears the screen: each
    slot still without its frame is brought into view, as frames above it grow."""
    page.locator("iframe.example-frame").first.wait_for()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        slots = [s for s in page.locator(".example-frame-slot:not(:has(iframe))").all()]
        if not slots:
            break
        slots[0].scroll_into_view_if_needed()
        page.wait_for_timeout(50)
    for frame in page.locator("iframe.example-frame").all():
        frame.scroll_into_view_if_needed()
    page.wait_for_function(
        # A function, not an expression: the site's CSP forbids eval of a string.
        "() => document.querySelectorAll('iframe.example-frame:not([data-loaded])').length === 0",
        timeout=120_000,
    )
