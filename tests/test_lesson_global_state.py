"""global-state: every claim of the lesson, on the pinned Dash, in Chromium and on the site.

The site is the session's `site`: gunicorn with two gevent workers, as the Procfile
runs it. The broken example and server_side are private there (one copy per browser
token, per process); the tests prove that no visitor sees another's notes. What a plain
Dash server does (`python broken.py`, threads, restarts) runs in subprocesses.
"""

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from urllib.parse import urlparse

import pytest
import requests
from conftest import ROOT
from lessonkit import (
    SITE_ERRORS_SCRIPT,
    dash_reports,
    example,
    frame_errors,
    log_entries,
    open_lesson,
    site_errors,
)
from localhost import free_port, listening
from playwright.sync_api import expect

from gotchas.content.lessons import load_lesson
from gotchas.examples import instances

pytestmark = pytest.mark.browser
SLUG = "global-state"
BROKEN, FIXED, TYPES, SERVER = (
    f"{SLUG}/{name}" for name in ("broken", "fixed", "storage_types", "server_side")
)
LESSON_DIR = ROOT / "lessons" / SLUG
TOKEN_KEY = "callback-gotchas:private-token"
BROKEN_STATUS = re.compile(r"^Server process (\d+); notes in its list: (\d+)\.$")
SERVER_STATUS = re.compile(r"^Server process (\d+); notes for this session: (\d+)\.$")
FIXED_STATUS = re.compile(r"^Server process (\d+); notes in this tab: (\d+)\.$")
LIST_OUTPUTS = "..notes.children...status.children...note.value.."


# ---- helpers --------------------------------------------------------------------------------


def notes(frame):
    return frame.locator("#notes li")


def add_note(frame, text):
    # After the page-load callback has answered: its answer empties the box.
    expect(frame.locator("#status, #memory-shown").first).not_to_be_empty()
    frame.locator("#note").fill(text)
    frame.get_by_role("button", name=re.compile("^Add")).click()
    expect(frame.locator("#note")).to_have_value("")


def pid_in(frame, pattern):
    expect(frame.locator("#status")).to_have_text(pattern)
    return int(pattern.match(frame.locator("#status").inner_text()).group(1))


def token(page):
    return page.evaluate(f"localStorage.getItem('{TOKEN_KEY}')")


def frame_of(page, key):
    """The playwright Frame (not a locator) of an example, to run script in it."""
    return next(f for f in page.frames if f"/examples/{key}/" in f.url)


def open_full_screen(page, name):
    """Click the card's "Full screen ↗" link: a new tab of the same browser."""
    page.context.add_init_script(SITE_ERRORS_SCRIPT)
    link = page.locator(f"#example-{name}").get_by_role("link", name="Full screen ↗")
    with page.context.expect_page() as opened:
        link.click()
    tab = opened.value
    expect(tab.locator("h1")).to_be_visible()
    return tab


def list_body(n_clicks=None, note=None, session_id=None):
    """What the page sends to add_note in broken.py (or server_side.py, with session_id)."""
    body = {
        "output": LIST_OUTPUTS,
        "outputs": [
            {"id": "notes", "property": "children"},
            {"id": "status", "property": "children"},
            {"id": "note", "property": "value"},
        ],
        "inputs": [{"id": "add", "property": "n_clicks", "value": n_clicks}],
        "state": [{"id": "note", "property": "value", "value": note}],
        "changedPropIds": ["add.n_clicks"] if n_clicks else [],
    }
    if session_id is not None:
        body["output"] = LIST_OUTPUTS[:-2] + "...session-id.data.."
        body["outputs"].append({"id": "session-id", "property": "data"})
        body["state"].append({"id": "session-id", "property": "data", "value": session_id})
    return body


def post(url, body):
    # A new connection each time: the kernel hands it to either worker.
    answer = requests.post(url, json=body, headers={"Connection": "close"}, timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()["response"]


def texts(response):
    return [item["props"]["children"] for item in response["notes"]["children"]]


def per_process(url, body, status=BROKEN_STATUS):
    """{pid: response} from both worker processes of a server, asking each the same.

    Four requests at a time, each on a new connection: while one process is busy
    with one, the other accepts the next."""
    answers = {}
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(15):
            for response in pool.map(lambda _: post(url, body), range(4)):
                answers[int(status.match(response["status"]["children"]).group(1))] = response
            if len(answers) == 2:
                return answers
    raise AssertionError(f"one process answered 60 new connections: {list(answers)}")


def private_url(site, name, private_token):
    return f"{site}/examples/{SLUG}/{name}/private/{private_token}/_dash-update-component"


# ---- the broken example on the hosted site: contained ---------------------------------------


def test_two_browsers_never_see_each_others_notes_and_each_process_has_its_own(page, browser, site):
    ada = open_lesson(page, site, SLUG)
    frame = example(ada, BROKEN)
    expect(frame.locator("#status")).to_have_text(BROKEN_STATUS)
    add_note(frame, "Ada's note")
    expect(notes(frame)).to_have_text(["Ada's note"])
    ada_pid = pid_in(frame, BROKEN_STATUS)
    # Dev tools on, and nothing warns.
    expect(frame.locator(".dash-fe-error__title")).to_have_count(0)
    assert dash_reports(ada, BROKEN) == []
    assert frame_errors(ada, BROKEN) == []
    assert [name for name, _, _ in log_entries(ada, BROKEN)] == ["add_note", "add_note"]

    other = browser.new_context()
    try:
        bob = open_lesson(other.new_page(), site, SLUG)
        bob_frame = example(bob, BROKEN)
        expect(bob_frame.locator("#status")).to_have_text(BROKEN_STATUS)
        expect(notes(bob_frame)).to_have_count(0)
        add_note(bob_frame, "Bob's note")
        expect(notes(bob_frame)).to_have_text(["Bob's note"])
        tokens = token(ada), token(bob)
        assert tokens[0] != tokens[1]
        assert f"/private/{tokens[1]}/" in frame_of(bob, BROKEN).url
        assert site_errors(bob) == []
    finally:
        other.close()

    ada.reload()
    frame = example(ada, BROKEN)
    expect(frame.locator("#status")).to_have_text(BROKEN_STATUS)
    assert "Bob's note" not in notes(frame).all_inner_texts()

    # Each browser's copy, asked in both worker processes: never the other's note, and
    # the note only in the process that ran the request that added it.
    show = list_body()
    ada_copies = per_process(private_url(site, "broken", tokens[0]), show)
    bob_copies = per_process(private_url(site, "broken", tokens[1]), show)
    assert texts(ada_copies[ada_pid]) == ["Ada's note"]
    (elsewhere,) = [pid for pid in ada_copies if pid != ada_pid]
    assert texts(ada_copies[elsewhere]) == []
    assert sorted(map(texts, bob_copies.values())) == [[], ["Bob's note"]]
    assert site_errors(ada) == []


def test_a_second_tab_of_the_same_browser_reaches_the_same_copy(page, site):
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, BROKEN)
    add_note(frame, "From the first tab")
    expect(notes(frame)).to_contain_text(["From the first tab"])
    added_by = pid_in(frame, BROKEN_STATUS)

    tab = open_full_screen(lesson, "broken")
    tab_frame = example(tab, BROKEN)
    answered_by = pid_in(tab_frame, BROKEN_STATUS)
    assert f"/private/{token(lesson)}/" in frame_of(tab, BROKEN).url
    # The same copy if the same process answers; a process of its own otherwise.
    if answered_by == added_by:
        expect(notes(tab_frame)).to_have_text(["From the first tab"])
    else:
        expect(notes(tab_frame)).to_have_count(0)
    assert site_errors(tab) == []


def test_the_site_serves_the_example_file_unchanged(site):
    served = requests.get(f"{site}/examples/{SLUG}/broken.py", timeout=30)
    assert served.text == (LESSON_DIR / "broken.py").read_text(encoding="utf-8")


def test_the_containment_the_lesson_describes_is_the_sites():
    lesson = load_lesson(LESSON_DIR / "lesson.md")
    assert [e.name for e in lesson.examples if e.private] == ["broken", "server_side"]
    text = " ".join(lesson.body.split())
    assert instances.MAX_INSTANCES == 400 and "at most 400 copies" in text
    assert instances.IDLE_SECONDS == 15 * 60 and "15 minutes unused" in text
    assert instances.LIFETIME_SECONDS == 2 * 60 * 60 and "2 hours in all" in text


# ---- a plain Dash server: what Dash itself does ---------------------------------------------


@contextmanager
def serving(args, cwd=ROOT, env=None):
    """A server in a subprocess on a free port (PORT, as app.run reads it), with its .url."""
    port = free_port()
    process = subprocess.Popen(
        [arg.format(port=port) for arg in args],
        cwd=cwd,
        env={**os.environ, "PORT": str(port), "PYTHONUNBUFFERED": "1", **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not listening(port):
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        process.url = f"http://127.0.0.1:{port}"
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


SPY = """
import importlib.util, os, sys, threading
spec = importlib.util.spec_from_file_location("broken", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
callback = module.app.callback_map[sys.argv[2]]["callback"]

def spy(*args, **kwargs):
    print("ran in", threading.current_thread().name, flush=True)
    return callback(*args, **kwargs)

module.app.callback_map[sys.argv[2]]["callback"] = spy
module.app.run(debug=True)  # as broken.py runs itself
"""


def test_on_plain_dash_every_visitor_shares_the_list_each_request_in_a_thread(browser, tmp_path):
    assert (
        (LESSON_DIR / "broken.py")
        .read_text()
        .endswith('if __name__ == "__main__":\n    app.run(debug=True)\n')
    )
    (tmp_path / "spy.py").write_text(SPY)
    args = [sys.executable, "spy.py", str(LESSON_DIR / "broken.py"), LIST_OUTPUTS]
    visitors = [browser.new_context(), browser.new_context()]
    try:
        with serving(args, cwd=tmp_path) as server:
            ada, bob = (context.new_page() for context in visitors)
            ada.goto(server.url)
            add_note(ada, "Ada's note")
            expect(notes(ada)).to_have_text(["Ada's note"])
            bob.goto(server.url)
            expect(notes(bob)).to_have_text(["Ada's note"])
            add_note(bob, "Bob's note")
            expect(notes(bob)).to_have_text(["Ada's note", "Bob's note"])
            ada.reload()
            expect(notes(ada)).to_have_text(["Ada's note", "Bob's note"])
            assert pid_in(ada, BROKEN_STATUS) == pid_in(bob, BROKEN_STATUS)
        runs = [line for line in server.stdout.read().splitlines() if line.startswith("ran in")]
    finally:
        for context in visitors:
            context.close()
    # Five runs (two page loads, two clicks, a reload), five threads of the server.
    assert len(runs) == 5
    assert all(re.fullmatch(r"ran in Thread-\d+ \(process_request_thread\)", r) for r in runs)
    assert len(set(runs)) == 5


def test_on_gunicorn_each_worker_process_has_its_own_list():
    """`gunicorn --workers 2 broken:app`, nothing of the site: two processes, two lists."""
    args = [sys.executable, "-m", "gunicorn", "--workers", "2", "--threads", "2", "--preload"]
    args += ["--bind", "127.0.0.1:{port}", "broken:app"]
    with serving(args, cwd=LESSON_DIR) as server:
        url = server.url + "/_dash-update-component"
        added = post(url, list_body(1, "Ada's note"))
        ada_pid = int(BROKEN_STATUS.match(added["status"]["children"]).group(1))
        # Anyone's requests, spread over both processes by the kernel.
        answers = per_process(url, list_body())
    assert texts(answers.pop(ada_pid)) == ["Ada's note"]
    assert [texts(other) for other in answers.values()] == [[]]


def status_of(url, body=None):
    for _ in range(200):  # a restarting server refuses connections for a moment
        try:
            response = post(url + "/_dash-update-component", body or list_body())
            return int(BROKEN_STATUS.match(response["status"]["children"]).group(1)), texts(
                response
            )
        except requests.ConnectionError:
            time.sleep(0.05)
    raise AssertionError("the server did not come back")


def test_debug_true_restarts_the_process_on_every_save_and_empties_the_list(tmp_path):
    copies = {}
    for debug in (True, False):
        folder = tmp_path / f"debug_{debug}"
        folder.mkdir()
        source = (LESSON_DIR / "broken.py").read_text(encoding="utf-8")
        assert "app.run(debug=True)" in source
        (folder / "broken.py").write_text(source.replace("debug=True", f"debug={debug}"))
        copies[debug] = folder / "broken.py"
    args = {debug: [sys.executable, str(path)] for debug, path in copies.items()}
    with serving(args[True]) as on, serving(args[False]) as off:
        first = {}
        for debug, server in ((True, on), (False, off)):
            first[debug] = status_of(server.url, list_body(1, "before the save"))
            assert first[debug][1] == ["before the save"]
        # debug=True: the app runs in a child process that the reloader watches.
        assert first[True][0] != on.pid
        assert first[False][0] == off.pid
        time.sleep(1.1)  # the reloader compares modification times
        for path in copies.values():
            path.touch()
        deadline = time.monotonic() + 30
        while status_of(on.url)[0] == first[True][0]:
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert status_of(on.url)[1] == []
        time.sleep(1.5)
        assert status_of(off.url) == (off.pid, ["before the save"])


def test_each_example_runs_alone(tmp_path):
    """`python <file>.py`, as it is (broken.py runs so in the test above)."""
    names = ["broken", "fixed", "storage_types", "server_side"]
    assert sorted(names) == sorted(p.stem for p in LESSON_DIR.glob("*.py"))
    with (
        serving([sys.executable, str(LESSON_DIR / "fixed.py")]) as fixed,
        serving([sys.executable, str(LESSON_DIR / "storage_types.py")]) as types,
        serving(
            [sys.executable, str(LESSON_DIR / "server_side.py")], env={"TMPDIR": str(tmp_path)}
        ) as server,
    ):
        for running in (fixed, types, server):
            assert requests.get(running.url + "/", timeout=30).status_code == 200
            layout = requests.get(running.url + "/_dash-layout", timeout=30)
            assert layout.status_code == 200


# ---- fixed: the notes in the tab ------------------------------------------------------------


def update_exchanges(page, key):
    """(request body, response body) of each callback of one example, as they come."""
    seen = []

    def keep(response):
        path = urlparse(response.url).path  # a private example's has /private/<token>/ in it
        if path.startswith(f"/examples/{key}/") and path.endswith("/_dash-update-component"):
            seen.append((response.request.post_data_json, response.json()))

    page.on("response", keep)
    return seen


def test_the_fixed_notes_travel_with_each_request_and_stay_in_the_tab(page, site):
    exchanges = update_exchanges(page, FIXED)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, FIXED)
    expect(frame.locator("#status")).to_have_text(FIXED_STATUS)
    add_note(frame, "first")
    add_note(frame, "second")
    expect(notes(frame)).to_have_text(["first", "second"])
    adds = [(sent, got) for sent, got in exchanges if sent["output"].startswith("..my-notes")]
    shows = [sent for sent, _ in exchanges if sent["output"].startswith("..notes")]
    # The whole list goes up as State, the whole new list comes back down.
    assert [sent["state"][1]["value"] for sent, _ in adds] == [[], ["first"]]
    assert [got["response"]["my-notes"]["data"] for _, got in adds] == [
        ["first"],
        ["first", "second"],
    ]
    # ...and show_notes gets the whole list again, as its Input.
    assert [sent["inputs"][0]["value"] for sent in shows] == [[], ["first"], ["first", "second"]]
    stored = frame_of(lesson, FIXED).evaluate("JSON.parse(sessionStorage.getItem('my-notes'))")
    assert stored == ["first", "second"]

    # Any process answers the same: it only reads what the request carries.
    body = {
        "output": "..notes.children...status.children..",
        "outputs": [
            {"id": "notes", "property": "children"},
            {"id": "status", "property": "children"},
        ],
        "inputs": [{"id": "my-notes", "property": "data", "value": ["first", "second"]}],
        "state": [],
        "changedPropIds": ["my-notes.data"],
    }
    answers = per_process(f"{site}/examples/{FIXED}/_dash-update-component", body, FIXED_STATUS)
    assert [texts(a) for a in answers.values()] == [["first", "second"]] * 2

    lesson.reload()
    frame = example(lesson, FIXED)
    expect(notes(frame)).to_have_text(["first", "second"])

    # A new tab, even from a link on the page, starts with nothing.
    tab = open_full_screen(lesson, "fixed")
    tab_frame = example(tab, FIXED)
    expect(tab_frame.locator("#status")).to_have_text(FIXED_STATUS)
    expect(notes(tab_frame)).to_have_count(0)

    # The visitor can change what the Store holds; the app takes it as it comes.
    frame_of(lesson, FIXED).evaluate(
        "sessionStorage.setItem('my-notes', JSON.stringify(['written by hand']))"
    )
    lesson.reload()
    frame = example(lesson, FIXED)
    expect(notes(frame)).to_have_text(["written by hand"])
    assert dash_reports(lesson, FIXED) == []
    assert site_errors(lesson) == [] and site_errors(tab) == []


# ---- memory, session, local -----------------------------------------------------------------


def shown(frame):
    return [frame.locator(f"#{kind}-shown") for kind in ("memory", "session", "local")]


def expect_shown(frame, memory, session, local):
    for locator, kind, value in zip(
        shown(frame), ("memory", "session", "local"), (memory, session, local), strict=True
    ):
        expect(locator).to_have_text(f"{kind}: {value}")


def test_memory_session_and_local_storage_as_measured(page, browser, site):
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, TYPES)
    expect_shown(frame, "(empty)", "(empty)", "(empty)")
    add_note(frame, "alpha")
    expect_shown(frame, "alpha", "alpha", "alpha")
    # Filed under the Store's id, with a timestamp beside it.
    storage = frame_of(lesson, TYPES).evaluate(
        "[Object.keys(localStorage).sort(), Object.keys(sessionStorage).sort()]"
    )
    assert {"local-notes", "local-notes-timestamp"} <= set(storage[0])
    assert {"session-notes", "session-notes-timestamp"} <= set(storage[1])
    assert "memory-notes" not in storage[0] + storage[1]

    lesson.reload()
    frame = example(lesson, TYPES)
    expect_shown(frame, "(empty)", "alpha", "alpha")

    tab = open_full_screen(lesson, "storage_types")
    tab_frame = example(tab, TYPES)
    expect_shown(tab_frame, "(empty)", "(empty)", "alpha")

    # A change in one tab reaches the other at once, and runs its callback there.
    exchanges = update_exchanges(tab, TYPES)
    add_note(frame, "beta")
    expect_shown(frame, "beta", "alpha, beta", "alpha, beta")
    expect_shown(tab_frame, "(empty)", "(empty)", "alpha, beta")
    assert [sent["output"] for sent, _ in exchanges] == [
        "..memory-shown.children...session-shown.children...local-shown.children.."
    ]

    other = browser.new_context()
    try:
        stranger = open_lesson(other.new_page(), site, SLUG)
        expect_shown(example(stranger, TYPES), "(empty)", "(empty)", "(empty)")
    finally:
        other.close()
    assert site_errors(lesson) == [] and site_errors(tab) == []


def test_memory_is_the_default_storage_type():
    from dash import dcc

    assert re.search(r"storage_type \(a value equal to: .*; default 'memory'\)", dcc.Store.__doc__)


TWO_APPS = """
import os
from dash import Dash, Input, Output, dcc, html
from flask import Flask

server = Flask(__name__)


def app_at(prefix, label):
    app = Dash(__name__, server=server, url_base_pathname=prefix)
    app.layout = html.Div([
        dcc.Store(id="local-notes", storage_type="local"),
        html.Button(label, id="write"),
        html.P(id="shown"),
    ])

    @app.callback(Output("local-notes", "data"), Input("write", "n_clicks"),
                  prevent_initial_call=True)
    def write(n):
        return [label]

    @app.callback(Output("shown", "children"), Input("local-notes", "data"))
    def show(data):
        return repr(data)


app_at("/a/", "from a")
app_at("/b/", "from b")
server.run(port=int(os.environ["PORT"]))
"""


def test_two_apps_on_one_host_share_a_store_id(page, tmp_path):
    (tmp_path / "two.py").write_text(textwrap.dedent(TWO_APPS))
    with serving([sys.executable, "two.py"], cwd=tmp_path) as server:
        page.goto(server.url + "/a/")
        page.get_by_role("button", name="from a").click()
        expect(page.locator("#shown")).to_have_text("['from a']")
        page.goto(server.url + "/b/")
        expect(page.locator("#shown")).to_have_text("['from a']")
        page.get_by_role("button", name="from b").click()
        expect(page.locator("#shown")).to_have_text("['from b']")
        page.goto(server.url + "/a/")
        expect(page.locator("#shown")).to_have_text("['from b']")


# ---- on the server, under a session id ------------------------------------------------------


def session_of(page):
    return frame_of(page, SERVER).evaluate("JSON.parse(sessionStorage.getItem('session-id'))")


def test_server_side_notes_follow_the_tab_s_session_id_in_every_process(page, site):
    exchanges = update_exchanges(page, SERVER)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, SERVER)
    expect(frame.locator("#status")).to_have_text(SERVER_STATUS)
    # The tab's first request has no id; the answer brings a random one, which the tab keeps.
    (sent, got) = exchanges[0]
    assert sent["state"][1] == {"id": "session-id", "property": "data", "value": None}
    session_id = got["response"]["session-id"]["data"]
    assert uuid.UUID(session_id).version == 4
    assert session_of(lesson) == session_id
    add_note(frame, "kept on the server")
    expect(notes(frame)).to_have_text(["kept on the server"])
    assert exchanges[-1][0]["state"][1]["value"] == session_id

    lesson.reload()
    frame = example(lesson, SERVER)
    expect(notes(frame)).to_have_text(["kept on the server"])
    assert exchanges[-1][0]["state"][1]["value"] == session_id
    assert session_of(lesson) == session_id

    tab = open_full_screen(lesson, "server_side")
    tab_frame = example(tab, SERVER)
    expect(tab_frame.locator("#status")).to_have_text(SERVER_STATUS)
    expect(notes(tab_frame)).to_have_count(0)
    assert session_of(tab) not in (None, session_id)

    # Whichever process answers reads the same notes.
    url = private_url(site, "server_side", token(lesson))
    answers = per_process(url, list_body(session_id=session_id), SERVER_STATUS)
    assert [texts(a) for a in answers.values()] == [["kept on the server"]] * 2
    assert dash_reports(lesson, SERVER) == []
    assert site_errors(lesson) == [] and site_errors(tab) == []


BOUNDS = """
import importlib.util, json, sys, time


def load(name):
    spec = importlib.util.spec_from_file_location(name, f"{sys.argv[1]}/{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


broken = load("broken")
for n in range(1, 8):
    broken.add_note(n, f"note {n}")
server_side = load("server_side")
keep = [server_side.KEEP_SECONDS, server_side.KEEP_ROWS]
server_side.DATABASE = sys.argv[2]
server_side.KEEP_ROWS = 20  # the rule, on a smaller number: each note is a commit to disk
for n in range(1, 26):
    server_side.add(f"visitor {n % 3}", f"note {n}")
rows = server_side.database().execute("SELECT COUNT(*) FROM notes").fetchone()[0]
last = server_side.notes_of("visitor 1")
real = time.time
time.time = lambda: real() + 60 * 60 + 1
server_side.add("someone later", "new")
after = [row[0] for row in server_side.database().execute("SELECT session FROM notes")]
print(json.dumps({"broken": broken.NOTES, "rows": rows, "last": last, "after": after,
                  "keep": keep}))
"""


def test_what_the_examples_keep_is_bounded(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", BOUNDS, str(LESSON_DIR), str(tmp_path / "notes.sqlite3")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    # broken.py keeps the last five notes.
    assert found["broken"] == [f"note {n}" for n in range(3, 8)]
    # server_side.py: five shown per session, 1,000 rows at most, nothing older than an hour.
    assert found["keep"] == [3600, 1000]
    assert found["rows"] == 20
    assert found["last"] == [f"note {n}" for n in (13, 16, 19, 22, 25)]
    assert found["after"] == ["someone later"]
