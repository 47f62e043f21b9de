"""prevent-update: every claim of the lesson, in real Chromium on the pinned Dash."""

import json
import subprocess
import sys
import textwrap
from urllib.parse import urlparse

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
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SLUG = "prevent-update"
LESSON_DIR = ROOT / "lessons" / SLUG
EMPTY_ANSWER = {"multi": True, "response": {}}
SAVED = {"multi": True, "response": {"saved": {"children": "Ada"}}}
CALLBACK_ERROR = "Callback error updating saved.children"


def key(name):
    return f"{SLUG}/{name}"


def updates(page, name):
    """Every answered callback request of one example: (status, output, trigger, answer)."""
    seen = []
    path = f"/examples/{key(name)}/_dash-update-component"

    def record(response):
        if urlparse(response.url).path == path:
            body = response.request.post_data_json
            if response.status == 200:
                answer = response.json()
            else:
                answer = None if response.status == 204 else response.text()
            seen.append((response.status, body["output"], body["changedPropIds"], answer))

    page.on("response", record)
    return seen


def open_example(page, site, name):
    sent = updates(page, name)
    lesson = open_lesson(page, site, SLUG)
    return lesson, example(lesson, key(name)), sent


def save(frame, name):
    frame.get_by_role("textbox").fill(name)
    frame.get_by_role("button", name="Save").click()


def save_ada(lesson, frame, name, greeting="Hello, Ada!"):
    """Type a name and save it: save runs, then greet."""
    save(frame, "Ada")
    expect(frame.locator("#saved")).to_have_text("Ada")
    expect(frame.locator("#greeting")).to_have_text(greeting)
    expect_log_count(lesson, key(name), 2)


def rows_after_ada(lesson, name):
    return log_entries(lesson, key(name))[2:]


# ---- returning None ----------------------------------------------------------------------


def test_returning_none_writes_none_and_runs_the_chain(page, site):
    lesson, frame, sent = open_example(page, site, "broken")
    save_ada(lesson, frame, "broken")
    del sent[:]

    save(frame, "")
    expect(frame.locator("#greeting")).to_have_text("Hello, None!")
    expect(frame.locator("#saved")).to_have_text("")
    expect_log_count(lesson, key("broken"), 4)
    assert rows_after_ada(lesson, "broken") == [
        ("save", "save.n_clicks", "updated"),
        ("greet", "saved.children", "updated"),
    ]
    assert [(status, output, answer) for status, output, _, answer in sent] == [
        (200, "saved.children", {"multi": True, "response": {"saved": {"children": None}}}),
        (
            200,
            "greeting.children",
            {"multi": True, "response": {"greeting": {"children": "Hello, None!"}}},
        ),
    ]
    assert dash_reports(lesson, key("broken")) == []


# ---- PreventUpdate and no_update ---------------------------------------------------------


def test_prevent_update_answers_204_and_nothing_runs_after_it(page, site):
    lesson, frame, sent = open_example(page, site, "fixed")
    save_ada(lesson, frame, "fixed")
    del sent[:]

    save(frame, "")
    expect_log_count(lesson, key("fixed"), 3)
    settle(lesson)
    assert rows_after_ada(lesson, "fixed") == [("save", "save.n_clicks", "prevented")]
    assert sent == [(204, "saved.children", ["save.n_clicks"], None)]
    expect(frame.locator("#saved")).to_have_text("Ada")
    expect(frame.locator("#greeting")).to_have_text("Hello, Ada!")
    assert dash_reports(lesson, key("fixed")) == []


def test_whole_no_update_answers_200_with_nothing_and_nothing_runs_after_it(page, site):
    lesson, frame, sent = open_example(page, site, "no_update")
    save_ada(lesson, frame, "no_update")
    del sent[:]

    save(frame, "")
    expect_log_count(lesson, key("no_update"), 3)
    settle(lesson)
    # Not 204 as for PreventUpdate: an answer with no updates in it (since Dash 3.1).
    assert sent == [(200, "saved.children", ["save.n_clicks"], EMPTY_ANSWER)]
    ((function, trigger, _status),) = rows_after_ada(lesson, "no_update")
    assert (function, trigger) == ("save", "save.n_clicks")
    expect(frame.locator("#saved")).to_have_text("Ada")
    expect(frame.locator("#greeting")).to_have_text("Hello, Ada!")


def test_whole_no_update_was_a_204_before_dash_3_1():
    # The server code that decides, in the releases before and after the change.
    from releases import files

    def decides(version):
        (source,) = [t for n, t in files("dash", version).items() if n == "dash/_callback.py"]
        return source

    assert "_set_side_update(callback_ctx, response) or has_update" in decides("3.0.4")
    assert "_set_side_update(callback_ctx, response) or has_output" in decides("3.1.0")


def test_no_update_per_output_writes_the_other_and_runs_only_its_chain(page, site):
    lesson, frame, sent = open_example(page, site, "per_output")
    save_ada(lesson, frame, "per_output")
    del sent[:]

    save(frame, "")
    expect(frame.locator("#hint")).to_have_text("Type a name first.")
    expect_log_count(lesson, key("per_output"), 3)
    settle(lesson)
    assert rows_after_ada(lesson, "per_output") == [("save", "save.n_clicks", "partly updated")]
    assert sent == [
        (
            200,
            "..saved.children...hint.children..",
            ["save.n_clicks"],
            {"multi": True, "response": {"hint": {"children": "Type a name first."}}},
        )
    ]
    expect(frame.locator("#saved")).to_have_text("Ada")
    expect(frame.locator("#greeting")).to_have_text("Hello, Ada!")


# ---- what "chained after it" means -------------------------------------------------------


def test_writing_the_same_value_runs_the_chain_again(page, site):
    lesson, frame, sent = open_example(page, site, "same_value")
    save_ada(lesson, frame, "same_value")
    del sent[:]

    save(frame, "")
    expect_log_count(lesson, key("same_value"), 4)
    assert rows_after_ada(lesson, "same_value") == [
        ("save", "save.n_clicks", "updated"),
        ("greet", "saved.children", "updated"),
    ]
    assert [(output, answer) for _, output, _, answer in sent] == [
        ("saved.children", SAVED),
        (
            "greeting.children",
            {"multi": True, "response": {"greeting": {"children": "Hello, Ada!"}}},
        ),
    ]


def test_prevent_update_does_not_stop_a_callback_that_also_listens_to_the_click(page, site):
    lesson, frame, sent = open_example(page, site, "diamond")
    save_ada(lesson, frame, "diamond", "Hello, Ada! (save clicked 1x)")
    # With a name, greet waits for save and runs once, for both changes.
    assert log_entries(lesson, key("diamond"))[1] == (
        "greet",
        "save.n_clicks, saved.children",
        "updated",
    )
    del sent[:]

    save(frame, "")
    expect(frame.locator("#greeting")).to_have_text("Hello, Ada! (save clicked 2x)")
    expect_log_count(lesson, key("diamond"), 4)
    assert sorted(rows_after_ada(lesson, "diamond")) == [
        ("greet", "save.n_clicks", "updated"),
        ("save", "save.n_clicks", "prevented"),
    ]
    assert sorted((status, output, trigger) for status, output, trigger, _ in sent) == [
        (200, "greeting.children", ["save.n_clicks"]),
        (204, "saved.children", ["save.n_clicks"]),
    ]
    expect(frame.locator("#saved")).to_have_text("Ada")


# ---- an exception -------------------------------------------------------------------------


def test_an_exception_with_dev_tools_on_shows_the_traceback(page, site):
    lesson, frame, sent = open_example(page, site, "raises")
    save_ada(lesson, frame, "raises")
    del sent[:]

    save(frame, "")
    expect(frame.get_by_text(CALLBACK_ERROR)).to_be_visible()
    expect_log_count(lesson, key("raises"), 3)
    settle(lesson)
    assert rows_after_ada(lesson, "raises") == [("save", "save.n_clicks", "error")]
    ((status, output, _, answer),) = sent
    assert (status, output) == (500, "saved.children")
    assert answer.endswith("ValueError: A name is needed.")
    # The traceback shows once the message is clicked.
    expect(frame.get_by_text("ValueError: A name is needed.")).to_have_count(0)
    frame.get_by_text(CALLBACK_ERROR).click()
    expect(frame.get_by_text("ValueError: A name is needed.")).to_be_visible()
    expect(frame.locator("#saved")).to_have_text("Ada")
    expect(frame.locator("#greeting")).to_have_text("Hello, Ada!")
    (report,) = expect_reports(lesson, key("raises"), 1)
    assert report.startswith(f"{CALLBACK_ERROR}: Traceback (most recent call last):")
    assert site_errors(lesson) == []


def test_an_exception_with_dev_tools_off_shows_nothing_on_the_page(page, site):
    lesson, frame, sent = open_example(page, site, "raises_quiet")
    save_ada(lesson, frame, "raises_quiet")
    del sent[:]

    save(frame, "")
    expect_log_count(lesson, key("raises_quiet"), 3)
    settle(lesson)
    assert rows_after_ada(lesson, "raises_quiet") == [("save", "save.n_clicks", "error")]
    ((status, _, _, answer),) = sent
    assert status == 500
    assert "<title>500 Internal Server Error</title>" in answer
    assert "ValueError" not in answer
    # The page: unchanged, and not a word. The console: Dash's message.
    expect(frame.locator("#saved")).to_have_text("Ada")
    expect(frame.locator("#greeting")).to_have_text("Hello, Ada!")
    expect(frame.get_by_text(CALLBACK_ERROR)).to_have_count(0)
    expect(frame.get_by_text("A name is needed")).to_have_count(0)
    assert frame_errors(lesson, key("raises_quiet"))[-1] == CALLBACK_ERROR
    (report,) = expect_reports(lesson, key("raises_quiet"), 1)
    assert report.startswith(f"{CALLBACK_ERROR}: Internal Server Error")


def test_with_dev_tools_off_the_traceback_is_in_the_server_log():
    path = LESSON_DIR / "raises_quiet.py"
    code = f"""
        import importlib.util, json
        spec = importlib.util.spec_from_file_location("example", {str(path)!r})
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        client = module.app.server.test_client()
        client.get("/")
        answer = client.post("/_dash-update-component", json={{
            "output": "saved.children",
            "outputs": {{"id": "saved", "property": "children"}},
            "inputs": [{{"id": "save", "property": "n_clicks", "value": 1}}],
            "state": [{{"id": "name", "property": "value", "value": ""}}],
            "changedPropIds": ["save.n_clicks"]}})
        print(json.dumps(answer.status_code))
    """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == 500
    assert "Exception on /_dash-update-component [POST]" in result.stderr
    assert result.stderr.rstrip().endswith("ValueError: A name is needed.")
