"""pattern-matching: every claim of the lesson, in real Chromium on the pinned Dash."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from urllib.parse import urlparse

import dash
import pytest
from conftest import ROOT
from lessonkit import (
    dash_reports,
    example,
    expect_log_count,
    expect_reports,
    frame_errors,
    log_entries,
    open_lesson,
    settle,
    site_errors,
)
from localhost import free_port, listening
from playwright.sync_api import expect
from releases import files

SLUG = "pattern-matching"
BROKEN, FIXED, ONE_OWNER = (f"{SLUG}/{name}" for name in ("broken", "fixed", "one_owner"))
ALLSMALLER, FIXED_OUTPUT = f"{SLUG}/allsmaller", f"{SLUG}/allsmaller_fixed_output"
EXTRA_KEY = f"{SLUG}/extra_key"
LESSON_DIR = ROOT / "lessons" / SLUG
WILDCARD_ERROR = "`Input` / `State` wildcards not in `Output`s"
DEV_TOOLS_MESSAGE = """\
`Input` / `State` wildcards not in `Output`s
In the callback for output(s):
  total.children
Input 1 ({"index":ALLSMALLER,"type":"amount"}.value)
has MATCH or ALLSMALLER on key(s) index
where Output 0 (total.children)
does not have a MATCH wildcard. Inputs and State do not
need every MATCH from the Output(s), but ALLSMALLER
requires a matching MATCH in the Output(s), and when
the Output(s) have any MATCH, Input/State MATCH keys
must be a subset of them."""
MULTIPLE = (
    "ReferenceError: Multiple objects were found for an `Input` of a callback"
    " that only takes one value."
)


def finish(index):
    return f'{{"index":{index},"type":"finish"}}.n_clicks'


def amount(index):
    return f'{{"index":{index},"type":"amount"}}.value'


def requests_sent(page, key):
    """The body of every callback request the example sends, as seen on the network."""
    sent = []
    path = f"/examples/{key}/_dash-update-component"
    page.on("request", lambda r: urlparse(r.url).path == path and sent.append(r.post_data_json))
    return sent


def add_task(frame, number):
    frame.get_by_role("button", name="Add a task").click()
    expect(frame.get_by_role("button", name=f"Finish task {number}")).to_be_visible()


def no_dev_tools_error(lesson, frame, key):
    expect(frame.locator("#dash-debug-menu__errors-button")).to_be_attached()
    expect(frame.locator(".dash-debug-menu__error-count")).to_have_count(0)
    assert dash_reports(lesson, key) == []
    assert frame_errors(lesson, key) == []


# ---- broken: ALL and ctx.triggered_id ------------------------------------------------------


@pytest.mark.browser
def test_adding_a_task_reports_one_nobody_finished(page, site):
    sent = requests_sent(page, BROKEN)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, BROKEN)
    status = frame.locator("#status")
    expect(status).to_have_text("No task finished yet.")

    add_task(frame, 1)
    expect(status).to_have_text("You finished task 1.")
    expect_log_count(lesson, BROKEN, 2)
    assert [body["output"] for body in sent] == ["tasks.children", "status.children"]
    assert sent[1]["changedPropIds"] == [finish(1)]
    assert sent[1]["inputs"] == [[{"id": {"index": 1, "type": "finish"}, "property": "n_clicks"}]]

    add_task(frame, 2)
    expect_log_count(lesson, BROKEN, 4)
    assert [body["output"] for body in sent[2:]] == ["tasks.children", "status.children"]
    # Every Finish button counts as changed, and triggered_id is the first of them.
    assert sent[3]["changedPropIds"] == [finish(1), finish(2)]
    expect(status).to_have_text("You finished task 1.")

    frame.get_by_role("button", name="Finish task 2").click()
    expect(status).to_have_text("You finished task 2.")
    expect_log_count(lesson, BROKEN, 5)
    assert sent[4]["changedPropIds"] == [finish(2)]

    add_task(frame, 3)
    expect_log_count(lesson, BROKEN, 7)
    expect(status).to_have_text("You finished task 1.")
    # Clicked or not, all three are listed.
    assert sent[6]["changedPropIds"] == [finish(1), finish(2), finish(3)]
    assert [item.get("value") for item in sent[6]["inputs"][0]] == [None, 1, None]
    assert log_entries(lesson, BROKEN) == [
        ("add_task", "add.n_clicks", "updated"),
        ("report", finish(1), "updated"),
        ("add_task", "add.n_clicks", "updated"),
        ("report", f"{finish(1)}, {finish(2)}", "updated"),
        ("report", finish(2), "updated"),
        ("add_task", "add.n_clicks", "updated"),
        ("report", f"{finish(1)}, {finish(2)}, {finish(3)}", "updated"),
    ]
    no_dev_tools_error(lesson, frame, BROKEN)
    assert site_errors(lesson) == []


# ---- fixed: MATCH for one, ALL for all ------------------------------------------------------


@pytest.mark.browser
def test_match_marks_the_clicked_task_and_all_counts_them(page, site):
    sent = requests_sent(page, FIXED)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, FIXED)
    status, states = frame.locator("#status"), frame.locator("#tasks span")
    # ALL with nothing to match still runs on load, with an empty list.
    expect(status).to_have_text("0 of 0 tasks finished.")
    assert sent[0]["inputs"] == [[]]

    for number in (1, 2):
        before = len(sent)
        add_task(frame, number)
        expect(status).to_have_text(f"0 of {number} tasks finished.")
        expect_log_count(lesson, FIXED, 1 + 2 * number)
        outputs = [body["output"] for body in sent[before:]]
        assert outputs == ["tasks.children", "status.children"]

    before = len(sent)
    frame.get_by_role("button", name="Finish task 2").click()
    expect(states).to_have_text(["open", "finished"])
    expect(status).to_have_text("1 of 2 tasks finished.")
    expect_log_count(lesson, FIXED, 7)
    state_key = '{"index":["MATCH"],"type":"state"}.children'
    assert sorted(body["output"] for body in sent[before:]) == sorted(
        [state_key, "status.children"]
    )
    (one,) = [body for body in sent[before:] if body["output"] == state_key]
    assert one["outputs"]["id"] == {"index": 2, "type": "state"}

    before = len(sent)
    add_task(frame, 3)
    expect(status).to_have_text("1 of 3 tasks finished.")
    expect_log_count(lesson, FIXED, 9)
    assert [body["output"] for body in sent[before:]] == ["tasks.children", "status.children"]
    expect(states).to_have_text(["open", "finished", "open"])
    entries = log_entries(lesson, FIXED)
    assert entries[0] == ("summary", "initial call", "updated")
    assert sorted(entries[5:7]) == [
        ("finish", finish(2), "updated"),
        ("summary", finish(2), "updated"),
    ]
    assert [name for name, _, _ in entries].count("finish") == 1
    no_dev_tools_error(lesson, frame, FIXED)


@pytest.mark.browser
def test_one_callback_that_adds_the_tasks_is_not_run_again_for_them(page, site):
    sent = requests_sent(page, ONE_OWNER)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, ONE_OWNER)
    status = frame.locator("#status")
    for number in (1, 2):
        add_task(frame, number)
        expect_log_count(lesson, ONE_OWNER, number)
    frame.get_by_role("button", name="Finish task 2").click()
    expect(status).to_have_text("You finished task 2.")
    add_task(frame, 3)
    expect_log_count(lesson, ONE_OWNER, 4)
    expect(status).to_have_text("You finished task 2.")
    # One request per append, and ctx.triggered_id is "add" or the button clicked.
    assert [body["changedPropIds"] for body in sent] == [
        ["add.n_clicks"],
        ["add.n_clicks"],
        [finish(2)],
        ["add.n_clicks"],
    ]
    # Each run leaves one of its two Outputs alone (no_update).
    assert log_entries(lesson, ONE_OWNER) == [
        ("update", "add.n_clicks", "partly updated"),
        ("update", "add.n_clicks", "partly updated"),
        ("update", finish(2), "partly updated"),
        ("update", "add.n_clicks", "partly updated"),
    ]
    no_dev_tools_error(lesson, frame, ONE_OWNER)


# ---- the wildcards ---------------------------------------------------------------------------


def enter_amount(frame, row, value):
    box = frame.get_by_placeholder(f"Row {row}")
    box.fill(value)
    box.press("Enter")


@pytest.mark.browser
def test_allsmaller_runs_each_total_that_counts_the_changed_row(page, site):
    sent = requests_sent(page, ALLSMALLER)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, ALLSMALLER)
    totals = frame.locator("span[id*=total]")
    expect(totals).to_have_text(["Running total: 5", "Running total: 8", "Running total: 10"])
    expect_log_count(lesson, ALLSMALLER, 3)
    # Each run gets its own row, and the rows above it.
    above = {body["inputs"][0]["id"]["index"]: len(body["inputs"][1]) for body in sent}
    assert above == {1: 0, 2: 1, 3: 2}

    before = len(sent)
    enter_amount(frame, 1, "10")
    expect(totals).to_have_text(["Running total: 10", "Running total: 13", "Running total: 15"])
    expect_log_count(lesson, ALLSMALLER, 6)
    runs = sent[before:]
    assert sorted(body["outputs"]["id"]["index"] for body in runs) == [1, 2, 3]
    assert all(body["changedPropIds"] == [amount(1)] for body in runs)

    before = len(sent)
    enter_amount(frame, 3, "7")
    expect(totals).to_have_text(["Running total: 10", "Running total: 13", "Running total: 20"])
    expect_log_count(lesson, ALLSMALLER, 7)
    assert [body["outputs"]["id"]["index"] for body in sent[before:]] == [3]
    assert log_entries(lesson, ALLSMALLER)[6] == ("running_total", amount(3), "updated")
    assert dash_reports(lesson, ALLSMALLER) == []


@pytest.mark.browser
def test_allsmaller_without_match_in_the_output_is_refused_with_dev_tools_on(page, site):
    sent = requests_sent(page, FIXED_OUTPUT)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, FIXED_OUTPUT)
    (report,) = expect_reports(lesson, FIXED_OUTPUT, 1)
    # The sandbox shows the message on one line; the dev tools keep Dash's line breaks.
    title, _, rest = DEV_TOOLS_MESSAGE.partition("\n")
    assert report == f"{title}: {' '.join(rest.split())}"
    errors = frame.locator(".dash-fe-error__title")
    expect(errors).to_have_text([WILDCARD_ERROR])
    errors.click()
    shown = frame.locator(".error-container").evaluate("el => el.innerText")
    assert shown.strip() == DEV_TOOLS_MESSAGE
    expect(frame.locator(".dash-debug-menu__error-count")).to_have_text("1")
    enter_amount(frame, 1, "10")
    settle(lesson)
    expect(frame.locator("#total")).to_have_text("No total yet.")
    expect_log_count(lesson, FIXED_OUTPUT, 0)
    assert sent == []


@pytest.mark.browser
def test_a_pattern_never_matches_an_id_with_an_extra_key(page, site):
    sent = requests_sent(page, EXTRA_KEY)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, EXTRA_KEY)
    frame.get_by_role("button", name="Pick red").click()
    settle(lesson)
    assert sent == []
    expect(frame.locator("#picked")).to_have_text("Nothing picked yet.")
    frame.get_by_role("button", name="Pick blue").click()
    expect(frame.locator("#picked")).to_have_text(
        "Picked button 2; buttons the pattern matches: 1."
    )
    assert log_entries(lesson, EXTRA_KEY) == [
        ("pick", '{"index":2,"type":"pick"}.n_clicks', "updated")
    ]
    no_dev_tools_error(lesson, frame, EXTRA_KEY)


# ---- dev tools off, as `python allsmaller_fixed_output.py` with debug=False -------------------


@pytest.fixture
def quiet_fixed_output(tmp_path):
    source = (LESSON_DIR / "allsmaller_fixed_output.py").read_text(encoding="utf-8")
    assert "app.run(debug=True)" in source
    (tmp_path / "app.py").write_text(source.replace("app.run(debug=True)", "app.run(debug=False)"))
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "app.py"],
        cwd=tmp_path,
        env={**os.environ, "PORT": str(port)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not listening(port):
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


@pytest.mark.browser
def test_with_dev_tools_off_it_is_one_console_error_and_nothing_runs(page, quiet_fixed_output):
    base = quiet_fixed_output
    errors, sent = [], []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("request", lambda r: "_dash-update-component" in r.url and sent.append(r))
    assert page.goto(base + "/").status == 200
    expect(page.get_by_placeholder("Row 1")).to_be_visible()
    deadline = time.monotonic() + 10
    while not errors:
        assert time.monotonic() < deadline
        page.wait_for_timeout(100)
    enter_amount(page, 1, "10")
    page.wait_for_timeout(800)
    assert len(errors) == 1 and errors[0].startswith(MULTIPLE)
    assert sent == []
    expect(page.locator("#total")).to_have_text("No total yet.")
    expect(page.locator(".dash-fe-error__title")).to_have_count(0)


# ---- ctx.triggered_id, in Python -------------------------------------------------------------


def run_python(code):
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_triggered_id_is_the_id_dict_of_the_first_input_listed():
    result = run_python(
        """
        import json
        from dash import ALL, Dash, Input, Output, ctx, html

        app = Dash(__name__)
        app.layout = html.Div([html.Button(id="add"), html.P(id="out")])

        @app.callback(
            Output("out", "children"),
            Input("add", "n_clicks"),
            Input({"type": "finish", "index": ALL}, "n_clicks"),
        )
        def report(add, finish):
            found = ctx.triggered_id
            if isinstance(found, str):
                return json.dumps({"string": found})
            return json.dumps({
                "dict": isinstance(found, dict),
                "index": found["index"],
                "attribute": found.index,
                "equal": found == {"type": "finish", "index": 1},
                "triggered": [item["prop_id"] for item in ctx.triggered],
            })

        client = app.server.test_client()
        client.get("/")

        def post(changed):
            buttons = [{"id": {"index": i, "type": "finish"}, "property": "n_clicks"}
                       for i in (1, 2)]
            body = {
                "output": "out.children",
                "outputs": {"id": "out", "property": "children"},
                "inputs": [{"id": "add", "property": "n_clicks", "value": 1}, buttons],
                "changedPropIds": changed,
            }
            answer = client.post("/_dash-update-component", json=body).get_json()
            return json.loads(answer["response"]["out"]["children"])

        both = ['{"index":1,"type":"finish"}.n_clicks', '{"index":2,"type":"finish"}.n_clicks']
        print(json.dumps({"both": post(both), "add": post(["add.n_clicks"])}))
        """
    )
    assert result["add"] == {"string": "add"}
    assert result["both"] == {
        "dict": True,
        "index": 1,
        "attribute": 1,
        "equal": True,
        "triggered": [finish(1), finish(2)],
    }


# ---- what changed ----------------------------------------------------------------------------


def renderer_bundle(text):
    start = text.index("function findMismatchedWildcards")
    return text[start : text.index("var matchWildKeys", start)]


def test_before_4_2_a_match_input_needed_a_match_output_and_allsmaller_still_does():
    old_file = next(
        name for name in files("dash", "4.1.0") if name.endswith("dash_renderer.dev.js")
    )
    old = renderer_bundle(files("dash", "4.1.0")[old_file])
    # 4.1: every MATCH or ALLSMALLER key of an Input had to be a MATCH key of Output 0.
    assert "var allWildcardKeys = matchKeys.concat(allsmallerKeys);" in old
    assert f"dispatchError('{WILDCARD_ERROR}'" in old
    assert "they cannot have', 'extras beyond the Output(s).'" in old
    pinned = Path(dash.__file__).parent / "dash-renderer" / "build" / "dash_renderer.dev.js"
    new = renderer_bundle(pinned.read_text(encoding="utf-8"))
    # 4.4.1: MATCH keys count only when the Outputs have MATCH; ALLSMALLER always does.
    assert "outputsHaveMatch ? matchKeys.concat(allsmallerKeys) : allsmallerKeys" in new
    assert f"dispatchError('{WILDCARD_ERROR}'" in new
