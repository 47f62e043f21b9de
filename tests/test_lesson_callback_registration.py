"""callback-registration: every claim of the lesson, on the site and on plain Dash servers.

The site's frames show what a visitor sees. What a lesson says about a plain Dash server
(two modules, the reloader, Pages, growth across page loads) is measured on real
`python app.py` servers started from a temporary folder, one per test.
"""

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from urllib.parse import urlparse

import pytest
import requests
from lessonkit import (
    dash_reports,
    example,
    expect_log_count,
    expect_reports,
    frame_errors,
    log_entries,
    open_lesson,
    settle,
)
from localhost import free_port, listening
from playwright.sync_api import expect
from releases import _archive

pytestmark = pytest.mark.browser
SLUG = "callback-registration"
BROKEN, FIXED = f"{SLUG}/broken", f"{SLUG}/fixed"
LAYOUT_FN, LAYOUT_FN_QUIET = f"{SLUG}/layout_function", f"{SLUG}/layout_function_quiet"
DUPLICATE = "Duplicate callback outputs"


@pytest.fixture
def lesson(page, site):
    return open_lesson(page, site, SLUG)


def update_requests(page, key):
    seen = []
    page.on(
        "request",
        lambda r: (
            urlparse(r.url).path == f"/examples/{key}/_dash-update-component" and seen.append(r)
        ),
    )
    return seen


def served_outputs(site_app, key):
    app = site_app.EXAMPLES[key].app
    return [dep["output"] for dep in app.server.test_client().get("/_dash-dependencies").json]


# ---- the site's frames ---------------------------------------------------------------------


def test_a_callback_in_code_that_never_runs_does_not_exist(lesson, site_app):
    assert served_outputs(site_app, BROKEN) == []
    sent = update_requests(lesson, BROKEN)
    frame = example(lesson, BROKEN)
    frame.get_by_role("button", name="Count").click()
    settle(lesson)
    expect(frame.locator("#counted")).to_have_text("Not counted yet.")
    assert sent == []
    expect_log_count(lesson, BROKEN, 0)
    # Nobody says anything: not the dev tools, not the console, not the sandbox.
    expect(frame.locator(".dash-fe-error__title")).to_have_count(0)
    assert frame_errors(lesson, BROKEN) == []
    assert dash_reports(lesson, BROKEN) == []


def test_calling_the_function_once_registers_the_callback(lesson, site_app):
    assert served_outputs(site_app, FIXED) == ["counted.children"]
    frame = example(lesson, FIXED)
    frame.get_by_role("button", name="Count").click()
    expect(frame.locator("#counted")).to_have_text("Counted 1x.")
    expect_log_count(lesson, FIXED, 1)
    assert log_entries(lesson, FIXED) == [("count", "count.n_clicks", "updated")]
    assert frame_errors(lesson, FIXED) == []


def test_a_layout_function_callback_is_a_duplicate_on_the_first_load(lesson, site_app):
    assert served_outputs(site_app, LAYOUT_FN) == ["counted.children"] * 2
    sent = update_requests(lesson, LAYOUT_FN)
    frame = example(lesson, LAYOUT_FN)
    (report,) = expect_reports(lesson, LAYOUT_FN, 1)
    assert report.startswith(f"{DUPLICATE}: In the callback for output(s): counted.children")
    expect(frame.locator(".dash-fe-error__title")).to_have_text(DUPLICATE)
    frame.get_by_role("button", name="Count").click()
    settle(lesson)
    expect(frame.locator("#counted")).to_have_text("Not counted yet.")
    assert sent == []
    expect_log_count(lesson, LAYOUT_FN, 0)
    # Page loads on the site do not add to it (the site drops late global callbacks).
    assert served_outputs(site_app, LAYOUT_FN) == ["counted.children"] * 2


def test_with_dev_tools_off_it_counts_with_one_request_per_click(lesson):
    sent = update_requests(lesson, LAYOUT_FN_QUIET)
    frame = example(lesson, LAYOUT_FN_QUIET)
    for n in (1, 2):
        frame.get_by_role("button", name="Count").click()
        expect(frame.locator("#counted")).to_have_text(f"Counted {n}x.")
    expect_log_count(lesson, LAYOUT_FN_QUIET, 2)
    assert len(sent) == 2
    assert dash_reports(lesson, LAYOUT_FN_QUIET) == []
    assert frame_errors(lesson, LAYOUT_FN_QUIET) == []


# ---- plain Dash servers ------------------------------------------------------------------


class PlainApp:
    """`python app.py` in a folder of its own: the files a learner would have."""

    def __init__(self, folder, files, wait=True, pythonpath=None):
        for name, text in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = folder / "server.log"
        env = {**os.environ, "PORT": str(self.port), "PYTHONUNBUFFERED": "1"}
        if pythonpath:
            env["PYTHONPATH"] = str(pythonpath)
        self.process = subprocess.Popen(
            [sys.executable, "app.py"],
            cwd=folder,
            env=env,
            stdout=self.log_path.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if wait:
            deadline = time.monotonic() + 60
            while not listening(self.port):
                assert self.process.poll() is None, self.log()
                assert time.monotonic() < deadline, self.log()
                time.sleep(0.05)

    def log(self):
        return self.log_path.read_text()

    def get(self, path):
        return requests.get(self.url + path, timeout=30)

    def outputs(self):
        return [dep["output"] for dep in self.get("/_dash-dependencies").json()]

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)


@pytest.fixture
def serve(tmp_path):
    apps = []

    def start(files, **kwargs):
        folder = tmp_path / f"app{len(apps)}"
        folder.mkdir()
        apps.append(PlainApp(folder, files, **kwargs))
        return apps[-1]

    yield start
    for app in apps:
        app.stop()


RUN = "app.run(debug={debug}, port=int(os.environ['PORT']), use_reloader=False, dev_tools_disable_version_check=True)"  # noqa: E501
APP_PY = """
import os

from dash import Dash, html

app = Dash(__name__)
app.layout = html.Div([html.Button("Count", id="count"), html.P("Not counted yet.", id="counted")])
{imports}
if __name__ == "__main__":
    {run}
"""
CALLBACKS_PY = """
from dash import Input, Output, callback


@callback(Output("counted", "children"), Input("count", "n_clicks"), prevent_initial_call=True)
def count(n_clicks):
    return f"Counted {n_clicks}x."
"""


def click_body(n=1):
    return {
        "output": "counted.children",
        "outputs": {"id": "counted", "property": "children"},
        "inputs": [{"id": "count", "property": "n_clicks", "value": n}],
        "state": [],
        "changedPropIds": ["count.n_clicks"],
    }


def test_a_callbacks_module_nobody_imports_registers_nothing(serve, page):
    alone = serve(
        {
            "app.py": APP_PY.format(imports="", run=RUN.format(debug=True)),
            "callbacks.py": CALLBACKS_PY,
        }
    )
    assert alone.outputs() == []
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(alone.url)
    page.get_by_role("button", name="Count").click()
    page.wait_for_timeout(600)
    expect(page.locator("#counted")).to_have_text("Not counted yet.")
    expect(page.locator(".dash-fe-error__title")).to_have_count(0)
    assert errors == []

    imported = serve(
        {
            "app.py": APP_PY.format(imports="import callbacks  # noqa", run=RUN.format(debug=True)),
            "callbacks.py": CALLBACKS_PY,
        }
    )
    assert imported.outputs() == ["counted.children"]
    answer = requests.post(imported.url + "/_dash-update-component", json=click_body(), timeout=30)
    assert answer.json()["response"] == {"counted": {"children": "Counted 1x."}}


def test_the_reloader_runs_the_file_twice_and_each_process_registers_once(serve):
    app = serve(
        {
            "app.py": APP_PY.format(
                imports='import callbacks  # noqa\nprint("app.py runs in", os.getpid())',
                run="app.run(debug=True, port=int(os.environ['PORT']), "
                "dev_tools_disable_version_check=True)",
            ),
            "callbacks.py": CALLBACKS_PY,
        }
    )
    deadline = time.monotonic() + 30
    while len(re.findall(r"app\.py runs in (\d+)", app.log())) < 2:
        assert time.monotonic() < deadline, app.log()
        time.sleep(0.1)
    pids = re.findall(r"app\.py runs in (\d+)", app.log())
    assert len(pids) == 2 and len(set(pids)) == 2
    # The server answers from a fresh process that imported callbacks.py once.
    deadline = time.monotonic() + 30
    while True:
        try:
            outputs = app.outputs()
            break
        except requests.ConnectionError:
            assert time.monotonic() < deadline
            time.sleep(0.1)
    assert outputs == ["counted.children"]


def run_python(code, pythonpath=None, cwd=None):
    env = {**os.environ}
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_app_callback_registers_at_once_and_global_callbacks_wait_for_a_request():
    out = run_python(
        """
        from dash import Dash, Input, Output, callback, html

        first, second = Dash("first"), Dash("second")
        for app in (first, second):
            app.layout = html.Div([html.Button(id="go"), html.P(id="out"), html.P(id="mine")])

        @first.callback(Output("mine", "children"), Input("go", "n_clicks"))
        def mine(n):
            return n

        @callback(Output("out", "children"), Input("go", "n_clicks"))
        def shared(n):
            return n

        print("before", sorted(first.callback_map), sorted(second.callback_map))
        second.server.test_client().get("/")
        first.server.test_client().get("/")
        print("after", sorted(first.callback_map), sorted(second.callback_map))
        """
    )
    assert out.splitlines() == [
        "before ['mine.children'] []",
        "after ['mine.children'] ['out.children']",
    ]


def test_both_decorators_on_one_output_fail_the_first_request_then_drop_one(serve):
    app = serve(
        {
            "app.py": """
            import os

            from dash import Dash, Input, Output, callback, html

            app = Dash(__name__)
            app.layout = html.Div([html.Button(id="go"), html.P(id="out")])


            @app.callback(Output("out", "children"), Input("go", "n_clicks"))
            def one(n):
                return "app.callback"


            @callback(Output("out", "children"), Input("go", "n_clicks"))
            def two(n):
                return "dash.callback"


            if __name__ == "__main__":
                app.run(debug=False, port=int(os.environ["PORT"]))
            """
        }
    )
    first = app.get("/")
    assert first.status_code == 500
    assert (
        "dash.exceptions.DuplicateCallback: The callback `out.children` provided with "
        "`dash.callback` was already assigned with `app.callback`."
    ) in app.log()
    assert app.get("/").status_code == 200
    assert app.outputs() == ["out.children"]
    body = {**click_body(), "output": "out.children"}
    body["outputs"] = {"id": "out", "property": "children"}
    body["inputs"] = [{"id": "go", "property": "n_clicks", "value": 1}]
    body["changedPropIds"] = ["go.n_clicks"]
    answer = requests.post(app.url + "/_dash-update-component", json=body, timeout=30)
    assert answer.json()["response"] == {"out": {"children": "app.callback"}}
    assert app.log().count("dash.exceptions.DuplicateCallback:") == 1


def test_which_app_wide_settings_reach_each_decorator(serve):
    app = serve(
        {
            "app.py": """
            import os

            from dash import Dash, Input, Output, callback, html, set_props


            def handler(error):
                set_props("status", {"children": f"handled: {error}"})


            app = Dash(
                __name__,
                on_error=handler,
                prevent_initial_callbacks=True,
                suppress_callback_exceptions=True,
            )
            app.layout = html.Div(
                [html.Button(id="a"), html.P(id="out_a"), html.P(id="out_b"), html.P(id="status")]
            )


            @app.callback(Output("out_a", "children"), Input("a", "n_clicks"))
            def with_app(n):
                return 1 / 0


            @callback(Output("out_b", "children"), Input("a", "n_clicks"))
            def with_dash(n):
                return 1 / 0


            if __name__ == "__main__":
                app.run(port=int(os.environ["PORT"]), hide_all_callbacks=True)
            """
        }
    )
    assert '"suppress_callback_exceptions":true' in app.get("/").text
    deps = {dep["output"]: dep for dep in app.get("/_dash-dependencies").json()}
    assert {out: (dep["prevent_initial_call"], dep["hidden"]) for out, dep in deps.items()} == {
        "out_a.children": (True, True),
        "out_b.children": (False, True),
    }
    for out in ("out_a", "out_b"):
        answer = requests.post(
            app.url + "/_dash-update-component",
            json={
                "output": f"{out}.children",
                "outputs": {"id": out, "property": "children"},
                "inputs": [{"id": "a", "property": "n_clicks", "value": 1}],
                "state": [],
                "changedPropIds": ["a.n_clicks"],
            },
            timeout=30,
        )
        assert answer.status_code == 200
        assert answer.json()["sideUpdate"] == {"status": {"children": "handled: division by zero"}}


CIRCULAR_APP = """
import os
import sys

from dash import Dash, html

app = Dash(__name__)
print("app built in", __name__, flush=True)
app.layout = html.Div([html.Button("Count", id="count"), html.P(id="counted")])
import callbacks  # noqa: E402,F401

if __name__ == "__main__":
    print("served app has", len(app.callback_map), "callbacks", flush=True)
"""
CIRCULAR_CALLBACKS = """
from dash import Input, Output
from app import app


@app.callback(Output("counted", "children"), Input("count", "n_clicks"))
def count(n_clicks):
    return f"Counted {n_clicks}x."
"""


def circular(tmp_path, version=None):
    folder = tmp_path / f"circular-{version or 'pinned'}"
    folder.mkdir()
    (folder / "app.py").write_text(textwrap.dedent(CIRCULAR_APP))
    (folder / "callbacks.py").write_text(textwrap.dedent(CIRCULAR_CALLBACKS))
    pythonpath = None
    if version:
        pythonpath = tmp_path / f"dash-{version}"
        with zipfile.ZipFile(_archive("dash", version)) as wheel:
            wheel.extractall(pythonpath)
    env = {**os.environ, **({"PYTHONPATH": str(pythonpath)} if pythonpath else {})}
    result = subprocess.run(
        [sys.executable, "app.py"], cwd=folder, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_since_4_4_1_from_app_import_app_finds_the_running_script(tmp_path):
    assert circular(tmp_path) == ["app built in __main__", "served app has 1 callbacks"]


def test_before_4_4_1_the_import_built_a_second_app(tmp_path):
    assert circular(tmp_path, "4.4.0") == [
        "app built in __main__",
        "app built in app",
        "served app has 0 callbacks",
    ]


# ---- a callback inside a layout function, on a plain server --------------------------------

LAYOUT_APP = """
import os

import dash._callback
from dash import Dash, Input, Output, callback, html

app = Dash(__name__{options})


def serve_layout():
    @{decorator}(
        Output("counted", "children"), Input("count", "n_clicks"), prevent_initial_call=True
    )
    def count(n_clicks):
        return f"Counted {{n_clicks}}x."

    return html.Div([html.Button("Count", id="count"), html.P("Not counted yet.", id="counted")])


app.layout = serve_layout


@app.server.route("/sizes")
def sizes():
    return {{"app": len(app._callback_list), "waiting": len(dash._callback.GLOBAL_CALLBACK_LIST)}}


if __name__ == "__main__":
    {run}
"""


def layout_app(serve, decorator, debug, options=""):
    source = LAYOUT_APP.format(decorator=decorator, options=options, run=RUN.format(debug=debug))
    return serve({"app.py": source})


def visit(page, app):
    """One page load and one click; what the page showed and what it requested."""
    sent = []
    page.on("request", lambda r: sent.append(urlparse(r.url).path))
    page.goto(app.url)
    expect(page.get_by_role("button", name="Count")).to_be_visible()
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Count").click()
    page.wait_for_timeout(600)
    errors = page.locator(".dash-fe-error__title").all_inner_texts()
    return page.locator("#counted").inner_text(), errors, sent


def test_global_callback_in_a_layout_function_grows_the_waiting_list(serve, browser):
    app = layout_app(serve, "callback", debug=True)
    sizes = []
    for _ in range(3):
        context = browser.new_context()
        text, errors, sent = visit(context.new_page(), app)
        context.close()
        assert (text, errors) == ("Not counted yet.", [DUPLICATE])
        assert sent.count("/_dash-layout") == 1
        assert "/_dash-update-component" not in sent
        sizes.append(app.get("/sizes").json())
    assert sizes == [{"app": 2, "waiting": n} for n in (1, 2, 3)]


def test_with_dev_tools_off_it_counts_and_still_grows(serve, page):
    app = layout_app(serve, "callback", debug=False)
    text, errors, sent = visit(page, app)
    assert (text, errors) == ("Counted 1x.", [])
    assert sent.count("/_dash-update-component") == 1
    assert app.get("/sizes").json() == {"app": 2, "waiting": 1}


def test_app_callback_in_a_layout_function_adds_a_copy_per_page_load(serve):
    app = layout_app(serve, "app.callback", debug=True)
    assert app.get("/").status_code == 200
    assert app.get("/sizes").json() == {"app": 2, "waiting": 0}
    for _ in range(10):
        assert app.get("/_dash-layout").status_code == 200
    assert app.outputs() == ["counted.children"] * 12


def test_with_suppress_callback_exceptions_the_duplicate_hides_and_growth_goes_on(serve, page):
    app = layout_app(serve, "callback", debug=True, options=", suppress_callback_exceptions=True")
    text, errors, _ = visit(page, app)
    assert (text, errors) == ("Counted 1x.", [])
    assert app.outputs() == ["counted.children"]
    page.reload()
    expect(page.get_by_role("button", name="Count")).to_be_visible()
    page.wait_for_timeout(300)
    assert app.get("/sizes").json() == {"app": 1, "waiting": 2}


# ---- Dash Pages ----------------------------------------------------------------------------

PAGES_APP = """
import os

import dash._callback
from dash import Dash, dcc, html, page_container

app = Dash(__name__, use_pages=True)
app.layout = html.Div([dcc.Link("Home", href="/"), dcc.Link("Report", href="/report"),
                       page_container])


@app.server.route("/sizes")
def sizes():
    return {"waiting": len(dash._callback.GLOBAL_CALLBACK_LIST)}


if __name__ == "__main__":
    app.run(debug=True, port=int(os.environ["PORT"]), use_reloader=False,
            dev_tools_disable_version_check=True)
"""
HOME_PAGE = """
from dash import html, register_page

register_page(__name__, path="/")
layout = html.P("Home page")
"""
REPORT_PAGE = """
from dash import Input, Output, callback, html, register_page

register_page(__name__, path="/report")

layout = html.Div([html.Button("Count", id="count"), html.P("Not counted yet.", id="counted")])


@callback(Output("counted", "children"), Input("count", "n_clicks"), prevent_initial_call=True)
def count(n_clicks):
    return f"Counted {n_clicks}x."
"""
REPORT_PAGE_FUNCTION = """
from dash import Input, Output, callback, html, register_page

register_page(__name__, path="/report")


def layout(**kwargs):
    @callback(Output("counted", "children"), Input("count", "n_clicks"), prevent_initial_call=True)
    def count(n_clicks):
        return f"Counted {n_clicks}x."

    return html.Div([html.Button("Count", id="count"), html.P("Not counted yet.", id="counted")])
"""


def pages_app(serve, report):
    return serve({"app.py": PAGES_APP, "pages/home.py": HOME_PAGE, "pages/report.py": report})


def back_and_forth(page, times):
    for _ in range(times):
        page.get_by_role("link", name="Home").click()
        expect(page.get_by_text("Home page")).to_be_visible()
        page.get_by_role("link", name="Report").click()
        expect(page.get_by_role("button", name="Count")).to_be_visible()


def test_a_page_module_callback_registers_once(serve, page):
    app = pages_app(serve, REPORT_PAGE)
    page.goto(app.url + "/report")
    page.get_by_role("button", name="Count").click()
    expect(page.locator("#counted")).to_have_text("Counted 1x.")
    before = app.outputs()
    assert before.count("counted.children") == 1
    back_and_forth(page, 3)
    page.get_by_role("button", name="Count").click()
    expect(page.locator("#counted")).to_have_text("Counted 1x.")
    assert app.outputs() == before
    assert app.get("/sizes").json() == {"waiting": 0}


def test_a_callback_inside_a_page_layout_function_never_reaches_the_browser(serve, page):
    app = pages_app(serve, REPORT_PAGE_FUNCTION)
    sent = []
    page.on("request", lambda r: sent.append(urlparse(r.url).path))
    page.goto(app.url + "/report")
    page.get_by_role("button", name="Count").click()
    page.wait_for_timeout(600)
    expect(page.locator("#counted")).to_have_text("Not counted yet.")
    expect(page.locator(".dash-fe-error__title")).to_have_count(0)
    assert "counted.children" not in app.outputs()
    waiting = app.get("/sizes").json()["waiting"]
    back_and_forth(page, 3)
    assert app.get("/sizes").json() == {"waiting": waiting + 3}
    clicks = sent.count("/_dash-update-component")
    page.get_by_role("button", name="Count").click()
    page.wait_for_timeout(600)
    assert sent.count("/_dash-update-component") == clicks


def test_a_page_module_cannot_import_the_app(serve):
    app = serve(
        {
            "app.py": PAGES_APP,
            "pages/home.py": HOME_PAGE,
            "pages/report.py": "from app import app  # noqa\n" + REPORT_PAGE,
        },
        wait=False,
    )
    assert app.process.wait(timeout=60) != 0
    assert "ImportError: cannot import name 'app' from '__main__'" in app.log()
