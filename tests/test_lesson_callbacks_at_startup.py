"""callbacks-at-startup: every claim of the lesson, on the pinned Dash and a real gunicorn.

A callback registered at run time changes the app for every later request, so
this site serves the two broken examples (`private:` in the lesson) only as
private copies: one per browser token, imported on demand in whichever server
process a request reaches (gotchas/examples/instances.py). Each test here uses
its own token, a fresh browser context or `secrets.token_urlsafe`, so the
servers below can be shared by the whole module. A test that needs the
requests of one page to reach one process uses `one_process`; with the two
workers of the session's `site`, a reload may reach the other worker, whose
copy is fresh.
"""

import inspect
import json
import re
import secrets
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
TOKEN = r"[A-Za-z0-9_-]{16,64}"
TOKEN_KEY = "callback-gotchas:private-token"  # assets/40-example-frames.js
MAX_CALLBACKS, MAX_COPIES = 40, 400  # "A copy holds at most 40 callbacks ... at most 400 copies"


def answering(server):
    # Listening is not enough: wait until the worker answers a page.
    deadline = time.monotonic() + 90
    while requests.get(server.url + "/", timeout=30).status_code != 200:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    return server


@pytest.fixture(scope="module")
def one_process():
    """The site under gunicorn with one worker: every request of a page reaches one process."""
    server = answering(Server(workers=1, threads=4))
    yield server.url
    server.stop()


@pytest.fixture(scope="module")
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


def new_token():
    return secrets.token_urlsafe(18)


def private(key, token):
    return f"/examples/{key}/private/{token}/"


def private_request(key, endpoint):
    """Whether a URL asks `endpoint` of a private copy of `key` (any token, any query)."""
    path = re.compile(rf"/examples/{re.escape(key)}/private/{TOKEN}/{endpoint}")
    return lambda url: bool(path.fullmatch(urlparse(url).path))


def frame_token(page, key):
    """The token in a private example's frame address, checked against the browser's own."""
    src = page.locator(f'iframe[data-src="/examples/{key}/"]').get_attribute("src")
    match = re.fullmatch(rf"/examples/{re.escape(key)}/private/({TOKEN})/", src or "")
    assert match, src
    assert page.evaluate(f"localStorage.getItem('{TOKEN_KEY}')") == match.group(1)
    return match.group(1)


def status_text(counter):
    return re.compile(rf"^Server process \d+ registered a callback for counter {counter}\.$")


def add_counter(frame, expected_counter):
    frame.get_by_role("button", name="Add a counter").click()
    expect(frame.locator("#status")).to_have_text(status_text(expected_counter))
    expect(frame.get_by_role("button", name=f"Counter {expected_counter}")).to_be_visible()


def dependency_requests(page, key):
    seen = []
    wanted = private_request(key, "_dash-dependencies")
    page.on("request", lambda request: wanted(request.url) and seen.append(request.url))
    return seen


def update(base, path, body):
    """POST a callback request to the app at `path` (a prefix ending in /)."""
    return requests.post(
        f"{base}{path}_dash-update-component",
        json=body,
        headers={"Connection": "close"},
        timeout=30,
    )


def dependencies(base, path):
    """The outputs of every callback the app at `path` serves, in its order."""
    response = requests.get(
        f"{base}{path}_dash-dependencies", headers={"Connection": "close"}, timeout=30
    )
    assert response.status_code == 200
    return [dep["output"] for dep in response.json()]


def add_body(n):
    """What the page sends when Add a counter has been clicked n times."""
    return {
        "output": "..counters.children...status.children..",
        "outputs": [
            {"id": "counters", "property": "children"},
            {"id": "status", "property": "children"},
        ],
        "inputs": [{"id": "add", "property": "n_clicks", "value": n}],
        "changedPropIds": ["add.n_clicks"],
        "state": [],
    }


def count_body(n, clicks=1):
    """What the page sends when Counter n is clicked."""
    return {
        "output": f"label-{n}.children",
        "outputs": {"id": f"label-{n}", "property": "children"},
        "inputs": [{"id": f"button-{n}", "property": "n_clicks", "value": clicks}],
        "changedPropIds": [f"button-{n}.n_clicks"],
        "state": [],
    }


ADD_OUTPUT = add_body(1)["output"]


def registered(answer):
    """(process id, counter) from the status line of an Add a counter answer."""
    assert answer.status_code == 200, answer.text
    match = REGISTERED.match(answer.json()["response"]["status"]["children"])
    assert match, answer.text
    return int(match.group(1)), int(match.group(2))


# ---- broken: registered at run time ----------------------------------------------------


def test_registering_inside_a_callback_raises_nothing_and_the_page_never_hears_of_it(
    page, one_process
):
    asked = dependency_requests(page, BROKEN)
    lesson = open_lesson(page, one_process, SLUG)
    frame = example(lesson, BROKEN)
    wanted = private_request(BROKEN, "_dash-update-component")
    with lesson.expect_response(lambda r: wanted(r.url)) as info:
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
    # Yet the server has it: this browser's copy lists it.
    served = dependencies(one_process, private(BROKEN, frame_token(lesson, BROKEN)))
    assert served.count("label-1.children") == 1


def test_after_a_reload_it_counts_and_the_next_reload_stops_everything(page, one_process):
    """Each reload stands for another visitor: the same browser finds the same copy."""
    lesson = open_lesson(page, one_process, SLUG)
    frame = example(lesson, BROKEN)
    add_counter(frame, 1)
    token = frame_token(lesson, BROKEN)
    registered_by = REGISTERED.match(frame.locator("#status").inner_text())

    lesson.reload()
    frame = example(lesson, BROKEN)
    assert frame_token(lesson, BROKEN) == token
    add_counter(frame, 1)  # n_clicks starts at 1 again: a second callback for label-1
    # The same process answered: one server process, as with `python broken.py`.
    again = REGISTERED.match(frame.locator("#status").inner_text())
    assert again.group(1) == registered_by.group(1)
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
    assert frame_token(lesson, BROKEN) == token
    expect(frame.get_by_text(DUPLICATE)).to_be_visible()
    frame.get_by_role("button", name="Add a counter").click()
    settle(lesson)
    expect(frame.locator("#status")).to_have_text("")
    expect(frame.get_by_role("button", name="Counter 1")).to_have_count(0)
    expect_log_count(lesson, BROKEN, 0)
    assert site_errors(lesson) == []


# ---- this site: each browser its own copy -------------------------------------------------


def test_the_broken_examples_are_never_served_shared(site):
    for key in (BROKEN, DYNAMIC):
        # Their address sends each request to a copy of its own, under a new token.
        first, second = (
            requests.get(f"{site}/examples/{key}/", allow_redirects=False, timeout=30)
            for _ in range(2)
        )
        locations = []
        for answer in (first, second):
            assert answer.status_code == 302
            assert answer.headers["Cache-Control"] == "no-store"
            location = answer.headers["Location"]
            assert re.fullmatch(rf"/examples/{re.escape(key)}/private/{TOKEN}/", location)
            locations.append(location)
        assert locations[0] != locations[1]
        page = requests.get(site + locations[0], timeout=30)
        assert page.status_code == 200
        # The copy is served, and its page sends its requests under its own token.
        config = re.search(r'<script id="_dash-config"[^>]*>(.*?)</script>', page.text)
        assert json.loads(config.group(1))["requests_pathname_prefix"] == locations[0]
        # Nothing of the example answers at its shared address, nor under a malformed token.
        for path in ("_dash-dependencies", "_dash-layout", "private/short/_dash-dependencies"):
            assert requests.get(f"{site}/examples/{key}/{path}", timeout=30).status_code == 404
        shared_update = requests.post(
            f"{site}/examples/{key}/_dash-update-component", json=add_body(1), timeout=30
        )
        assert shared_update.status_code == 404


def test_a_browser_keeps_one_token_for_its_private_frames(page, browser, site):
    lesson = open_lesson(page, site, SLUG)
    example(lesson, BROKEN)
    example(lesson, DYNAMIC)
    token = frame_token(lesson, BROKEN)
    assert frame_token(lesson, DYNAMIC) == token
    # The other examples are served shared, at their own address.
    fixed = lesson.locator(f'iframe[data-src="/examples/{FIXED}/"]')
    example(lesson, FIXED)
    assert fixed.get_attribute("src") == f"/examples/{FIXED}/"

    lesson.reload()
    example(lesson, BROKEN)
    assert frame_token(lesson, BROKEN) == token

    other = browser.new_context()
    try:
        elsewhere = open_lesson(other.new_page(), site, SLUG)
        example(elsewhere, BROKEN)
        assert frame_token(elsewhere, BROKEN) != token
    finally:
        other.close()


def test_another_visitor_never_gets_what_you_registered(page, browser, one_process):
    """Two browsers on one server process: on a plain Dash server B would get A's list."""
    first = open_lesson(page, one_process, SLUG)
    add_counter(example(first, BROKEN), 1)
    first.reload()
    add_counter(example(first, BROKEN), 1)  # A's copy now has label-1 twice
    mine = private(BROKEN, frame_token(first, BROKEN))
    assert dependencies(one_process, mine).count("label-1.children") == 2

    other = browser.new_context()
    try:
        visitor = open_lesson(other.new_page(), one_process, SLUG)
        frame = example(visitor, BROKEN)
        theirs = private(BROKEN, frame_token(visitor, BROKEN))
        assert theirs != mine
        assert dependencies(one_process, theirs) == [ADD_OUTPUT]
        # B's page works as on a fresh server: no duplicate, and its own first counter
        # does not count (its page never heard of it; A's callback did not reach it).
        expect(frame.get_by_text(DUPLICATE)).to_have_count(0)
        add_counter(frame, 1)
        frame.get_by_role("button", name="Counter 1").click()
        settle(visitor)
        expect(frame.locator("#label-1")).to_have_text("Clicks: 0")
        assert log_entries(visitor, BROKEN) == [("add_counter", "add.n_clicks", "updated")]
        assert site_errors(visitor) == []
        assert dependencies(one_process, theirs).count("label-1.children") == 1
    finally:
        other.close()
    # And B's registration did not reach A.
    assert dependencies(one_process, mine).count("label-1.children") == 2


def shared_dependency_paths():
    """Every app of the site served shared: the site and the examples not marked private."""
    paths = ["/"]
    for lesson in load_lessons():
        paths += [e.url for e in lesson.examples if not e.private]
    return paths


def test_a_script_adding_counters_reaches_no_other_copy(one_process):
    victim, attacker = new_token(), new_token()
    shared = {path: dependencies(one_process, path) for path in shared_dependency_paths()}
    assert registered(update(one_process, private(BROKEN, victim), add_body(1)))[1] == 1
    victim_list = dependencies(one_process, private(BROKEN, victim))
    assert victim_list == [ADD_OUTPUT, "label-1.children"]

    # In the same process as the victim's copy, past the limit of the attacker's own
    # copy (which starts over), then counter 1 once more.
    for n in [*range(1, 51), 1]:
        for key in (BROKEN, DYNAMIC):
            assert update(one_process, private(key, attacker), add_body(n)).status_code == 200

    assert dependencies(one_process, private(BROKEN, victim)) == victim_list
    assert dependencies(one_process, private(DYNAMIC, victim)) == [ADD_OUTPUT]
    answer = update(one_process, private(BROKEN, victim), count_body(1))
    assert answer.status_code == 200
    assert answer.json()["response"] == {"label-1": {"children": "Clicks: 1"}}
    assert registered(update(one_process, private(BROKEN, victim), add_body(2)))[1] == 2
    for path, outputs in shared.items():
        assert dependencies(one_process, path) == outputs, path


@pytest.mark.parametrize(
    "counter",
    [
        pytest.param(lambda n: n, id="a new counter each time"),
        # Registering label-1 again adds a callback, not an output: it counts too.
        pytest.param(lambda n: 1, id="counter 1 each time"),
    ],
)
def test_a_copy_holds_at_most_40_callbacks(one_process, counter):
    path = private(BROKEN, new_token())
    held = []
    for n in range(1, MAX_CALLBACKS + 5):
        assert update(one_process, path, add_body(counter(n))).status_code == 200
        held.append(len(dependencies(one_process, path)))
    assert max(held) <= MAX_CALLBACKS, held
    # add_counter and 39 counters make 40; the 40th counter takes the copy past the
    # limit, and the next request finds a fresh one.
    assert held[: MAX_CALLBACKS - 1] == list(range(2, MAX_CALLBACKS + 1))
    assert held[MAX_CALLBACKS - 1] == 1


def test_each_process_keeps_at_most_400_copies(one_process):
    kept = private(BROKEN, new_token())
    assert registered(update(one_process, kept, add_body(1)))[1] == 1

    def other_copies(number):
        for _ in range(number):
            assert dependencies(one_process, private(BROKEN, new_token())) == [ADD_OUTPUT]

    other_copies(MAX_COPIES - 1)
    # Still here (and now the most recently used)...
    assert dependencies(one_process, kept) == [ADD_OUTPUT, "label-1.children"]
    other_copies(MAX_COPIES)
    # ...until 400 copies were used after it: it comes back fresh.
    assert dependencies(one_process, kept) == [ADD_OUTPUT]


def private_example_app(site_app, key):
    """The site's WSGI app at a private example's address (instances.PrivateExample)."""
    wsgi = site_app.server.wsgi_app
    while not hasattr(wsgi, "mounts"):  # ProxyFix and the like wrap the dispatcher
        wsgi = wsgi.app
    return wsgi.mounts[f"/examples/{key}"]


def test_a_copy_unused_for_15_minutes_is_dropped(site_app, monkeypatch):
    # Fifteen minutes are not waited for: the site's own clock is moved on.
    instances = private_example_app(site_app, BROKEN).instances
    offset = [0.0]
    real = instances.clock
    monkeypatch.setattr(instances, "clock", lambda: real() + offset[0])
    client = site_app.server.test_client()
    path = private(BROKEN, new_token())

    def served():
        return [dep["output"] for dep in client.get(path + "_dash-dependencies").get_json()]

    assert client.post(path + "_dash-update-component", json=add_body(1)).status_code == 200
    offset[0] += 15 * 60 - 5
    assert served() == [ADD_OUTPUT, "label-1.children"]
    offset[0] += 15 * 60 + 5  # measured from the last use
    assert served() == [ADD_OUTPUT]


# ---- several server processes ------------------------------------------------------------


def dependency_paths(changed, token):
    """Every other app of the site; the other private example under the same token."""
    paths = ["/"]
    for lesson in load_lessons():
        for e in lesson.examples:
            if e.key != changed:
                paths.append(private(e.key, token) if e.private else e.url)
    return paths


@pytest.mark.parametrize("key", [BROKEN, DYNAMIC])
def test_each_server_process_has_its_own_list(two_processes, key):
    # One token on both servers: one copy of the example in each process.
    ran, other = two_processes
    token = new_token()
    path = private(key, token)
    before = {
        (base, each): dependencies(base, each)
        for base in two_processes
        for each in dependency_paths(key, token)
    }

    registered_by, counter = registered(update(ran, path, add_body(1)))
    assert counter == 1

    # A page loading now gets the list of whichever process answers it.
    assert "label-1.children" in dependencies(ran, path)
    assert "label-1.children" not in dependencies(other, path)

    # A click reaching the process that ran the request counts; the other refuses it.
    answer = update(ran, path, count_body(1))
    assert answer.status_code == 200
    assert answer.json()["response"] == {"label-1": {"children": "Clicks: 1"}}
    refused = update(other, path, count_body(1))
    assert refused.status_code == 400
    assert refused.text == "Unknown callback.\n"

    # The other process has a copy of its own under the same token: its status line
    # names another process.
    assert registered(update(other, path, add_body(1)))[0] != registered_by

    # The site, every other example and the other copy serve what they served before.
    for (base, each), outputs in before.items():
        assert dependencies(base, each) == outputs, (base, each)


def test_a_reload_that_reaches_another_process_finds_a_fresh_copy(page, two_processes):
    """The site runs several processes: your token has a copy in each one it reaches."""
    target = [0]
    copy = re.compile(rf"/examples/{re.escape(BROKEN)}/private/{TOKEN}/")

    def route(method, path):
        return target[0] if copy.match(path) else 0

    balancer = Balancer(two_processes, route)
    try:
        lesson = open_lesson(page, balancer.url, SLUG)
        frame = example(lesson, BROKEN)
        add_counter(frame, 1)
        token = frame_token(lesson, BROKEN)
        first = REGISTERED.match(frame.locator("#status").inner_text()).group(1)

        target[0] = 1  # from now on the other process answers this copy's requests
        lesson.reload()
        frame = example(lesson, BROKEN)
        assert frame_token(lesson, BROKEN) == token
        add_counter(frame, 1)
        assert REGISTERED.match(frame.locator("#status").inner_text()).group(1) != first
        # Step 2 of the lesson, but Counter 1 does not count: this copy's list, read at
        # load, had no callback for it. The page behaves as at step 1.
        frame.get_by_role("button", name="Counter 1").click()
        settle(lesson)
        expect(frame.locator("#label-1")).to_have_text("Clicks: 0")
        expect(frame.get_by_text(DUPLICATE)).to_have_count(0)
        assert log_entries(lesson, BROKEN) == [("add_counter", "add.n_clicks", "updated")]
        assert site_errors(lesson) == []
    finally:
        balancer.stop()


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
        answer = update(base, f"/examples/{FIXED}/", body)
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


# Two visitors' clicks, in order: (visitor, method, endpoint, body).
VISITS = [
    ("a", "GET", "_dash-dependencies", None),
    ("a", "POST", "_dash-update-component", add_body(1)),
    ("b", "GET", "_dash-dependencies", None),
    ("b", "POST", "_dash-update-component", count_body(1)),
    ("b", "POST", "_dash-update-component", add_body(1)),
    ("a", "GET", "_dash-dependencies", None),
    ("a", "POST", "_dash-update-component", add_body(2)),
    ("b", "POST", "_dash-update-component", count_body(2, clicks=3)),
    ("b", "GET", "_dash-dependencies", None),
]


def same_process(answers):
    text = json.dumps(answers)
    return json.loads(re.sub(r"Server process \d+", "Server process N", text))


@pytest.mark.parametrize("name", ["broken", "dynamic"])
def test_a_copy_behaves_as_the_file_run_alone(one_process, name):
    """`python broken.py`: one process, one list, and every visitor gets what anyone built."""
    alone = run_python(
        load_example(name)
        + f"""
visitors = {{"a": client, "b": app.server.test_client()}}
answers = []
for who, method, endpoint, body in {VISITS!r}:
    answer = visitors[who].open("/" + endpoint, method=method, json=body)
    answers.append([answer.status_code, answer.get_json()])
print(json.dumps(answers))
"""
    )
    # On the site both visitors are reloads of one browser: one token, one copy.
    path = private(f"{SLUG}/{name}", new_token())
    copy = []
    for _who, method, endpoint, body in VISITS:
        answer = requests.request(method, f"{one_process}{path}{endpoint}", json=body, timeout=30)
        copy.append([answer.status_code, answer.json()])
    assert same_process(copy) == same_process(alone)
    # Visitor b got the list a's click built, and a the one b's click built.
    outputs = [
        [dep["output"] for dep in answer[1]] for answer in alone if isinstance(answer[1], list)
    ]
    assert outputs == [
        [ADD_OUTPUT],
        [ADD_OUTPUT, "label-1.children"],
        [ADD_OUTPUT, "label-1.children", "label-1.children"],
        [ADD_OUTPUT, "label-1.children", "label-1.children", "label-2.children"],
    ]


def test_a_plain_dash_server_without_the_callback_answers_500():
    result = run_python(
        load_example("broken")
        + f"""
body = {count_body(1)!r}
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

    # After a reload (the same copy), counter 1 is registered again: the page learns it at once.
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
    wanted = private_request(DYNAMIC, "_dash-dependencies")

    def route(method, path):
        if wanted(path):
            fetches.append(path)
            return (len(fetches) - 1) % 2  # the first from one process, the next from the other
        return 0

    balancer = Balancer(two_processes, route)
    try:
        lesson = open_lesson(page, balancer.url, SLUG)
        frame = example(lesson, DYNAMIC)
        with lesson.expect_response(lambda r: wanted(r.url)):
            # Registered in process 0's copy; the page asks again, and process 1 answers
            # with its own copy under the same token, which never heard of it.
            add_counter(frame, 1)
        assert len(fetches) == 2
        assert len(set(fetches)) == 1  # one token, one address
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
