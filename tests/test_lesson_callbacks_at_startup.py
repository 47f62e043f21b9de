"""callbacks-at-startup: every claim of the lesson, on the pinned Dash and a real gunicorn.

A callback registered at run time changes the server for everyone, so every test
that registers one gets a fresh server of its own (`one_process`, `two_processes`)
and the session's shared `site` only serves the fixed example.
"""

import inspect
import json
import re
import subprocess
import sys
import textwrap
import time
from urllib.parse import urlparse

import dash
import pytest
import requests
from balancer import Balancer
from conftest import ROOT, Server
from lessonkit import (
    dash_reports,
    example,
    expect_log_count,
    frame_errors,
    log_entries,
    open_lesson,
    settle,
    site_errors,
)
from playwright.sync_api import expect

from gotchas.content.lessons import load_lessons

SLUG = "callbacks-at-startup"
BROKEN, FIXED, DYNAMIC = (f"{SLUG}/{name}" for name in ("broken", "fixed", "dynamic"))
NO_PREVENT, MATCH_ONE = f"{SLUG}/fixed_no_prevent", f"{SLUG}/match_one_output"
LESSON_DIR = ROOT / "lessons" / SLUG
REGISTERED = re.compile(r"^Server process (\d+) registered a callback for counter (\d+)\.$")
DUPLICATE = "Duplicate callback outputs"


def answering(server):
    # Listening is not enough: wait until the worker answers a page.
    deadline = time.monotonic() + 90
    while requests.get(server.url + "/", timeout=30).status_code != 200:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    return server


@pytest.fixture
def one_process():
    """The site under gunicorn with one worker, nothing registered at run time yet."""
    server = answering(Server(workers=1, threads=4))
    yield server.url
    server.stop()


@pytest.fixture
def two_processes():
    """Two one-worker servers, as a balancer sees them: the test picks which one answers.

    Workers of one gunicorn share a socket and the kernel picks the worker, which can be
    the same one forty times in a row; two servers make the choice the test's own.
    """
    servers = [Server(workers=1, threads=4, wait=False) for _ in range(2)]
    try:
        for server in servers:
            server.wait_until_listening()
            answering(server)
        yield [server.url for server in servers]
    finally:
        for server in servers:
            server.stop()


def status_text(counter):
    return re.compile(rf"^Server process \d+ registered a callback for counter {counter}\.$")


def add_counter(frame, expected_counter):
    frame.get_by_role("button", name="Add a counter").click()
    expect(frame.locator("#status")).to_have_text(status_text(expected_counter))
    expect(frame.get_by_role("button", name=f"Counter {expected_counter}")).to_be_visible()


def dependency_requests(page, key):
    seen = []
    suffix = f"/examples/{key}/_dash-dependencies"
    page.on("request", lambda request: request.url.endswith(suffix) and seen.append(request.url))
    return seen


# ---- broken: registered at run time ----------------------------------------------------


def test_registering_inside_a_callback_raises_nothing_and_the_page_never_hears_of_it(
    page, one_process
):
    asked = dependency_requests(page, BROKEN)
    lesson = open_lesson(page, one_process, SLUG)
    frame = example(lesson, BROKEN)
    with lesson.expect_response(lambda r: f"/examples/{BROKEN}/_dash-update" in r.url) as info:
        add_counter(frame, 1)
    # The answer carries property values, never callbacks.
    assert info.value.status == 200
    assert set(info.value.json()) == {"multi", "response"}
    frame.get_by_role("button", name="Counter 1").click()
    settle(lesson)
    expect(frame.locator("#label-1")).to_have_text("Clicks: 0")
    assert log_entries(lesson, BROKEN) == [("add_counter", "add.n_clicks", "updated")]
    assert len(asked) == 1, "the page asks for the callback list once, when it loads"
    assert frame_errors(lesson, BROKEN) == []
    expect(frame.get_by_text(DUPLICATE)).to_have_count(0)
    # Yet the server has it.
    served = requests.get(f"{one_process}/examples/{BROKEN}/_dash-dependencies", timeout=30)
    assert [dep["output"] for dep in served.json()].count("label-1.children") == 1


def test_after_a_reload_it_counts_and_the_next_reload_stops_everything(page, one_process):
    lesson = open_lesson(page, one_process, SLUG)
    add_counter(example(lesson, BROKEN), 1)

    lesson.reload()
    frame = example(lesson, BROKEN)
    add_counter(frame, 1)  # n_clicks starts at 1 again: a second callback for label-1
    frame.get_by_role("button", name="Counter 1").click()
    expect(frame.locator("#label-1")).to_have_text("Clicks: 1")
    expect_log_count(lesson, BROKEN, 2)
    # The site knows names from startup only: the new callback is shown by its output.
    assert log_entries(lesson, BROKEN) == [
        ("add_counter", "add.n_clicks", "updated"),
        ("label-1.children", "button-1.n_clicks", "updated"),
    ]

    lesson.reload()
    frame = example(lesson, BROKEN)
    expect(frame.get_by_text(DUPLICATE)).to_be_visible()
    frame.get_by_role("button", name="Add a counter").click()
    settle(lesson)
    expect(frame.locator("#status")).to_have_text("")
    expect(frame.get_by_role("button", name="Counter 1")).to_have_count(0)
    expect_log_count(lesson, BROKEN, 0)
    assert site_errors(lesson) == []


def test_every_visitor_of_that_process_gets_it(page, browser, one_process):
    first = open_lesson(page, one_process, SLUG)
    add_counter(example(first, BROKEN), 1)

    visitors = []
    try:
        # Someone else, who never registered anything.
        visitors.append(browser.new_context())
        other = open_lesson(visitors[-1].new_page(), one_process, SLUG)
        frame = example(other, BROKEN)
        add_counter(frame, 1)
        frame.get_by_role("button", name="Counter 1").click()
        expect(frame.locator("#label-1")).to_have_text("Clicks: 1")

        # That click on "Add a counter" registered label-1 a second time, for everyone.
        visitors.append(browser.new_context())
        third = open_lesson(visitors[-1].new_page(), one_process, SLUG)
        frame = example(third, BROKEN)
        expect(frame.get_by_text(DUPLICATE)).to_be_visible()
        frame.get_by_role("button", name="Add a counter").click()
        settle(third)
        expect(frame.locator("#status")).to_have_text("")
        expect_log_count(third, BROKEN, 0)
        assert site_errors(third) == []
    finally:
        for context in visitors:
            context.close()


# ---- several server processes ------------------------------------------------------------


def update(base, key, body):
    return requests.post(
        f"{base}/examples/{key}/_dash-update-component",
        json=body,
        headers={"Connection": "close"},
        timeout=30,
    )


def dependencies(base, path):
    response = requests.get(f"{base}{path}", headers={"Connection": "close"}, timeout=30)
    assert response.status_code == 200
    return [dep["output"] for dep in response.json()]


ADD_BODY = {
    "output": "..counters.children...status.children..",
    "outputs": [
        {"id": "counters", "property": "children"},
        {"id": "status", "property": "children"},
    ],
    "inputs": [{"id": "add", "property": "n_clicks", "value": 1}],
    "changedPropIds": ["add.n_clicks"],
    "state": [],
}
COUNT_BODY = {
    "output": "label-1.children",
    "outputs": {"id": "label-1", "property": "children"},
    "inputs": [{"id": "button-1", "property": "n_clicks", "value": 1}],
    "changedPropIds": ["button-1.n_clicks"],
    "state": [],
}


def dependency_paths(changed):
    paths = ["/_dash-dependencies"]
    for lesson in load_lessons():
        keys = [e.key for e in lesson.examples if e.key != changed]
        paths += [f"/examples/{key}/_dash-dependencies" for key in keys]
    return paths


@pytest.mark.parametrize("key", [BROKEN, DYNAMIC])
def test_each_server_process_has_its_own_list(two_processes, key):
    ran, other = two_processes
    before = {
        (base, path): dependencies(base, path)
        for base in two_processes
        for path in dependency_paths(key)
    }

    added = update(ran, key, ADD_BODY)
    assert added.status_code == 200
    registered_by = REGISTERED.match(added.json()["response"]["status"]["children"])
    assert registered_by and registered_by.group(2) == "1"

    # A page loading now gets the list of whichever process answers it.
    path = f"/examples/{key}/_dash-dependencies"
    assert "label-1.children" in dependencies(ran, path)
    assert "label-1.children" not in dependencies(other, path)

    # A click reaching the process that ran the request counts; the other refuses it.
    answer = update(ran, key, COUNT_BODY)
    assert answer.status_code == 200
    assert answer.json()["response"] == {"label-1": {"children": "Clicks: 1"}}
    refused = update(other, key, COUNT_BODY)
    assert refused.status_code == 404
    assert refused.text == "No callback of this app writes 'label-1.children'.\n"

    # The site and every other example serve exactly what they served before, everywhere.
    for (base, path), outputs in before.items():
        assert dependencies(base, path) == outputs, (base, path)


def test_callbacks_defined_at_startup_are_answered_by_every_process(two_processes):
    body = {
        "output": '{"index":["MATCH"],"type":"clicks"}.children',
        "outputs": {"id": {"type": "clicks", "index": 7}, "property": "children"},
        "inputs": [{"id": {"type": "counter", "index": 7}, "property": "n_clicks", "value": 3}],
        "changedPropIds": ['{"index":7,"type":"counter"}.n_clicks'],
        "state": [],
    }
    expected = {'{"index":7,"type":"clicks"}': {"children": "Clicks: 3"}}
    for base in two_processes:
        answer = update(base, FIXED, body)
        assert answer.status_code == 200
        assert answer.json()["response"] == expected


# ---- plain Python: what Dash itself does ------------------------------------------------


def run_python(code):
    """Run code in a fresh interpreter, so Dash's module-level state starts clean."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


LOAD_EXAMPLE = """
import importlib.util, json
spec = importlib.util.spec_from_file_location("example", PATH)
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
app = module.app
client = app.server.test_client()
assert client.get("/").status_code == 200
"""


def load_example(name):
    return LOAD_EXAMPLE.replace("PATH", repr(str(LESSON_DIR / f"{name}.py")))


def test_a_plain_dash_server_without_the_callback_answers_500():
    result = run_python(
        load_example("broken")
        + f"""
body = {COUNT_BODY!r}
status = client.post("/_dash-update-component", json=body).status_code
app.server.config["PROPAGATE_EXCEPTIONS"] = True
try:
    client.post("/_dash-update-component", json=body)
    error = None
except KeyError as exc:
    error = str(exc)
print(json.dumps({{"status": status, "error": error}}))
"""
    )
    assert result == {
        "status": 500,
        "error": "\"Callback function not found for output 'label-1.children'.\"",
    }


def test_the_global_callback_decorator_inside_a_callback_is_never_served():
    result = run_python(
        """
        import json
        from dash import Dash, Input, Output, _callback, callback, html

        app = Dash(__name__)
        app.layout = html.Div([html.Button(id="make"), html.Button(id="b"), html.P(id="out")])

        @app.callback(Output("out", "title"), Input("make", "n_clicks"))
        def make(n):
            @callback(Output("out", "children"), Input("b", "n_clicks"))
            def late(m):
                return m
            return "made"

        client = app.server.test_client()
        client.get("/")
        made = client.post("/_dash-update-component", json={
            "output": "out.title", "outputs": {"id": "out", "property": "title"},
            "inputs": [{"id": "make", "property": "n_clicks", "value": 1}],
            "changedPropIds": ["make.n_clicks"]})
        served = [d["output"] for d in client.get("/_dash-dependencies").get_json()]
        pending = [d["output"] for d in _callback.GLOBAL_CALLBACK_LIST]
        app.server.config["PROPAGATE_EXCEPTIONS"] = True
        try:
            client.post("/_dash-update-component", json={
                "output": "out.children", "outputs": {"id": "out", "property": "children"},
                "inputs": [{"id": "b", "property": "n_clicks", "value": 1}],
                "changedPropIds": ["b.n_clicks"]})
            error = None
        except KeyError as exc:
            error = str(exc)
        print(json.dumps({"made": made.status_code, "served": served, "pending": pending,
                          "error": error}))
        """
    )
    assert result == {
        "made": 200,
        "served": ["out.title"],
        "pending": ["out.children"],
        "error": "\"Callback function not found for output 'out.children'.\"",
    }


def test_the_flag_is_private_and_dash_calls_it_development_only():
    for decorator in (dash.callback, dash.Dash.callback):
        assert "_allow_dynamic_callbacks" not in inspect.signature(decorator).parameters
        assert "_allow_dynamic_callbacks" not in (decorator.__doc__ or "")
    result = run_python(
        """
        import json
        from dash import Dash, Input, Output, html
        from dash.exceptions import ImportedInsideCallbackError

        app = Dash(__name__)
        app.layout = html.Div([html.Button(id="go"), html.Div(id="out")])

        @app.callback(Output("out", "children"), Input("go", "n_clicks"))
        def late_import(n):
            import dash_bootstrap_components as dbc
            return dbc.Badge("new")

        app.server.config["PROPAGATE_EXCEPTIONS"] = True
        client = app.server.test_client()
        client.get("/")
        try:
            client.post("/_dash-update-component", json={
                "output": "out.children", "outputs": {"id": "out", "property": "children"},
                "inputs": [{"id": "go", "property": "n_clicks", "value": 1}],
                "changedPropIds": ["go.n_clicks"]})
            message = None
        except ImportedInsideCallbackError as exc:
            message = str(exc)
        print(json.dumps({"message": message}))
        """
    )
    assert result["message"] == (
        "Component library was imported during callback.\n"
        "You can set `_allow_dynamic_callbacks` to allow for development purpose only."
    )


@pytest.mark.parametrize("name", ["broken", "dynamic"])
def test_the_broken_examples_contain_themselves(name):
    result = run_python(
        load_example(name)
        + f"""
import time

def add(n):
    body = {ADD_BODY!r}
    body["inputs"][0]["value"] = n
    return client.post("/_dash-update-component", json=body).get_json()["response"]

def run_time():
    served = client.get("/_dash-dependencies").get_json()
    return sorted(d["output"] for d in served if d["output"].startswith("label-"))

answers = [add(n) for n in range(1, 8)]
full = run_time()
real = time.monotonic
time.monotonic = lambda: real() + 61
after_a_minute = run_time()
again = add(8)
print(json.dumps({{"answers": answers, "full": full, "after": after_a_minute, "again": again}}))
"""
    )
    statuses = [answer["status"]["children"] for answer in result["answers"]]
    assert [bool(REGISTERED.match(s)) for s in statuses] == [True] * 6 + [False]
    assert re.fullmatch(r"Server process \d+ is full: try again in a minute\.", statuses[6])
    assert "counters" not in result["answers"][6]  # no counter without a callback
    assert result["full"] == [f"label-{n}.children" for n in range(1, 7)]
    assert result["after"] == []
    assert REGISTERED.match(result["again"]["status"]["children"]).group(2) == "8"


# ---- the private flag ----------------------------------------------------------------------


def test_the_flag_makes_the_page_fetch_the_list_again(page, one_process):
    asked = dependency_requests(page, DYNAMIC)
    lesson = open_lesson(page, one_process, SLUG)
    frame = example(lesson, DYNAMIC)
    add_counter(frame, 1)
    frame.get_by_role("button", name="Counter 1").click()
    expect(frame.locator("#label-1")).to_have_text("Clicks: 1")
    assert len(asked) == 2
    add_counter(frame, 2)
    frame.get_by_role("button", name="Counter 2").click()
    expect(frame.locator("#label-2")).to_have_text("Clicks: 1")
    assert log_entries(lesson, DYNAMIC) == [
        ("add_counter", "add.n_clicks", "updated"),
        ("label-1.children", "button-1.n_clicks", "updated"),
        ("add_counter", "add.n_clicks", "updated"),
        ("label-2.children", "button-2.n_clicks", "updated"),
    ]

    # After a reload, counter 1 is registered again: the page learns it at once.
    lesson.reload()
    frame = example(lesson, DYNAMIC)
    expect(frame.get_by_text(DUPLICATE)).to_have_count(0)
    add_counter(frame, 1)
    expect(frame.get_by_text(DUPLICATE)).to_be_visible()
    frame.get_by_role("button", name="Add a counter").click()
    settle(lesson)
    expect(frame.locator("#status")).to_have_text(status_text(1))
    expect(frame.get_by_role("button", name="Counter 2")).to_have_count(0)
    assert log_entries(lesson, DYNAMIC) == [("add_counter", "add.n_clicks", "updated")]
    assert site_errors(lesson) == []


def test_the_second_fetch_may_reach_a_process_without_the_callback(page, two_processes):
    """Behind a balancer, the list the flag fetches again comes from any process."""
    fetches = []

    def route(method, path):
        if path.endswith(f"/examples/{DYNAMIC}/_dash-dependencies"):
            fetches.append(path)
            return (len(fetches) - 1) % 2  # the first from one process, the next from the other
        return 0

    balancer = Balancer(two_processes, route)
    try:
        lesson = open_lesson(page, balancer.url, SLUG)
        frame = example(lesson, DYNAMIC)
        with lesson.expect_response(lambda r: r.url.endswith(f"{DYNAMIC}/_dash-dependencies")):
            add_counter(frame, 1)  # registered on process 0; the page asks again, process 1 answers
        assert len(fetches) == 2
        frame.get_by_role("button", name="Counter 1").click()
        settle(lesson)
        expect(frame.locator("#label-1")).to_have_text("Clicks: 0")
        assert log_entries(lesson, DYNAMIC) == [("add_counter", "add.n_clicks", "updated")]
    finally:
        balancer.stop()


def test_app_run_server_is_gone():
    result = run_python(
        """
        import json
        from dash import Dash
        from dash.exceptions import ObsoleteAttributeException
        try:
            Dash(__name__).run_server
            message = None
        except ObsoleteAttributeException as exc:
            message = str(exc)
        print(json.dumps({"message": message}))
        """
    )
    assert result == {"message": "app.run_server has been replaced by app.run"}


# ---- fixed: defined up front ---------------------------------------------------------------


def update_outputs(page, key):
    """The outputs of the callback requests the example sends, as seen on the network."""
    sent = []
    path = f"/examples/{key}/_dash-update-component"
    page.on("request", lambda r: urlparse(r.url).path == path and sent.append(r.post_data_json))
    return sent


def add_next_counter(frame, n):
    frame.get_by_role("button", name="Add a counter").click()
    expect(frame.get_by_role("button", name=f"Counter {n}")).to_be_visible()


def test_prevent_initial_call_keeps_each_append_to_two_requests(page, site):
    sent = update_outputs(page, FIXED)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, FIXED)
    for n in range(1, 4):
        before = len(sent)
        add_next_counter(frame, n)
        expect_log_count(lesson, FIXED, 2 * n)
        assert [body["output"] for body in sent[before:]] == [
            "counters.children",
            "total.children",
        ]


def test_without_it_every_append_reruns_count_for_every_counter(page, site):
    sent = update_outputs(page, NO_PREVENT)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, NO_PREVENT)
    count_key = '{"index":["MATCH"],"type":"clicks"}.children'
    total = 0
    for n in range(1, 4):
        before = len(sent)
        add_next_counter(frame, n)
        total += 2 + n
        expect_log_count(lesson, NO_PREVENT, total)
        outputs = sorted(body["output"] for body in sent[before:])
        assert outputs == sorted(["counters.children", "total.children"] + [count_key] * n)
        # Each is an initial call, one per counter on the page.
        reruns = [body for body in sent[before:] if body["output"] == count_key]
        assert all(body["changedPropIds"] == [] for body in reruns)
        assert sorted(body["outputs"]["id"]["index"] for body in reruns) == list(range(1, n + 1))
    expect(frame.locator("#counters span")).to_have_text(["Clicks: 0"] * 3)


def test_match_in_an_input_with_one_fixed_output_runs_for_every_counter_on_append(page, site):
    sent = update_outputs(page, MATCH_ONE)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, MATCH_ONE)
    for n in range(1, 4):
        before = len(sent)
        add_next_counter(frame, n)
        expect_log_count(lesson, MATCH_ONE, sum(1 + k for k in range(1, n + 1)))
        shows = [body for body in sent[before:] if body["output"] == "last.children"]
        # One run per counter on the page, despite prevent_initial_call=True; they
        # race, and the line shows whichever answered last.
        assert sorted(body["inputs"][0]["id"]["index"] for body in shows) == list(range(1, n + 1))
        last = frame.locator("#last").inner_text()
        shown = re.fullmatch(r"Counter (\d) was clicked 0 times\.", last)
        assert shown and 1 <= int(shown.group(1)) <= n
    frame.get_by_role("button", name="Counter 2").click()
    expect(frame.locator("#last")).to_have_text("Counter 2 was clicked 1 times.")
    assert dash_reports(lesson, MATCH_ONE) == []


def pattern(index):
    return f'{{"index":{index},"type":"counter"}}.n_clicks'


def test_match_and_all_serve_counters_added_later(page, site):
    path = f"/examples/{FIXED}/_dash-dependencies"
    listed = requests.get(site + path, timeout=30).json()
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, FIXED)
    frame.get_by_role("button", name="Add a counter").click()
    expect(frame.get_by_role("button", name="Counter 1")).to_be_visible()
    frame.get_by_role("button", name="Add a counter").click()
    expect(frame.get_by_role("button", name="Counter 2")).to_be_visible()
    expect_log_count(lesson, FIXED, 4)
    # A new counter changes the list ALL hands to total, so total runs too.
    assert log_entries(lesson, FIXED) == [
        ("add_counter", "add.n_clicks", "updated"),
        ("total", pattern(1), "updated"),
        ("add_counter", "add.n_clicks", "updated"),
        ("total", f"{pattern(1)}, {pattern(2)}", "updated"),
    ]

    frame.get_by_role("button", name="Counter 2").click()
    expect(frame.locator("#total")).to_have_text("Total clicks: 1")
    frame.get_by_role("button", name="Counter 2").click()
    expect(frame.locator("#total")).to_have_text("Total clicks: 2")
    frame.get_by_role("button", name="Counter 1").click()
    expect(frame.locator("#total")).to_have_text("Total clicks: 3")
    expect(frame.locator("#counters span")).to_have_text(["Clicks: 1", "Clicks: 2"])
    expect_log_count(lesson, FIXED, 10)
    clicks = log_entries(lesson, FIXED)[4:]
    # Each click runs count (MATCH: that counter only) and total; either may finish first.
    for index, pair in zip([2, 2, 1], [clicks[0:2], clicks[2:4], clicks[4:6]], strict=True):
        assert sorted(pair) == [
            ("count", pattern(index), "updated"),
            ("total", pattern(index), "updated"),
        ]
    assert frame_errors(lesson, FIXED) == []
    expect(frame.get_by_text(DUPLICATE)).to_have_count(0)
    assert site_errors(lesson) == []
    # Any number of counters, and the callback list is what it was.
    assert requests.get(site + path, timeout=30).json() == listed
