"""duplicate-ids: every claim of the lesson, on the pinned Dash.

The live examples repeat ids after the app has started, which the site can frame.
The lesson's sketch repeats them in the starting layout: its first request fails,
which the site's start-up warm-up would refuse, so it is run here as the learner
runs it, `python app.py` in a fresh process (and under gunicorn).
"""

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import pytest
import requests
from conftest import ROOT
from lessonkit import (
    dash_reports,
    example,
    expect_log_count,
    frame_errors,
    log_entries,
    open_lesson,
    site_errors,
)
from localhost import free_port, listening
from playwright.sync_api import expect
from releases import files

SLUG = "duplicate-ids"
BROKEN, FIXED, PREFIXED = (f"{SLUG}/{name}" for name in ("broken", "fixed", "prefixed"))
LESSON_MD = ROOT / "lessons" / SLUG / "lesson.md"
MESSAGE = "Duplicate component id found in the initial layout: `add`"


def sketches():
    """The lesson's ```python sketch blocks, in order."""
    text = LESSON_MD.read_text(encoding="utf-8")
    return re.findall(r"^```python sketch\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)


# ---- the live examples: ids repeated while the app runs ------------------------------------


@pytest.fixture
def lesson(page, site):
    return open_lesson(page, site, SLUG)


def callback_response(page, key):
    path = f"/examples/{key}/_dash-update-component"
    return page.expect_response(lambda r: urlparse(r.url).path == path)


def like(frame, card):
    frame.get_by_role("button", name=f"Like card {card}").click()


def add_card(frame, card):
    frame.get_by_role("button", name="Add a card").click()
    expect(frame.get_by_role("button", name=f"Like card {card}")).to_be_visible()


@pytest.mark.browser
def test_after_a_second_card_every_like_reads_and_writes_the_last_card(lesson):
    frame = example(lesson, BROKEN)
    labels = frame.locator("#cards span")
    like(frame, 1)
    expect(labels).to_have_text(["Likes: 1"])
    like(frame, 1)
    expect(labels).to_have_text(["Likes: 2"])
    with callback_response(lesson, BROKEN) as added:
        add_card(frame, 2)
    assert added.value.request.post_data_json["output"] == "cards.children"
    expect(labels).to_have_text(["Likes: 2", "Likes: 0"])

    # Card 1's click still starts like, but with card 2's count (none yet) ...
    with callback_response(lesson, BROKEN) as info:
        like(frame, 1)
    assert info.value.status == 200
    sent = info.value.request.post_data_json
    assert sent["changedPropIds"] == ["like.n_clicks"]
    assert sent["inputs"] == [{"id": "like", "property": "n_clicks"}]
    # ... and its answer does not reach card 1's label.
    assert info.value.json()["response"] == {"likes": {"children": "Likes: 0"}}
    expect_log_count(lesson, BROKEN, 4)
    expect(labels).to_have_text(["Likes: 2", "Likes: 0"])

    like(frame, 2)
    expect(labels).to_have_text(["Likes: 2", "Likes: 1"])
    expect_log_count(lesson, BROKEN, 5)
    assert log_entries(lesson, BROKEN) == [
        ("like", "like.n_clicks", "updated"),
        ("like", "like.n_clicks", "updated"),
        ("add_card", "add.n_clicks", "updated"),
        ("like", "like.n_clicks", "updated"),
        ("like", "like.n_clicks", "updated"),
    ]
    # Dev tools on, and nothing anywhere says so.
    expect(frame.locator("#dash-debug-menu__errors-button")).to_be_attached()
    expect(frame.locator(".dash-debug-menu__error-count")).to_have_count(0)
    assert dash_reports(lesson, BROKEN) == []
    assert frame_errors(lesson, BROKEN) == []
    assert site_errors(lesson) == []


@pytest.mark.browser
def test_a_third_card_takes_the_ids_from_the_second(lesson):
    frame = example(lesson, BROKEN)
    labels = frame.locator("#cards span")
    add_card(frame, 2)
    like(frame, 2)
    expect(labels).to_have_text(["Likes: 0", "Likes: 1"])
    add_card(frame, 3)
    with callback_response(lesson, BROKEN) as info:
        like(frame, 2)
    assert info.value.request.post_data_json["inputs"] == [{"id": "like", "property": "n_clicks"}]
    like(frame, 3)
    expect(labels).to_have_text(["Likes: 0", "Likes: 1", "Likes: 1"])


@pytest.mark.browser
def test_dict_ids_and_match_count_each_card(lesson):
    frame = example(lesson, FIXED)
    labels = frame.locator("#cards span")
    like(frame, 1)
    like(frame, 1)
    expect(labels).to_have_text(["Likes: 2"])
    add_card(frame, 2)
    like(frame, 1)
    expect(labels).to_have_text(["Likes: 3", "Likes: 0"])
    like(frame, 2)
    expect(labels).to_have_text(["Likes: 3", "Likes: 1"])
    expect_log_count(lesson, FIXED, 5)
    trigger = '{{"index":{},"type":"like"}}.n_clicks'.format
    assert log_entries(lesson, FIXED) == [
        ("like", trigger(1), "updated"),
        ("like", trigger(1), "updated"),
        ("add_card", "add.n_clicks", "updated"),
        ("like", trigger(1), "updated"),
        ("like", trigger(2), "updated"),
    ]
    assert dash_reports(lesson, FIXED) == []


@pytest.mark.browser
def test_prefixed_panels_count_on_their_own(lesson):
    frame = example(lesson, PREFIXED)
    frame.get_by_role("button", name="Add apples").click()
    expect(frame.locator("#apples-count")).to_have_text("Added: 1")
    frame.get_by_role("button", name="Add pears").click()
    frame.get_by_role("button", name="Add pears").click()
    expect(frame.locator("#pears-count")).to_have_text("Added: 2")
    expect(frame.locator("#apples-count")).to_have_text("Added: 1")
    expect_log_count(lesson, PREFIXED, 3)
    assert log_entries(lesson, PREFIXED) == [
        ("count_apples", "apples-add.n_clicks", "updated"),
        ("count_pears", "pears-add.n_clicks", "updated"),
        ("count_pears", "pears-add.n_clicks", "updated"),
    ]


# ---- the sketch: ids repeated in the starting layout, run with `python app.py` -------------


class PlainRun:
    """`python app.py` in a fresh process, on a free loopback port (Dash reads PORT)."""

    def __init__(self, folder, debug=True):
        source = sketches()[0]
        assert "app.run(debug=True)" in source
        if not debug:
            source = source.replace("app.run(debug=True)", "app.run(debug=False)")
        (folder / "app.py").write_text(source)
        self.log = folder / "output.txt"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                [sys.executable, "app.py"],
                cwd=folder,
                env={**os.environ, "PORT": str(self.port), "PYTHONUNBUFFERED": "1"},
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while not listening(self.port):
            assert self.process.poll() is None, self.log.read_text()
            assert time.monotonic() < deadline
            time.sleep(0.05)

    def get(self, path):
        return requests.get(self.url + path, headers={"Connection": "close"}, timeout=30)

    def output(self):
        return self.log.read_text()

    def stop(self):
        # debug=True runs Werkzeug's reloader: a parent and the child that serves.
        if self.process.returncode is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)


@pytest.fixture
def plain(tmp_path):
    runs = []

    def start(debug=True):
        folder = tmp_path / f"run{len(runs)}"
        folder.mkdir()
        runs.append(PlainRun(folder, debug))
        return runs[-1]

    yield start
    for run in runs:
        run.stop()


def local_only(page, base):
    """Dev tools check Dash's version on a remote host: keep every request on this machine."""
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(base) else route.abort(),
    )


@pytest.mark.browser
@pytest.mark.parametrize("debug", [True, False], ids=["dev-tools-on", "dev-tools-off"])
def test_the_first_request_fails_and_the_app_then_runs_without_its_dash_callbacks(
    page, plain, debug
):
    run = plain(debug)
    local_only(page, run.url)
    first = page.goto(run.url + "/")
    assert first.status == 500
    traceback_end = f"dash.exceptions.DuplicateIdError: {MESSAGE}"
    if debug:
        # The traceback is on the page, and the terminal stays silent.
        assert page.title() == f"{traceback_end} // Werkzeug Debugger"
        expect(page.locator("h1")).to_have_text("DuplicateIdError")
        expect(page.locator("p.errormsg")).to_have_text(traceback_end)
        page.wait_for_timeout(500)
        assert "DuplicateIdError" not in run.output()
    else:
        # The other way round.
        expect(page.locator("h1")).to_have_text("Internal Server Error")
        expect(page.get_by_text("DuplicateIdError")).to_have_count(0)
        deadline = time.monotonic() + 10
        while f"{traceback_end}\n" not in run.output():
            assert time.monotonic() < deadline, run.output()
            time.sleep(0.1)
        assert "Traceback (most recent call last):" in run.output()

    sent = []
    page.on("request", lambda r: "_dash-update-component" in r.url and sent.append(r))
    assert page.reload().status == 200
    expect(page.get_by_role("button", name="Add apples")).to_be_visible()
    expect(page.get_by_role("button", name="Add pears")).to_be_visible()
    expect(page.locator("#seen")).to_have_text("Clicks seen: 0")
    if debug:
        expect(page.locator("#dash-debug-menu__errors-button")).to_be_attached()
        expect(page.locator(".dash-debug-menu__error-count")).to_have_count(0)

    # dash.callback's count is not in the list the page receives; app.callback's seen is.
    listed = [dep["output"] for dep in run.get("/_dash-dependencies").json()]
    assert listed == ["seen.children"]

    with page.expect_response(lambda r: "_dash-update-component" in r.url) as apples:
        page.get_by_role("button", name="Add apples").click()
    # The apples button starts seen, with the pears button's count: none yet.
    assert apples.value.request.post_data_json["inputs"] == [{"id": "add", "property": "n_clicks"}]
    expect(page.locator("#seen")).to_have_text("Clicks seen: 0")
    page.get_by_role("button", name="Add pears").click()
    expect(page.locator("#seen")).to_have_text("Clicks seen: 1")
    with page.expect_response(lambda r: "_dash-update-component" in r.url):
        page.get_by_role("button", name="Add apples").click()
    expect(page.locator("#seen")).to_have_text("Clicks seen: 1")
    page.wait_for_timeout(500)
    outputs = [request.post_data_json["output"] for request in sent]
    assert outputs == ["seen.children"] * 4  # page load, then three clicks; never count
    expect(page.get_by_text("Added")).to_have_count(0)
    assert [run.get(path).status_code for path in ("/", "/_dash-layout", "/")] == [200] * 3


def test_any_path_is_the_first_request_and_each_restart_has_one(plain):
    run = plain(debug=False)
    assert [run.get(path).status_code for path in ("/healthz", "/", "/", "/healthz")] == [
        500,
        200,
        200,
        200,
    ]
    run.stop()
    again = plain(debug=False)
    assert [again.get("/").status_code for _ in range(3)] == [500, 200, 200]


def test_each_gunicorn_worker_fails_its_own_first_request(tmp_path):
    (tmp_path / "app.py").write_text(sketches()[0])
    (tmp_path / "wsgi.py").write_text("from app import app\n\nserver = app.server\n")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "wsgi:server", "--workers", "2"]
        + ["--bind", f"127.0.0.1:{port}", "--log-level", "critical"],
        cwd=tmp_path,
        start_new_session=True,
    )
    try:
        while not listening(port):
            assert process.poll() is None
            time.sleep(0.05)

        def get(_):
            url = f"http://127.0.0.1:{port}/"
            return requests.get(url, headers={"Connection": "close"}, timeout=30).status_code

        codes = []
        # Concurrent clients keep one worker busy, so the kernel hands the other some too.
        with ThreadPoolExecutor(8) as pool:
            while codes.count(500) < 2 and len(codes) < 2000:
                codes += pool.map(get, range(40))
        assert codes.count(500) == 2
        assert set(codes) == {200, 500}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def run_python(code, cwd):
    """Run code as a script of its own (Dash Pages looks for its file) in a fresh interpreter."""
    (cwd / "main.py").write_text(textwrap.dedent(code))
    result = subprocess.run(
        [sys.executable, "main.py"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_dash_callbacks_stay_in_the_module_level_list(tmp_path):
    (tmp_path / "app.py").write_text(sketches()[0])
    out = run_python(
        """
        import json
        from dash import _callback
        from app import app

        client = app.server.test_client()
        codes = [client.get("/").status_code for _ in range(3)]
        served = [d["output"] for d in client.get("/_dash-dependencies").get_json()]
        pending = [d["output"] for d in _callback.GLOBAL_CALLBACK_LIST]
        print(json.dumps({"codes": codes, "served": served, "pending": pending}))
        """,
        tmp_path,
    )
    assert out == (
        '{"codes": [500, 200, 200], "served": ["seen.children"], "pending": ["count.children"]}'
    )


def test_dash_pages_lets_two_pages_share_ids_and_their_callbacks_share_an_output(tmp_path):
    out = run_python(
        """
        import json
        import dash
        from dash import Dash, Input, Output, callback, dcc, html

        app = Dash(__name__, use_pages=True, pages_folder="")

        def page(name):
            return html.Div([dcc.Input(id="amount", value=1), html.P(id="total")])

        dash.register_page("apples", path="/", layout=page("apples"))
        dash.register_page("pears", path="/pears", layout=page("pears"))

        @callback(Output("total", "children"), Input("amount", "value"))
        def apples_total(amount):
            return amount

        @callback(Output("total", "children"), Input("amount", "value"))
        def pears_total(amount):
            return amount

        app.layout = html.Div([dash.page_container])
        client = app.server.test_client()
        codes = [client.get(path).status_code for path in ("/", "/pears", "/")]
        outputs = [d["output"] for d in client.get("/_dash-dependencies").get_json()]
        print(json.dumps({"codes": codes, "total": outputs.count("total.children")}))
        """,
        tmp_path,
    )
    assert out == '{"codes": [200, 200, 200], "total": 2}'


def test_the_per_page_sketch_is_a_working_page(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "sales.py").write_text(sketches()[1])
    out = run_python(
        """
        import json
        import dash
        from dash import Dash, html

        app = Dash(__name__, use_pages=True)
        app.layout = html.Div([dash.page_container])
        client = app.server.test_client()
        codes = [client.get(path).status_code for path in ("/", "/sales")]
        outputs = [d["output"] for d in client.get("/_dash-dependencies").get_json()]
        print(json.dumps({"codes": codes, "sales": "sales-total.children" in outputs}))
        """,
        tmp_path,
    )
    assert out == '{"codes": [200, 200], "sales": true}'


# ---- what changed ----------------------------------------------------------------------------


def test_before_dash_2_7_the_check_ran_in_flasks_first_request_hook():
    """The old order: Flask ran the hooks, then counted the first request as done, so a hook
    that raised ran again on the next request (measured with Dash 2.6.2 and Flask 2.2.5:
    500, 500, 500)."""
    old_dash = files("dash", "2.6.2")["dash/dash.py"]
    assert "self.server.before_first_request(self._setup_server)" in old_dash
    assert "_got_first_request" not in old_dash
    # Flask's wheel is named with a capital F.
    flask = files("Flask", "2.2.5")["flask/app.py"]
    assert (
        "                    for func in self.before_first_request_funcs:\n"
        "                        self.ensure_sync(func)()\n"
        "\n"
        "                    self._got_first_request = True\n"
    ) in flask
    # Since 2.7, Dash marks its setup done before it checks the layout.
    new = files("dash", "2.7.0")["dash/dash.py"]
    setup = new[new.index("def _setup_server") :]
    done = setup.index('self._got_first_request["setup_server"] = True')
    assert done < setup.index("_validate.validate_layout(")
