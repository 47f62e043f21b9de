"""no-output-callbacks: every claim of the lesson, in real Chromium and on the pinned Dash."""

import hashlib
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from urllib.parse import urlparse

import pytest
import requests
from dash import Dash, Input, State, dcc, html
from dash.exceptions import InvalidCallbackReturnValue
from lessonkit import (
    dash_reports,
    example,
    expect_log_count,
    expect_reports,
    frame_errors,
    log_entries,
    log_panel,
    open_lesson,
    settle,
)
from localhost import free_port, listening
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SLUG = "no-output-callbacks"
BROKEN, FIXED = f"{SLUG}/broken", f"{SLUG}/fixed"
BOTH, RUNNING, TYPO = (f"{SLUG}/{n}" for n in ("output_and_set_props", "running_status", "typo_id"))
# What Dash names a callback without Outputs whose one Input is reset.n_clicks.
RESET_ID = hashlib.sha256(b"reset.n_clicks").hexdigest()
TYPO_REPORT = (
    "ID running component not found in layout: "
    "Component defined in running keyword not found in layout. "
    'Component id: "satus" '
    "This ID was used in the callback(s) for Output(s): "
    f"{RESET_ID} "
    "You can suppress this exception by setting "
    "`suppress_callback_exceptions=True`."
)


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


def names_and_triggers(page, key):
    return [(name, trigger) for name, trigger, _status in log_entries(page, key)]


# ---- broken: two callbacks, one id ----------------------------------------------------------


def test_both_callbacks_get_the_same_id_and_the_server_keeps_the_last(site_app):
    app = site_app.EXAMPLES[BROKEN].app
    served = app.server.test_client().get("/_dash-dependencies").json
    without = [dep for dep in served if dep["no_output"]]
    assert [dep["output"] for dep in without] == [RESET_ID, RESET_ID]
    assert re.fullmatch(r"[0-9a-f]{64}", RESET_ID)
    assert app.callback_map[RESET_ID]["callback"].__name__ == "report_reset"


def test_only_one_of_two_callbacks_on_one_button_runs_and_nothing_warns(lesson):
    sent = update_requests(lesson, BROKEN)
    frame = example(lesson, BROKEN)
    expect(frame.locator("#greeting")).to_have_text("Hello, Ada!")
    expect_log_count(lesson, BROKEN, 1)
    before = len(sent)
    frame.get_by_role("button", name="Reset").click()
    expect(frame.locator("#status")).to_have_text("Reset 1x.")
    expect_log_count(lesson, BROKEN, 2)
    settle(lesson)
    assert len(sent) - before == 1
    expect(frame.get_by_role("textbox")).to_have_value("Ada")
    expect(frame.locator("#greeting")).to_have_text("Hello, Ada!")
    assert names_and_triggers(lesson, BROKEN) == [
        ("greet", "initial call"),
        ("report_reset", "reset.n_clicks"),
    ]
    # The sandbox shows what the run set with set_props, not the hash Dash keys it by.
    summary = log_panel(lesson, BROKEN).locator(".fire-entry .fire-values summary").last
    expect(summary).to_have_text('status.children = "Reset 1x."')
    expect(log_panel(lesson, BROKEN)).not_to_contain_text(RESET_ID)
    # Dev tools on, and not a word.
    expect(frame.locator(".dash-fe-error__title")).to_have_count(0)
    assert dash_reports(lesson, BROKEN) == []
    assert frame_errors(lesson, BROKEN) == []


def no_output_ids(*callbacks):
    """The ids Dash gives callbacks without Outputs, each given as (inputs, state)."""
    app = Dash(__name__)
    app.layout = html.Div([html.Button(id="a"), html.Button(id="b"), dcc.Input(id="c")])
    for inputs, state in callbacks:
        app.callback(*inputs, *state)(lambda *args: None)
    return [spec["output"] for spec in app._callback_list]


def test_the_id_is_a_hash_of_the_inputs_only():
    same_input = ([Input("a", "n_clicks")], [])
    with_state = ([Input("a", "n_clicks")], [State("c", "value")])
    other_input = ([Input("b", "n_clicks")], [])
    first, second, third = no_output_ids(same_input, with_state, other_input)
    assert first == second == hashlib.sha256(b"a.n_clicks").hexdigest()
    assert third != first


def test_a_callback_without_outputs_must_return_nothing():
    app = Dash(__name__)
    app.layout = html.Div([html.Button(id="reset")])
    app.server.config["PROPAGATE_EXCEPTIONS"] = True

    @app.callback(Input("reset", "n_clicks"))
    def reset(n_clicks):
        return "Done"

    with pytest.raises(InvalidCallbackReturnValue) as raised:
        app.server.test_client().post(
            "/_dash-update-component",
            json={
                "output": RESET_ID,
                "outputs": [],
                "inputs": [{"id": "reset", "property": "n_clicks", "value": 1}],
                "state": [],
                "changedPropIds": ["reset.n_clicks"],
            },
        )
    assert str(raised.value) == "No-output callback received return value: Done"
    app.server.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.server.test_client().post(
        "/_dash-update-component",
        json={
            "output": RESET_ID,
            "outputs": [],
            "inputs": [{"id": "reset", "property": "n_clicks", "value": 1}],
            "state": [],
            "changedPropIds": ["reset.n_clicks"],
        },
    )
    assert response.status_code == 500


# ---- fixed, and set_props firing other callbacks -------------------------------------------


def test_one_callback_does_both_and_set_props_fires_greet(lesson):
    sent = update_requests(lesson, FIXED)
    frame = example(lesson, FIXED)
    expect_log_count(lesson, FIXED, 1)
    before = len(sent)
    frame.get_by_role("button", name="Reset").click()
    expect(frame.locator("#status")).to_have_text("Reset 1x.")
    expect(frame.get_by_role("textbox")).to_have_value("")
    expect(frame.locator("#greeting")).to_have_text("Who are you?")
    expect_log_count(lesson, FIXED, 3)
    assert len(sent) - before == 2
    # Again, with the box already empty: set_props to the same value still fires greet.
    frame.get_by_role("button", name="Reset").click()
    expect(frame.locator("#status")).to_have_text("Reset 2x.")
    expect_log_count(lesson, FIXED, 5)
    assert names_and_triggers(lesson, FIXED) == [
        ("greet", "initial call"),
        ("reset", "reset.n_clicks"),
        ("greet", "name.value"),
        ("reset", "reset.n_clicks"),
        ("greet", "name.value"),
    ]
    assert len(sent) - before == 4
    assert dash_reports(lesson, FIXED) == []


# ---- set_props and an Output on one property, and running= ---------------------------------

WATCH = """
() => {
  const el = document.querySelector('#status');
  window.__seen = [];
  window.__frames = 0;
  (function tick() { window.__frames++; requestAnimationFrame(tick); })();
  new MutationObserver(() => window.__seen.push(
    {ms: performance.now() - window.__clicked, text: el.textContent, frame: window.__frames}
  )).observe(el, {childList: true, subtree: true, characterData: true});
  document.querySelector('#save').addEventListener(
    'click', () => { window.__clicked = performance.now(); }, true);
}
"""


def watch_status(lesson, key):
    frame = example(lesson, key)
    frame.locator("#status").evaluate(f"el => ({WATCH})()")
    return frame


def seen(frame):
    return frame.locator("#status").evaluate("() => window.__seen")


def test_the_set_props_value_arrives_with_the_output_and_is_never_drawn(lesson):
    frame = watch_status(lesson, BOTH)
    with lesson.expect_response(lambda r: f"/examples/{BOTH}/_dash-update" in r.url) as info:
        frame.get_by_role("button", name="Save").click()
    # One response carries both: the set_props value and the Output.
    body = info.value.json()
    assert body["sideUpdate"] == {"status": {"children": "Saving…"}}
    assert body["response"] == {"status": {"children": "Saved (1x)."}}
    expect(frame.locator("#status")).to_have_text("Saved (1x).")
    changes = seen(frame)
    assert [c["text"] for c in changes] == ["Saving…", "Saved (1x)."]
    # Nothing changed during the slow second, and both changes fell in one frame.
    assert changes[0]["ms"] > 900
    assert changes[0]["frame"] == changes[1]["frame"]
    expect_log_count(lesson, BOTH, 1)
    assert names_and_triggers(lesson, BOTH) == [("save", "save.n_clicks")]
    assert dash_reports(lesson, BOTH) == []


def test_running_shows_the_message_as_soon_as_the_request_leaves(lesson):
    frame = watch_status(lesson, RUNNING)
    frame.get_by_role("button", name="Save").click()
    expect(frame.locator("#status")).to_have_text("Saved (1x).")
    changes = seen(frame)
    assert changes[0]["text"] == "Saving…" and changes[0]["ms"] < 500
    assert changes[-1]["text"] == "Saved (1x)."
    assert changes[-1]["ms"] > 900
    expect_log_count(lesson, RUNNING, 1)
    assert dash_reports(lesson, RUNNING) == []


# ---- an id that is not in the layout ---------------------------------------------------------


def test_a_typo_in_set_props_is_reported_only_when_the_callback_runs(lesson):
    frame = example(lesson, TYPO)
    settle(lesson)
    assert dash_reports(lesson, TYPO) == []
    expect(frame.locator(".dash-fe-error__title")).to_have_count(0)
    frame.get_by_role("button", name="Reset").click()
    (report,) = expect_reports(lesson, TYPO, 1)
    assert report == TYPO_REPORT
    title = frame.locator(".dash-fe-error__title")
    expect(title).to_have_text("ID running component not found in layout")
    title.click()
    expect(frame.locator(".dash-backend-error pre")).to_have_text(
        "Component defined in running keyword not found in layout.\n"
        'Component id: "satus"\n'
        "This ID was used in the callback(s) for Output(s):\n"
        f"{RESET_ID}\n"
        "You can suppress this exception by setting\n"
        "`suppress_callback_exceptions=True`."
    )
    expect(frame.locator("#status")).to_have_text("Nothing reset yet.")


class PlainApp:
    """One file, `python app.py`, on a free port: a plain Dash server, not the site."""

    def __init__(self, folder, source):
        (folder / "app.py").write_text(textwrap.dedent(source))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = folder / "server.log"
        self.process = subprocess.Popen(
            [sys.executable, "app.py"],
            cwd=folder,
            env={**os.environ, "PORT": str(self.port)},
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while not listening(self.port):
            assert self.process.poll() is None, self.log.read_text()
            assert time.monotonic() < deadline
            time.sleep(0.05)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)


@pytest.fixture
def plain(tmp_path):
    started = []

    def start(source):
        started.append(PlainApp(tmp_path, source))
        return started[-1]

    yield start
    for app in started:
        app.stop()


PLAIN = """
import os

from dash import Dash, Input, Output, callback, html, set_props

app = Dash(__name__{options})
app.layout = html.Div(
    [html.Button("A", id="a"), html.Button("B", id="b"), html.P("Nothing yet.", id="status")]
)
{callbacks}

if __name__ == "__main__":
    app.run(debug=True, port=int(os.environ["PORT"]), use_reloader=False,
            dev_tools_disable_version_check=True)
"""


def console_errors(page):
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    return errors


def test_with_suppress_callback_exceptions_the_typo_produces_nothing(plain, page):
    app = plain(
        PLAIN.format(
            options=", suppress_callback_exceptions=True",
            callbacks="""
@callback(Input("a", "n_clicks"), prevent_initial_call=True)
def reset(n_clicks):
    set_props("satus", {"children": f"Reset {n_clicks}x."})
""",
        )
    )
    errors = console_errors(page)
    with page.expect_response(lambda r: "_dash-update-component" in r.url) as info:
        page.goto(app.url)
        page.get_by_role("button", name="A", exact=True).click()
    assert info.value.json()["sideUpdate"] == {"satus": {"children": "Reset 1x."}}
    page.wait_for_timeout(600)
    expect(page.locator("#status")).to_have_text("Nothing yet.")
    expect(page.locator(".dash-fe-error__title")).to_have_count(0)
    assert errors == []


def test_set_props_on_another_callbacks_output_raises_nothing(plain, page):
    app = plain(
        PLAIN.format(
            options="",
            callbacks="""
@callback(Output("status", "children"), Input("a", "n_clicks"), prevent_initial_call=True)
def from_output(n_clicks):
    return "Written by the Output."


@callback(Input("b", "n_clicks"), prevent_initial_call=True)
def from_set_props(n_clicks):
    set_props("status", {"children": "Written by set_props."})
""",
        )
    )
    errors = console_errors(page)
    page.goto(app.url)
    page.get_by_role("button", name="A", exact=True).click()
    expect(page.locator("#status")).to_have_text("Written by the Output.")
    page.get_by_role("button", name="B", exact=True).click()
    expect(page.locator("#status")).to_have_text("Written by set_props.")
    page.get_by_role("button", name="A", exact=True).click()
    expect(page.locator("#status")).to_have_text("Written by the Output.")
    page.wait_for_timeout(300)
    expect(page.locator(".dash-fe-error__title")).to_have_count(0)
    assert errors == []
    served = requests.get(app.url + "/_dash-dependencies", timeout=30).json()
    assert [dep["no_output"] for dep in served] == [False, True]
