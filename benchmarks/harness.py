"""What the benchmarks share: start the site (optionally with a feature off) and Chromium."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from localhost import CHROMIUM, CHROMIUM_ARGS, base_url_when_listening, free_port  # noqa: E402


def start(command, cwd=ROOT, env=None):
    """Start a server (`command` is told the port as "{port}"); return (process, base
    URL) once it listens."""
    port = free_port()
    process = subprocess.Popen(
        [part.format(port=port) for part in command],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return process, base_url_when_listening(process, port, timeout_s=90)


def serve(*flags):
    """Start benchmarks/serve.py; return (process, base URL) once it listens."""
    return start([sys.executable, str(ROOT / "benchmarks" / "serve.py"), "{port}", *flags])


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def wait_for_frames(page):
    """Every frame of the page loaded: they load lazily, so each is brought into view."""
    page.locator("iframe.example-frame").first.wait_for()
    for frame in page.locator("iframe.example-frame").all():
        frame.scroll_into_view_if_needed()
    page.wait_for_function(
        # A function, not an expression: the site's CSP forbids eval of a string.
        "() => document.querySelectorAll('iframe.example-frame:not([data-loaded])').length === 0",
        timeout=120_000,
    )
