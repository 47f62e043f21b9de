import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from localhost import CHROMIUM, CHROMIUM_ARGS, free_port, listening
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parent.parent
# Lesson pages load several apps; on a busy 2-core CI machine that takes a while.
expect.set_options(timeout=20_000)


class Server:
    """The real site under gunicorn, as the Procfile runs it, on a free loopback port."""

    def __init__(
        self, workers=2, threads=4, preload=True, wait=True, log=None, env=None, app="app:server"
    ):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # The access log goes to `log` when a test reads it, else nowhere.
        output = open(log, "w") if log else None  # noqa: SIM115  (closed in stop)
        self.output = output
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                app,
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "info" if log else "warning",
                "--access-logfile",
                "-" if log else "/dev/null",
                *(["--preload"] if preload else []),
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
            stdout=output,
            stderr=output,
            start_new_session=True,
        )
        if wait:
            self.wait_until_listening()

    def wait_until_listening(self, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}")
            if listening(self.port):
                return
            time.sleep(0.05)
        raise TimeoutError("server did not start listening")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        if self.output:
            self.output.close()

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]


@pytest.fixture(scope="session")
def site():
    server = Server(workers=2, threads=4)
    # Listening is not enough: wait until a worker answers a page.
    deadline = time.monotonic() + 90
    while requests.get(server.url + "/", timeout=30).status_code != 200:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def site_app():
    """The site imported in this process, for checks that need no browser."""
    sys.path.insert(0, str(ROOT))
    import app

    return app
