"""This machine's Chromium and loopback ports, for the tests and the benchmarks alike."""

import socket
import time

CHROMIUM = "/usr/bin/chromium"  # from apt; Playwright's own browser download is not used
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening(port):
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def base_url_when_listening(process, port, timeout_s=60):
    """http://127.0.0.1:port once a server started as `process` listens there; the
    process is killed if it exits or does not listen in time."""
    deadline = time.monotonic() + timeout_s
    while not listening(port):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise TimeoutError(f"the server for port {port} did not start")
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}"
