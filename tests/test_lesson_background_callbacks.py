"""background-callbacks: every claim of the lesson, on the pinned Dash, plain servers and the site.

Three kinds of test:
- plain Dash: a small app (PLAIN_APP, written to a temporary folder) served by `python`,
  by gunicorn's sync or gevent workers, or as two servers behind the test's balancer,
  driven the way the renderer drives a background callback (start, then poll);
- the lesson's examples run alone, with `python lessons/background-callbacks/<file>.py`;
- the site as the Procfile runs it (the session's `site`: gunicorn, 2 gevent workers):
  the pair and the sandbox in Chromium, and that no visitor sees another's data or
  holds the server. After each of those, no job process of the site is left.
"""

import inspect
import json
import os
import re
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import requires
from pathlib import Path
from urllib.parse import urlparse

import dash
import diskcache
import psutil
import pytest
import requests
from balancer import Balancer
from conftest import ROOT
from lessonkit import (
    dash_reports,
    example,
    expect_log_count,
    frame_errors,
    log_entries,
    log_panel,
    open_lesson,
)
from localhost import free_port, listening
from playwright.sync_api import expect

from gotchas.content.lessons import load_lessons
from gotchas.examples import background
from gotchas.examples.mounting import private_instance

SLUG = "background-callbacks"
LESSON_DIR = ROOT / "lessons" / SLUG
BROKEN, FIXED, NO_MANAGER, PROGRESS, CACHED = (
    f"{SLUG}/{name}" for name in ("broken", "fixed", "no_manager", "progress", "cached")
)
LESSON = next(lesson for lesson in load_lessons() if lesson.slug == SLUG)
CONFIG = re.compile(r'<script id="_dash-config" type="application/json">(.*?)</script>', re.S)
REPORT = re.compile(r"^Report (\d+) made by process (\d+)\.$")
PONG = re.compile(r"^Pong (\d+) from process (\d+)\.$")
SITE_CACHES = tempfile.gettempdir() + "/callback-gotchas-jobs-"
NO_MANAGER_MESSAGE = "Running `background` callbacks requires a manager to be installed."


# ---- the renderer's side of a background callback, by hand -----------------------------------


def payload(output, trigger, value, state=()):
    """A click on `trigger`, for a callback of `output`.children; state: (id, prop, value)."""
    return {
        "output": f"{output}.children",
        "outputs": {"id": output, "property": "children"},
        "inputs": [{"id": trigger, "property": "n_clicks", "value": value}],
        "changedPropIds": [f"{trigger}.n_clicks"],
        "state": [{"id": i, "property": p, "value": v} for i, p, v in state],
    }


@dataclass
class Run:
    handles: dict  # what the first answer gave: signed cacheKey and job
    answer: requests.Response  # the poll that ended it
    polls: int
    seconds: float
    progress: list  # what the polls brought for progress=, in order

    @property
    def job(self):
        return int(self.handles["job"].split("~")[0])

    @property
    def value(self):
        if self.answer.status_code != 200:
            return None
        (props,) = self.answer.json()["response"].values()
        return props["children"]


class PageLoad:
    """One page load of an app, sending what the renderer sends (with its endId)."""

    def __init__(self, base, session=None, timeout=30):
        self.base = base.rstrip("/")
        self.http = session or requests.Session()
        self.timeout = timeout
        page = self.http.get(self.base + "/", timeout=timeout)
        assert page.status_code == 200, page.status_code
        self.end_id = json.loads(CONFIG.search(page.text).group(1))["end_id"]

    def post(self, body, **params):
        return self.http.post(
            f"{self.base}/_dash-update-component",
            params={"endId": self.end_id, **params},
            json=body,
            timeout=self.timeout,
        )

    def start(self, output, trigger, value=1, state=(), **params):
        return self.post(payload(output, trigger, value, state), **params)

    def poll(self, handles, output, trigger, state=()):
        # Between polls the renderer sends no values: the job has them.
        body = payload(output, trigger, None, [(i, p, None) for i, p, _ in state])
        return self.post(body, cacheKey=handles["cacheKey"], job=handles["job"])

    def follow(self, handles, output, trigger, state=(), interval=0.25, limit=60):
        """Poll until the answer carries the result, or ends the run (204, an error)."""
        began, progress = time.monotonic(), []
        for polls in range(1, limit):
            time.sleep(interval)
            answer = self.poll(handles, output, trigger, state)
            if answer.status_code == 200 and "progress" in answer.json():
                progress.append(answer.json()["progress"])
            if answer.status_code != 200 or "response" in answer.json():
                return Run(handles, answer, polls, time.monotonic() - began, progress)
        raise AssertionError("the run never ended")

    def run(self, output="report", trigger="make", value=1, state=(), **kwargs):
        started = self.start(output, trigger, value, state)
        assert started.status_code == 200, started.text
        return self.follow(started.json(), output, trigger, state, **kwargs)


def running(pid):
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def wait_until(check, timeout=15, step=0.05):
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(step)


def timed(function, *args):
    began = time.monotonic()
    result = function(*args)
    return result, time.monotonic() - began


# ---- plain Dash, served by plain servers -----------------------------------------------------

PLAIN_APP = """
import os, time, uuid

import diskcache
from dash import Dash, DiskcacheManager, Input, Output, html

CACHE = os.environ.get("JOB_CACHE")  # a directory, or none: DiskcacheManager() makes its own
LAUNCH_UID = uuid.uuid4()  # the docs' cache_by value: one per process that imports the app
CACHE_BY = [lambda: LAUNCH_UID] if os.environ.get("CACHE_BY") else None
handle = diskcache.Cache(CACHE) if CACHE else None
app = Dash(__name__, background_callback_manager=DiskcacheManager(handle, cache_by=CACHE_BY))
server = app.server
if os.environ.get("SECRET") == "random":
    server.secret_key = os.urandom(16).hex()  # a common Flask habit: one per process
elif os.environ.get("SECRET"):
    server.secret_key = os.environ["SECRET"]


@server.after_request
def who_answered(response):
    response.headers["X-Pid"] = str(os.getpid())
    return response


app.layout = html.Div(
    [html.Button(id=name) for name in ("make", "plain", "ping")]
    + [html.P(id=name) for name in ("report", "slow", "pong")]
)


@app.callback(
    Output("report", "children"), Input("make", "n_clicks"),
    background=True, prevent_initial_call=True,
)
def make_report(n):
    time.sleep(float(os.environ.get("JOB_SECONDS", "1")))
    return f"{n} by {os.getpid()}"


@app.callback(Output("slow", "children"), Input("plain", "n_clicks"), prevent_initial_call=True)
def slow(n):
    if n == 2:  # computes for 2 seconds
        end = time.monotonic() + 2
        while time.monotonic() < end:
            pass
    else:  # waits 2 seconds, as on a database or a remote service
        time.sleep(2)
    return str(os.getpid())


@app.callback(Output("pong", "children"), Input("ping", "n_clicks"), prevent_initial_call=True)
def ping(n):
    return str(os.getpid())


if __name__ == "__main__":
    one_thread = {"threaded": False} if os.environ.get("THREADED") == "0" else {}
    app.run(port=int(os.environ["PORT"]), **one_thread)  # else Flask's default
"""


class Plain:
    """A plain server of PLAIN_APP (or a lesson file) in its own process group."""

    def __init__(self, folder, command, env=None, log=None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.folder, self.log = folder, log
        output = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            [arg.replace("{port}", str(self.port)) for arg in command],
            cwd=folder,
            env={**os.environ, "PORT": str(self.port), "PYTHONUNBUFFERED": "1", **(env or {})},
            stdout=output,
            stderr=output,
            start_new_session=True,
        )

    def ready(self, timeout=120):
        deadline = time.monotonic() + timeout
        while not listening(self.port):
            assert self.process.poll() is None, "the server exited"
            assert time.monotonic() < deadline, "the server never listened"
            time.sleep(0.05)
        wait_until(lambda: requests.get(self.url + "/", timeout=30).ok, timeout)
        return self

    def gone(self):
        """No process is left in its group: the server, its workers, their jobs."""
        try:
            os.killpg(self.process.pid, 0)
        except ProcessLookupError:
            return True
        return False

    def kill(self):
        # A measuring server: nothing to learn from its shutdown.
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=20)


def python_server(folder, **env):
    return Plain(folder, [sys.executable, "plain_app.py"], env)


def gunicorn(folder, *args, env=None, log=None):
    command = [sys.executable, "-m", "gunicorn", "plain_app:server", "--bind", "127.0.0.1:{port}"]
    return Plain(folder, command + ["--access-logfile", "-", *args], env, log)


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    """Every plain server the measurements need, started together (Dash's import is most
    of a start), each a separate process that imported PLAIN_APP itself."""
    folder = tmp_path_factory.mktemp("plain")
    (folder / "plain_app.py").write_text(textwrap.dedent(PLAIN_APP))
    shared = {name: str(folder / name) for name in ("uid-cache", "cache-a", "cache-b")}
    log = folder / "gevent.log"
    conf = ["-c", str(ROOT / "gunicorn.conf.py"), "--workers", "2", "--preload"]
    servers = {
        "one thread": python_server(folder, THREADED="0", JOB_SECONDS="2"),
        "threaded": python_server(folder),
        "sync": gunicorn(folder),
        "gevent": gunicorn(folder, "-k", "gevent"),
        "uid 1": python_server(folder, CACHE_BY="1", JOB_CACHE=shared["uid-cache"]),
        "uid 2": python_server(folder, CACHE_BY="1", JOB_CACHE=shared["uid-cache"]),
        "preload": gunicorn(folder, "--workers", "2", "--preload"),
        "no preload": gunicorn(folder, "--workers", "2"),
        "gevent conf": gunicorn(folder, *conf, env={"JOB_SECONDS": "2"}, log=log),
    }
    # The lesson's files, as `python <file>.py` runs them, each in a folder of its own.
    for lesson_example in LESSON.examples:
        (folder / lesson_example.name).mkdir()
        command = [sys.executable, str(lesson_example.path)]  # PORT from the environment
        servers[f"alone {lesson_example.name}"] = Plain(folder / lesson_example.name, command)
    # Two processes each, for what workers that imported the app each on its own share.
    for setting, env in SHARING.items():
        env = {k: shared.get(v, v) for k, v in env.items()}
        for side in "AB":
            servers[f"{setting} {side}"] = python_server(folder, **env)
    try:
        for server in servers.values():
            server.ready()
        yield servers
    finally:
        for server in servers.values():
            server.kill()
        wait_until(lambda: all(server.gone() for server in servers.values()), timeout=20)


def ping_behind_a_slow_callback(base, value):
    """Seconds a ping waits when it arrives 0.2 s after a plain 2-second callback started."""
    page = PageLoad(base, requests)  # no shared connection: two visitors
    slow = threading.Thread(target=page.start, args=("slow", "plain", value))
    slow.start()
    time.sleep(0.2)
    answer, seconds = timed(page.start, "pong", "ping")
    slow.join()
    assert answer.status_code == 200
    return seconds


@pytest.mark.parametrize(
    "server, computing, waits",
    [
        ("one thread", False, True),  # app.run(threaded=False)
        ("threaded", False, False),  # app.run(): Flask's default, a thread per request
        ("sync", False, True),  # gunicorn's default worker, one of them
        ("gevent", False, False),  # time.sleep gives way to other greenlets
        ("gevent", True, True),  # a loop does not
    ],
)
def test_who_waits_behind_a_plain_long_callback(plain, server, computing, waits):
    waited = ping_behind_a_slow_callback(plain[server].url, 2 if computing else 1)
    if waits:
        assert waited > 1.2, waited  # the rest of the slow callback's 2 seconds
    else:
        assert waited < 0.8, waited


def test_a_background_job_leaves_a_one_thread_server_free(plain):
    page = PageLoad(plain["one thread"].url, requests)
    started, seconds = timed(page.start, "report", "make")
    assert started.status_code == 200 and seconds < 0.8
    assert set(started.json()) == {"cacheKey", "job"}  # a handle, not the result
    pong, waited = timed(page.start, "pong", "ping")
    assert waited < 0.8
    run = page.follow(started.json(), "report", "make")
    assert run.value == f"1 by {run.job}" != f"1 by {pong.json()['response']['pong']['children']}"
    assert run.polls >= 4  # every 0.25 s here; the renderer waits `interval` ms, 1000
    assert not running(run.job)


def test_a_new_start_for_the_same_output_ends_the_old_job(plain):
    page = PageLoad(plain["threaded"].url)
    first = page.start("report", "make", 11).json()
    old = int(first["job"].split("~")[0])
    assert running(old)
    # What the renderer adds when the same output is asked for again.
    page.start("report", "make", 12, oldJob=first["job"])
    wait_until(lambda: not running(old), timeout=3)
    renderer = Path(dash.__file__).parent / "dash-renderer" / "build" / "dash_renderer.min.js"
    assert re.search(r"""["']oldJob["']""", renderer.read_text())


def test_handles_are_signed_for_one_page_load(plain):
    bystander = subprocess.Popen(["sleep", "30"])
    try:
        page, other = PageLoad(plain["threaded"].url), PageLoad(plain["threaded"].url)
        handles = page.start("report", "make", 21).json()
        # Another page load's endId: the handles do not verify, that run ends with nothing.
        assert other.poll(handles, "report", "make").status_code == 204
        # A job id the server never signed is not a process it will kill.
        page.start("report", "make", 22, oldJob=str(bystander.pid))
        run = page.follow(handles, "report", "make")
        assert run.value == f"21 by {run.job}"
        assert bystander.poll() is None
    finally:
        bystander.kill()
        bystander.wait()


# ---- one key for the same inputs: who gets the result ----------------------------------------


def test_without_cache_by_the_same_inputs_share_one_key_and_one_page_loses(plain):
    first, second = PageLoad(plain["threaded"].url), PageLoad(plain["threaded"].url)
    a = first.start("report", "make", 7).json()
    time.sleep(0.3)
    b = second.start("report", "make", 7).json()  # another visitor, the same inputs
    assert a["cacheKey"].split("~")[0] == b["cacheKey"].split("~")[0]
    job_a, job_b = (int(h["job"].split("~")[0]) for h in (a, b))
    wait_until(lambda: not running(job_a) and not running(job_b))
    # Both jobs wrote one key, the later one last; the first poll takes it away.
    got_a = first.follow(a, "report", "make")
    got_b = second.follow(b, "report", "make")
    assert got_a.value == f"7 by {job_b}"
    assert got_b.answer.status_code == 204 and got_b.polls == 1


def test_with_cache_by_the_same_inputs_get_the_stored_result_and_a_new_job_is_killed(plain):
    first = PageLoad(plain["uid 1"].url).run(value=7)
    assert first.value == f"7 by {first.job}"
    again = PageLoad(plain["uid 1"].url).run(value=7)  # another visitor, the same inputs
    assert again.value == first.value and again.polls == 1
    assert again.job != first.job and not running(again.job)
    other = PageLoad(plain["uid 1"].url).run(value=8)
    assert other.value == f"8 by {other.job}"


def test_the_docs_launch_uid_differs_in_every_process_that_imports_the_app(plain):
    first = PageLoad(plain["uid 1"].url).run(value=9)
    assert PageLoad(plain["uid 1"].url).run(value=9).value == first.value
    elsewhere = PageLoad(plain["uid 2"].url).run(value=9)  # the same directory, another uid
    assert elsewhere.value == f"9 by {elsewhere.job}" != first.value


def test_cache_by_on_the_callback_is_accepted_and_ignored():
    manager = dash.DiskcacheManager()
    app = dash.Dash(__name__, background_callback_manager=manager)
    app.layout = dash.html.Div([dash.html.Button(id="go"), dash.html.P(id="out")])

    @app.callback(
        dash.Output("out", "children"),
        dash.Input("go", "n_clicks"),
        background=True,
        cache_by=[lambda: "v1"],
    )
    def square(n):
        return n

    assert app.callback_map["out.children"]["background"] == {
        "interval": 1000,
        "cache_ignore_triggered": True,
    }
    assert manager.cache_by is None  # results are deleted once read: nothing is kept
    assert "cache_by" in inspect.signature(dash.DiskcacheManager).parameters


def test_a_click_count_in_the_arguments_makes_every_key_new():
    manager = dash.DiskcacheManager(cache_by=[lambda: "v1"])

    def square(n_clicks, n):
        return n * n

    def key(args, ignore):
        return manager.build_cache_key(square, args, ignore, None)

    assert key([1, 12], []) != key([2, 12], [])
    assert key([1, 12], [0]) == key([2, 12], [0]) != key([1, 13], [0])


# ---- several server processes ---------------------------------------------------------------

SHARING = {
    "one SECRET_KEY, a directory each": {"SECRET": "one-for-all"},
    "one directory, a random secret_key each": {"JOB_CACHE": "cache-a", "SECRET": "random"},
    "one directory": {"JOB_CACHE": "cache-b"},
}


def start_here_poll_there(servers, value):
    """Start a job on the first server, poll the second, as a balancer may."""
    balancer = Balancer([s.url for s in servers], lambda m, path: 1 if "cacheKey=" in path else 0)
    try:
        return PageLoad(balancer.url).run(value=value)
    finally:
        balancer.stop()


@pytest.mark.parametrize("setting", list(SHARING))
def test_what_the_processes_must_share(plain, setting):
    run = start_here_poll_there([plain[f"{setting} A"], plain[f"{setting} B"]], value=3)
    if setting == "one directory":
        assert run.answer.status_code == 200 and run.value == f"3 by {run.job}"
        return
    # Nothing anywhere says so: the page gets 204 and the callback ends unchanged.
    assert run.answer.status_code == 204
    if setting.startswith("one SECRET_KEY"):
        assert run.seconds > 0.9  # it waited for the job to end, then found no result
    else:
        assert run.polls == 1  # the handles did not verify


def poll_from_the_other_worker(base, value):
    """Start a job, then poll on fresh connections until another worker answers (X-Pid)."""
    for attempt in range(5):
        page = PageLoad(base, requests)  # a new connection each time: any worker
        started = page.start("report", "make", value + attempt)
        for _ in range(20):
            answer = page.poll(started.json(), "report", "make")
            if answer.headers["X-Pid"] != started.headers["X-Pid"]:
                return page, started, answer
            time.sleep(0.05)
    raise AssertionError("no poll reached the other worker")


@pytest.mark.parametrize("preload", [True, False])
def test_with_preload_dash_s_own_temporary_cache_is_shared(plain, preload):
    base = plain["preload" if preload else "no preload"].url
    page, started, there = poll_from_the_other_worker(base, 100)
    if preload:
        assert there.status_code == 200  # the handles verify there, the job is found
        run = page.follow(started.json(), "report", "make")
        assert re.fullmatch(rf"10\d by {run.job}", run.value)
    else:
        assert there.status_code == 204  # another secret, another directory: the run ends


def test_without_the_extra_dash_s_manager_says_what_to_install():
    code = textwrap.dedent(
        """
        import sys
        sys.modules["multiprocess"] = None  # as after `pip install dash` alone
        from dash import DiskcacheManager
        try:
            DiskcacheManager()
        except ImportError as error:
            print(str(error))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout == (
        "DiskcacheManager requires extra dependencies which can be installed doing\n\n"
        '    $ pip install "dash[diskcache]"\n\n'
    )
    wanted = sorted(r.split(">")[0] for r in requires("dash") if 'extra == "diskcache"' in r)
    assert wanted == ["diskcache", "multiprocess", "psutil"]
    pinned = (ROOT / "requirements.txt").read_text()
    for name in wanted + ["dill"]:  # multiprocess needs dill
        assert re.search(rf"^{name}==\S+$", pinned, re.MULTILINE), name


def test_background_without_a_manager_fails_only_when_it_runs():
    app = dash.Dash(__name__)
    app.layout = dash.html.Div([dash.html.Button(id="make"), dash.html.P(id="report")])

    @app.callback(
        dash.Output("report", "children"),
        dash.Input("make", "n_clicks"),
        background=True,
        prevent_initial_call=True,
    )
    def make_report(n):
        return n

    client = app.server.test_client()
    assert client.get("/").status_code == 200
    assert client.get("/_dash-dependencies").status_code == 200
    app.server.config["PROPAGATE_EXCEPTIONS"] = True
    with pytest.raises(dash.exceptions.MissingLongCallbackManagerError) as raised:
        client.post("/_dash-update-component", json=payload("report", "make", 1))
    assert str(raised.value).startswith(NO_MANAGER_MESSAGE)


# ---- gevent workers: a job forked from one ---------------------------------------------------


def test_under_gevent_workers_a_job_process_goes_on_serving(plain):
    """The site's own gunicorn.conf.py (gevent, patched), serving plain Dash: no site module."""
    server = plain["gevent conf"]
    job_pids, answered_by, failed = set(), Counter(), Counter()

    def run():
        page = PageLoad(server.url, timeout=4)
        try:
            handles = page.start("report", "make").json()
        except requests.RequestException:
            failed["start"] += 1  # the request reached a job process, which never answered
            return
        job_pids.add(int(handles["job"].split("~")[0]))
        try:
            page.follow(handles, "report", "make", limit=20)
        except (requests.RequestException, AssertionError):
            failed["run"] += 1  # its poll reached a job process that then exited

    def ping():
        session, end = requests.Session(), time.monotonic() + 3
        while time.monotonic() < end:
            try:
                answer = session.post(
                    f"{server.url}/_dash-update-component",
                    json=payload("pong", "ping", 1),
                    timeout=3,
                )
                answered_by[int(answer.json()["response"]["pong"]["children"])] += 1
            except (requests.RequestException, ValueError, KeyError):
                failed["ping"] += 1
                session = requests.Session()
            time.sleep(0.02)

    threads = [threading.Thread(target=run) for _ in range(3)]
    threads += [threading.Thread(target=ping) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # gunicorn's loop runs on in the job processes and shuts "the worker" down. It looks at
    # its parent once a second: a one-second job may end before it looks, so not every
    # job says so (one of three did not, once, in a full run), and one may say it late.
    said = re.compile(r"\[(\d+)\] \[INFO\] gunicorn\.error: Parent changed")
    wait_until(lambda: job_pids & {int(p) for p in said.findall(server.log.read_text())}, 5)
    # Meanwhile the job processes answer other visitors' requests, or drop them.
    stolen = sum(count for pid, count in answered_by.items() if pid in job_pids)
    assert stolen + sum(failed.values()) > 0, (answered_by, job_pids)


# ---- the lesson's files, each run alone ------------------------------------------------------


def alone_broken(server):
    """broken.py asks for one thread: a ping waits for the report."""
    page = PageLoad(server.url, requests)
    report = threading.Thread(target=page.start, args=("report", "make"))
    report.start()
    time.sleep(0.2)
    pong, waited = timed(page.start, "pong", "ping")
    report.join()
    assert waited > 1.2
    assert PONG.match(pong.json()["response"]["pong"]["children"])


def alone_fixed(server):
    """fixed.py, one thread too: the ping does not wait, a job process makes the report."""
    page = PageLoad(server.url, requests)
    started = page.start("report", "make")
    pong, waited = timed(page.start, "pong", "ping")
    assert waited < 0.8
    run = page.follow(started.json(), "report", "make")
    made = REPORT.match(run.value)
    assert int(made.group(2)) == run.job
    assert PONG.match(pong.json()["response"]["pong"]["children"]).group(2) != made.group(2)
    assert (server.folder / "cache" / "cache.db").is_file()  # ./cache, where it runs


def alone_no_manager(server):
    failed = PageLoad(server.url).start("report", "make")
    assert failed.status_code == 500 and "MissingLongCallbackManagerError" in failed.text


def alone_progress(server):
    run = PageLoad(server.url).run("result", "run")
    assert run.value == "Run 1 finished all 6 steps."
    values = [int(p["bar.value"][0]) for p in run.progress]
    assert values and values == sorted(values) and set(values) <= set(range(1, 7))


def alone_cached(server):
    state = [("n", "value", 12)]
    first = PageLoad(server.url).run("answer", "go", 1, state)
    again = PageLoad(server.url).run("answer", "go", 2, state)  # a new click
    assert first.value.startswith("12² = 144, computed by process ")
    assert again.value == first.value and again.polls == 1


def test_each_example_runs_alone(plain):
    checks = {
        "broken": alone_broken,
        "fixed": alone_fixed,
        "no_manager": alone_no_manager,
        "progress": alone_progress,
        "cached": alone_cached,
    }
    assert sorted(checks) == sorted(e.name for e in LESSON.examples)
    with ThreadPoolExecutor(max_workers=len(checks)) as pool:
        done = [pool.submit(check, plain[f"alone {name}"]) for name, check in checks.items()]
        for future in done:
            future.result()


# ---- how the site bounds the examples: the mechanism, in this process ------------------------


def copies(name, count):
    """Private instances of one example, mounted as the site mounts them."""
    return [private_instance(LESSON.example(name), secrets.token_urlsafe(18)) for _ in range(count)]


def test_each_copy_keeps_its_own_keys_in_the_site_s_cache_directory():
    base = dash.background_callback.managers.BaseBackgroundCallbackManager
    before = (list(base.managers), list(base.functions))
    apps = copies("fixed", 3)
    # Dash's process-wide lists would keep every copy ever made, and its functions.
    assert (base.managers, base.functions) == before
    managers = [app._background_manager for app in apps]
    assert all(len(manager.func_registry) == 1 for manager in managers)
    # Not ./cache where the site runs: one directory of this run, under the temp dir.
    directory = background.cache_directory()
    assert {manager.handle.directory for manager in managers} == {directory}
    assert directory.startswith(SITE_CACHES)
    assert managers[0].handle.size_limit == background.CACHE_BYTES
    report = apps[0].callback_map["report.children"]["callback"]
    keys = [manager.build_cache_key(report, [1], [], None) for manager in managers]
    assert len(set(keys)) == 3
    assert managers[0].build_cache_key(report, [1], [], None) == keys[0]


def test_cancel_is_a_callback_dash_adds_for_the_cancel_button():
    (app,) = copies("progress", 1)
    cancel = app.callback_map["cancel.id"]
    assert cancel["callback"].__name__ == "cancel_call"
    assert [dep.component_id for dep in cancel["raw_inputs"]] == ["cancel"]
    assert "cancel_call" not in (LESSON_DIR / "progress.py").read_text()


def test_with_cache_by_a_result_lasts_until_expire_after_its_last_use(tmp_path):
    handle = diskcache.Cache(str(tmp_path))
    manager = dash.DiskcacheManager(handle, cache_by=[lambda: "v1"], expire=1)
    handle.set("key", "result")
    assert manager.get_result("key", None) == "result"
    assert manager.get_result("key", None) == "result"  # kept: read again
    time.sleep(1.3)
    assert manager.get_result("key", None) is manager.UNDEFINED


def start(manager, job_fn):
    """A job as Dash starts one (key, progress key, arguments, context), doing job_fn."""
    return manager.call_job_fn("key", job_fn, [], {})


def exit_code(pid, timeout=8):
    return psutil.Process(pid).wait(timeout=timeout)


@pytest.fixture
def manager():
    wait_until(lambda: not background.running_jobs(), timeout=20)
    (app,) = copies("fixed", 1)
    yield app._background_manager
    for pid in background.running_jobs():
        app._background_manager.terminate_job(pid)


def test_a_job_runs_at_most_job_seconds(manager, monkeypatch):
    monkeypatch.setattr(background, "JOB_SECONDS", 1)
    pid, began = start(manager, lambda *args: time.sleep(30)), time.monotonic()
    assert exit_code(pid) == -signal.SIGALRM
    assert 0.8 < time.monotonic() - began < 4


def test_a_job_computes_at_most_job_cpu_seconds(manager, monkeypatch):
    monkeypatch.setattr(background, "JOB_CPU_SECONDS", 1)

    def compute(*args):
        while True:
            pass

    assert exit_code(start(manager, compute)) == -signal.SIGXCPU


def test_a_job_that_ignores_its_alarm_is_stopped_by_the_server(manager, monkeypatch):
    monkeypatch.setattr(background, "JOB_SECONDS", 1)

    def stubborn(*args):
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
        time.sleep(30)

    pid, began = start(manager, stubborn), time.monotonic()
    time.sleep(background.JOB_SECONDS + 0.5)
    assert running(pid)  # its alarm came and went
    wait_until(lambda: not running(pid), timeout=5)
    # The server's own timer, JOB_SECONDS + 2 after the start, kills it (and reaps it).
    assert background.JOB_SECONDS + 1.5 < time.monotonic() - began < background.JOB_SECONDS + 5


def test_a_job_runs_cut_loose_from_the_server(manager, tmp_path):
    listener = socket.create_server(("127.0.0.1", 0))  # as the server's own socket
    facts = tmp_path / "facts.json"

    def report(*args):
        sockets = 0
        for fd in os.listdir("/proc/self/fd"):
            try:
                sockets += int(fd) > 2 and os.readlink(f"/proc/self/fd/{fd}").startswith("socket:")
            except OSError:
                pass  # the listing's own descriptor
        facts.write_text(
            json.dumps(
                {
                    "nice": os.nice(0),
                    "sockets": sockets,
                    "term": signal.getsignal(signal.SIGTERM) == signal.SIG_DFL,
                    "cpu": resource.getrlimit(resource.RLIMIT_CPU)[0],
                    "memory": resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY,
                }
            )
        )

    try:
        assert exit_code(start(manager, report)) == 0
    finally:
        listener.close()
    assert json.loads(facts.read_text()) == {
        "nice": os.nice(0) + background.JOB_NICE,
        "sockets": 0,
        "term": True,
        "cpu": background.JOB_CPU_SECONDS,
        "memory": True,
    }


def test_jobs_are_counted_per_copy_and_per_process(manager):
    others = [app._background_manager for app in copies("progress", 2)]

    def wait(*args):
        time.sleep(30)

    started = [start(manager, wait) for _ in range(background.JOBS_PER_INSTANCE)]
    with pytest.raises(background.TooManyJobs) as refused:
        start(manager, wait)
    assert refused.value.code == 429
    while len(started) < background.JOBS_PER_PROCESS:
        started.append(start(others[0], wait))
    with pytest.raises(background.ServerBusy) as busy:
        start(others[1], wait)
    assert busy.value.code == 503
    assert sorted(background.running_jobs()) == sorted(started)
    for pid in started:
        manager.terminate_job(pid)
    assert background.running_jobs() == []
    start(others[1], wait)  # room again


def test_terminating_a_job_that_just_ended_is_no_error(manager, monkeypatch):
    ended = start(manager, lambda *args: None)
    exit_code(ended)
    # The window Dash leaves: pid_exists said yes, and the job is gone by the next call.
    monkeypatch.setattr(psutil, "pid_exists", lambda pid: True)
    with pytest.raises(psutil.NoSuchProcess):
        dash.DiskcacheManager.terminate_job(manager, ended)
    manager.terminate_job(ended)


MOUNT_A_COPY = f"""
import os, sys, time
sys.path.insert(0, {str(ROOT)!r})
from gotchas.content.lessons import load_lessons
from gotchas.examples import background
from gotchas.examples.mounting import private_instance
lesson = next(lesson for lesson in load_lessons() if lesson.slug == {SLUG!r})
app = private_instance(lesson.example("fixed"), "t" * 24)
print(background.cache_directory(), flush=True)
"""


def test_a_job_dies_with_its_server_process_and_the_cache_goes_when_it_stops():
    dies = MOUNT_A_COPY + textwrap.dedent(
        """
        pid = app._background_manager.call_job_fn("key", lambda *a: time.sleep(30), [], {})
        print(pid, flush=True)
        time.sleep(0.5)
        os._exit(0)  # as a worker that is killed
        """
    )
    runs = [
        subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        for code in (dies, MOUNT_A_COPY)  # the second one stops as a server does
    ]
    (killed, _), (stopped, _) = (run.communicate(timeout=60) for run in runs)
    left, job = killed.split()
    wait_until(lambda: not running(int(job)), timeout=3)
    directory = stopped.split()[-1]
    assert directory.startswith(SITE_CACHES) and not os.path.exists(directory)
    # A killed process leaves its directory; the next site run that starts removes it.
    assert os.path.isdir(left)
    background._remove_orphans()
    assert not os.path.exists(left)


# ---- the site, as the Procfile runs it -------------------------------------------------------


def site_tree(site):
    """The session server's gunicorn master, its workers, and every process under them."""
    bind = f"127.0.0.1:{urlparse(site).port}"
    ours = [
        process
        for process in psutil.process_iter(["cmdline"])
        if bind in " ".join(process.info["cmdline"] or [])
    ]
    pids = {process.pid for process in ours}
    master = next(process for process in ours if process.ppid() not in pids)
    workers = master.children()
    jobs = [child for worker in workers for child in worker.children(recursive=True)]
    return master, workers, jobs


@pytest.fixture
def hosted(site):
    yield site
    # No job process of the site outlives the test that started it, not even as a zombie.
    wait_until(lambda: not site_tree(site)[2], timeout=background.JOB_SECONDS + 5)


def update_requests(page, key):
    """(seconds, url) of each callback request the example's frame sends."""
    seen = []
    page.on(
        "request",
        lambda r: (
            f"/examples/{key}/" in r.url
            and "_dash-update-component" in r.url
            and seen.append((time.monotonic(), r.url))
        ),
    )
    return seen


def row_ms(page, key, index):
    text = log_panel(page, key).locator(".fire-entry .fire-time").nth(index).inner_text()
    return int(text.removesuffix(" ms"))


def test_on_the_site_a_plain_long_callback_holds_its_request_and_a_ping_does_not_wait(page, hosted):
    lesson = open_lesson(page, hosted, SLUG)
    frame = example(lesson, BROKEN)
    frame.get_by_role("button", name="Make report").click()
    frame.get_by_role("button", name="Ping").click()
    # These workers are gevent's: time.sleep gives way, so the pong comes first.
    expect(frame.locator("#pong")).to_have_text(PONG)
    expect(frame.locator("#report")).to_have_text("No report yet.")
    expect(frame.locator("#report")).to_have_text(REPORT)
    made = int(REPORT.match(frame.locator("#report").inner_text()).group(2))
    _, workers, _ = site_tree(hosted)
    assert made in {worker.pid for worker in workers}  # the server process itself
    assert log_entries(lesson, BROKEN) == [
        ("ping", "ping.n_clicks", "updated"),
        ("make_report", "make.n_clicks", "updated"),
    ]
    assert row_ms(lesson, BROKEN, 1) >= 2000


def test_on_the_site_a_background_callback_runs_in_a_job_process_and_the_page_polls(page, hosted):
    sent = update_requests(page, FIXED)
    lesson = open_lesson(page, hosted, SLUG)
    frame = example(lesson, FIXED)
    button = frame.get_by_role("button", name="Make report")
    button.click()
    expect(button).to_be_disabled()  # running=
    frame.get_by_role("button", name="Ping").click()
    expect(frame.locator("#pong")).to_have_text(PONG)
    expect(frame.locator("#report")).to_have_text(REPORT)
    expect(button).to_be_enabled()
    made = int(REPORT.match(frame.locator("#report").inner_text()).group(2))
    _, workers, _ = site_tree(hosted)
    assert made not in {worker.pid for worker in workers} and not running(made)
    # One run in the sandbox, from the click to the answer; the page asked again and again.
    expect_log_count(lesson, FIXED, 2)
    assert log_entries(lesson, FIXED) == [
        ("ping", "ping.n_clicks", "updated"),
        ("make_report", "make.n_clicks", "updated"),
    ]
    assert row_ms(lesson, FIXED, 1) >= 2000
    reports = [(at, url) for at, url in sent if "cacheKey=" in url]
    assert len(reports) >= 2
    gaps = [b[0] - a[0] for a, b in zip(reports, reports[1:], strict=False)]
    assert all(gap > 0.9 for gap in gaps), gaps  # interval: 1000 ms
    assert "/private/" in sent[0][1]  # this browser's own copy


def test_on_the_site_background_without_a_manager_fails_at_the_first_click(page, hosted):
    lesson = open_lesson(page, hosted, SLUG)
    frame = example(lesson, NO_MANAGER)
    with lesson.expect_response(lambda r: f"/examples/{NO_MANAGER}/_dash-update" in r.url) as info:
        frame.get_by_role("button", name="Make report").click()
    assert info.value.status == 500
    expect(frame.get_by_text("Callback error updating report.children")).to_be_visible()
    expect_log_count(lesson, NO_MANAGER, 1)
    assert log_entries(lesson, NO_MANAGER) == [("make_report", "make.n_clicks", "error")]
    (report,) = dash_reports(lesson, NO_MANAGER)
    assert NO_MANAGER_MESSAGE in report and "MissingLongCallbackManagerError" in report
    expect(frame.locator("#report")).to_have_text("No report yet.")


BAR_AND_RESULT = """() => [document.getElementById('bar').getAttribute('value'),
                           document.getElementById('result').innerText]"""


def watch_bar(frame, until, limit=8):
    """Each (value of the bar, result) the learner sees, in order, until `until` holds."""
    seen, began = [], time.monotonic()
    while time.monotonic() - began < limit:
        # Both in one go: the page may update between two separate reads.
        now = tuple(frame.locator("#react-entry-point").evaluate(BAR_AND_RESULT))
        if not seen or seen[-1] != now:
            seen.append(now)
        if until(now):
            return seen
        time.sleep(0.05)
    raise AssertionError(seen)


def test_on_the_site_progress_arrives_with_the_polls_and_cancel_kills_the_job(page, hosted):
    sent = update_requests(page, PROGRESS)
    jobs = []

    def job_started(response):
        url = response.url
        if f"/examples/{PROGRESS}/" in url and "_dash-update-component" in url:
            handles = response.json() if response.status == 200 else {}
            if "job" in handles:
                jobs.append(int(handles["job"].split("~")[0]))

    page.on("response", job_started)
    lesson = open_lesson(page, hosted, SLUG)
    frame = example(lesson, PROGRESS)
    run, cancel = (frame.get_by_role("button", name=n) for n in ("Run", "Cancel"))
    run.click()
    expect(cancel).to_be_enabled()  # running=: Run off, Cancel on
    expect(run).to_be_disabled()
    seen = watch_bar(frame, lambda now: now[1] != "Not run yet.")
    assert seen[-1] == ("6", "Run 1 finished all 6 steps.")
    steps = [int(value) for value, _ in seen]
    assert steps == sorted(steps) and steps[0] == 0
    polls = sum("cacheKey=" in url for _, url in sent)
    assert len(steps) - 1 <= polls  # one new value per poll at most
    assert len(steps) < 7  # so some of the six steps never show
    expect(run).to_be_enabled()

    run.click()
    expect(cancel).to_be_enabled()
    knows_job(lesson, PROGRESS)  # else the click cancels nothing: see the next test
    with lesson.expect_response(cancel_answer) as cancelling:
        cancel.click()  # well before the job's 3 seconds are up, however busy this machine is
    assert "cancelJob=" in cancelling.value.url
    expect(cancel).to_be_disabled()
    expect(run).to_be_enabled()
    wait_until(lambda: not running(jobs[-1]), timeout=3)
    bar = frame.locator("#bar").get_attribute("value")  # 6, or a step of run 2 if a poll came
    page.wait_for_timeout(3500)  # past the time the job would have ended: nothing arrives
    assert frame.locator("#bar").get_attribute("value") == bar
    expect(frame.locator("#result")).to_have_text("Run 1 finished all 6 steps.")
    # Dash's own callback for the Cancel button, and the cancelled run, answered 204.
    assert log_entries(lesson, PROGRESS) == [
        ("run", "run.n_clicks", "updated"),
        ("cancel_call", "cancel.n_clicks", "no update"),
        ("run", "run.n_clicks", "prevented"),
    ]
    assert frame_errors(lesson, PROGRESS) == []


def cancel_answer(response):
    return '"cancel.n_clicks"' in (response.request.post_data or "")


# The renderer's record of the background jobs it has started (dash-renderer keeps its
# redux stores in window.dash_stores).
KNOWS_A_JOB = """() => (window.dash_stores || []).some(
    (store) => Object.keys(store.getState().callbackJobs || {}).length > 0)"""


def knows_job(lesson, key):
    """Wait until the example's renderer has the id of the job it started."""
    owner = lesson.locator(f'iframe[data-src="/examples/{key}/"]')
    owner.element_handle().content_frame().wait_for_function(KNOWS_A_JOB)


def test_on_the_site_a_cancel_before_the_job_is_known_cancels_nothing(page, hosted):
    lesson = open_lesson(page, hosted, SLUG)
    frame = example(lesson, PROGRESS)
    run, cancel = (frame.get_by_role("button", name=n) for n in ("Run", "Cancel"))
    held = []  # the run's first request, sent on only after Cancel was clicked
    starts = f"**/examples/{PROGRESS}/**/_dash-update-component?*"
    lesson.route(
        starts,
        lambda route: (
            held.append(route)
            if "cacheKey=" not in route.request.url and '"run.n_clicks"' in route.request.post_data
            else route.continue_()
        ),
    )
    run.click()
    expect(cancel).to_be_enabled()  # running= is applied when the request goes, not answered
    deadline = time.monotonic() + 10
    while not held:
        assert time.monotonic() < deadline, "the run's request never came"
        lesson.wait_for_timeout(50)  # lets Playwright hand over the route
    with lesson.expect_response(cancel_answer) as cancelling:
        cancel.click()
    assert "cancelJob=" not in cancelling.value.url  # the renderer knows no job to name
    held[0].continue_()  # as on a slow connection: Cancel went first, with no job to name
    lesson.unroute(starts)
    expect(frame.locator("#result")).to_have_text("Run 1 finished all 6 steps.", timeout=15_000)
    assert frame.locator("#bar").get_attribute("value") == "6"
    assert log_entries(lesson, PROGRESS) == [
        ("cancel_call", "cancel.n_clicks", "no update"),
        ("run", "run.n_clicks", "updated"),
    ]
    assert frame_errors(lesson, PROGRESS) == []


def square(lesson):
    """Click Square it; the answer, and how long it took to come."""
    frame = example(lesson, CACHED)
    before = frame.locator("#answer").inner_text()
    button = frame.get_by_role("button", name="Square it")
    began = time.monotonic()
    with lesson.expect_response(
        lambda r: "cacheKey=" in r.url and r.status == 200 and "response" in r.json()
    ):
        button.click()
    expect(button).to_be_enabled()
    answer = frame.locator("#answer").inner_text()
    assert answer != "Nothing computed yet." and (before == answer or before.startswith("Nothing"))
    return answer, time.monotonic() - began


def test_on_the_site_cache_by_shares_a_result_in_one_browser_and_with_no_other(
    page, browser, hosted
):
    first = open_lesson(page, hosted, SLUG)
    computed, took = square(first)
    assert computed.startswith("12² = 144, computed by process ") and took > 2
    again, took = square(first)
    assert again == computed and took < 2  # the first poll brings the stored result
    # The example full screen: the same frame, without the rest of the lesson.
    second_tab = open_lesson(page.context.new_page(), hosted, f"{SLUG}/cached")
    assert square(second_tab)[0] == computed  # the same browser: the same copy
    other = browser.new_context()
    try:
        visitor = open_lesson(other.new_page(), hosted, f"{SLUG}/cached")
        theirs, took = square(visitor)
        assert theirs != computed and took > 2  # computed again, for them
    finally:
        other.close()


def copy_of(site, key, session=None):
    return PageLoad(f"{site}/examples/{key}/private/{secrets.token_urlsafe(18)}", session)


def test_on_the_site_the_same_inputs_from_two_visitors_never_meet(hosted):
    first, second = copy_of(hosted, FIXED), copy_of(hosted, FIXED)
    a = first.start("report", "make", 1).json()
    b = second.start("report", "make", 1).json()
    jobs = [int(h["job"].split("~")[0]) for h in (a, b)]
    wait_until(lambda: not any(running(job) for job in jobs))
    got = [first.follow(a, "report", "make"), second.follow(b, "report", "make")]
    assert [REPORT.match(run.value).group(2) for run in got] == [str(job) for job in jobs]


def test_on_the_site_no_visitor_can_hold_the_server(hosted):
    session = requests.Session()  # one connection: one worker answers all of it
    copies_ = [copy_of(hosted, FIXED, session) for _ in range(3)]
    busy = [copies_[0].start("report", "make", n) for n in (1, 2)]
    refused = copies_[0].start("report", "make", 3)
    assert [answer.status_code for answer in busy] == [200, 200]
    assert refused.status_code == 429
    assert refused.text == background.TooManyJobs.name + "\n"
    busy += [copies_[1].start("report", "make", n) for n in (1, 2)]
    full = copies_[2].start("report", "make", 1)
    assert [answer.status_code for answer in busy] == [200] * background.JOBS_PER_PROCESS
    assert full.status_code == 503 and full.text == background.ServerBusy.name + "\n"
    jobs = [psutil.Process(int(a.json()["job"].split("~")[0])) for a in busy]
    assert len({job.ppid() for job in jobs}) == 1  # all in the one worker
    # Meanwhile everyone else is served at once.
    (page, seconds) = timed(requests.get, f"{hosted}/lessons/{SLUG}")
    assert page.status_code == 200 and seconds < 1
    pong, seconds = timed(PageLoad(f"{hosted}/examples/{BROKEN}").start, "pong", "ping")
    assert pong.status_code == 200 and seconds < 1
    # The plain slow example only sleeps: twenty reports at once hold twenty greenlets for
    # 2 seconds, not the workers for 40.
    broken = PageLoad(f"{hosted}/examples/{BROKEN}")
    with ThreadPoolExecutor(max_workers=20) as pool:
        began = time.monotonic()
        reports = list(pool.map(lambda n: broken.start("report", "make", n), range(1, 21)))
    assert all(answer.status_code == 200 for answer in reports)
    assert time.monotonic() - began < 8


def test_on_the_site_a_job_process_is_cut_loose_from_its_worker(hosted):
    _, workers, _ = site_tree(hosted)
    pages = [copy_of(hosted, FIXED) for _ in range(4)]
    started = [page.start("report", "make") for page in pages]
    jobs = [psutil.Process(int(answer.json()["job"].split("~")[0])) for answer in started]
    for job in jobs:
        assert job.ppid() in {worker.pid for worker in workers}
        nice = psutil.Process(job.ppid()).nice() + background.JOB_NICE
        # Its first lines, a moment after the fork: lower priority, no socket of the server's.
        wait_until(lambda job=job, nice=nice: job.nice() == nice, timeout=3)
        wait_until(lambda job=job: job.net_connections(kind="all") == [], timeout=3)
        # Its cache is the site's, one directory for this run under the temp dir: no ./cache.
        paths = [f.path for f in job.open_files()]
        assert any(p.startswith(SITE_CACHES) and p.endswith("/cache.db") for p in paths), paths
        assert not any(p.startswith(str(ROOT)) for p in paths), paths
    # Made before gunicorn forked: every worker has the same cache open.
    caches = {
        os.path.dirname(f.path)
        for worker in workers
        for f in worker.open_files()
        if f.path.startswith(SITE_CACHES)
    }
    assert len(caches) == 1
    answered_by = Counter()
    for _ in range(40):  # other visitors, on fresh connections, while the jobs run
        pong = requests.post(
            f"{hosted}/examples/{BROKEN}/_dash-update-component",
            json=payload("pong", "ping", 1),
            timeout=10,
        )
        answered_by[int(PONG.match(pong.json()["response"]["pong"]["children"]).group(2))] += 1
    assert set(answered_by) <= {worker.pid for worker in workers}
    runs = [
        page.follow(answer.json(), "report", "make")
        for page, answer in zip(pages, started, strict=True)
    ]
    assert [int(REPORT.match(run.value).group(2)) for run in runs] == [job.pid for job in jobs]


def test_the_lesson_states_the_site_s_bounds():
    text = " ".join((LESSON_DIR / "lesson.md").read_text().split())
    for said in (
        f"At most {background.JOBS_PER_INSTANCE} jobs at once per copy",
        f"and {background.JOBS_PER_PROCESS} per server process (503)",
        f"A job gets {background.JOB_SECONDS} seconds by the clock",
        f"and {background.JOB_CPU_SECONDS} seconds of CPU",
        f"at most {background.CACHE_BYTES // 2**20} MB",
    ):
        assert said in text, said
    assert background.TooManyJobs.code == 429 and background.ServerBusy.code == 503
