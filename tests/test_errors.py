"""The error decoder (/errors): each message a lesson declares is what the pinned Dash
writes when its example runs, and pasting it, alone or in a traceback, with other ids
or broken over lines, finds that lesson first and marks the message."""

import html
import os
import re
import signal
import subprocess
import sys

import pytest
import requests
from conftest import ROOT
from dash import html as dash_html
from lessonkit import SITE_ERRORS_SCRIPT, site_errors, words
from localhost import base_url_when_listening, free_port
from pagekit import serious_violations
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from test_content import GOOD, make_lesson

from gotchas.content.errors import all_errors
from gotchas.content.lessons import LessonError, load_lessons
from gotchas.page.lesson import PAGE_IDS
from gotchas.page.markdown import render_markdown

LESSONS = load_lessons()
ERRORS = all_errors(LESSONS)
BY_ID = {entry.id: entry for entry in ERRORS}
# Dash's reports, as the sandbox of a full-screen example page shows them.
SAID = """([want]) => [...document.querySelectorAll('.fire-console-text')]
    .some(el => el.textContent.replace(/\\s+/g, ' ').trim().includes(want))"""
# Another page of the site without loading the site again, as a dcc.Link goes.
GO = """url => {
    history.pushState({}, '', url);
    window.dispatchEvent(new PopStateEvent('popstate'));
}"""


# ---- front matter ----------------------------------------------------------------------------

ITEM = "errors:\n  - id: it-breaks\n    example: broken\n    section: Why\n    message: It broke.\n"
WITH_ERRORS = GOOD.replace("examples:", ITEM + "examples:")


def test_a_declared_error_has_an_address_and_a_section(tmp_path):
    make_lesson(tmp_path, WITH_ERRORS)
    (entry,) = all_errors(load_lessons(tmp_path))
    assert (entry.id, entry.lesson, entry.example, entry.message) == (
        "it-breaks",
        "a-lesson",
        "broken",
        "It broke.",
    )
    assert (entry.url, entry.section_url) == ("/errors/it-breaks", "/lessons/a-lesson#why")


@pytest.mark.parametrize(
    "change, problem",
    [
        (("id: it-breaks", "id: It_Breaks"), "must be kebab-case"),
        (("example: broken", "example: brokn"), "example 'brokn' is not one of"),
        (("section: Why", "section: Nowhere"), "section 'Nowhere' is not a heading"),
        (("message: It broke.", "message: ' '"), "needs Dash's message"),
        (("    message: It broke.\n", ""), "each item needs id, example, section, message"),
        ((ITEM, ITEM + ITEM[len("errors:\n") :]), "'it-breaks' is listed twice"),
    ],
)
def test_a_bad_error_is_named_with_its_file(tmp_path, change, problem):
    path = make_lesson(tmp_path, WITH_ERRORS.replace(*change))
    with pytest.raises(LessonError, match=re.escape(problem)) as error:
        load_lessons(tmp_path)
    assert f"{path}: field 'errors'" in str(error.value)


def test_an_error_id_belongs_to_one_lesson(tmp_path):
    make_lesson(tmp_path, WITH_ERRORS)
    other = WITH_ERRORS.replace("a-lesson", "b-lesson").replace("order: 1", "order: 2")
    make_lesson(tmp_path, other, slug="b-lesson")
    with pytest.raises(LessonError, match="id 'it-breaks' is used by a-lesson too"):
        load_lessons(tmp_path)


def test_each_error_links_to_its_heading_on_the_lesson_page():
    lessons = {lesson.slug: lesson for lesson in LESSONS}
    for entry in ERRORS:
        # The lesson page renders its text so (gotchas/page/lesson.py).
        parts = render_markdown(lessons[entry.lesson].body, [], set(PAGE_IDS))
        headings = {p.id: p for p in parts if isinstance(p, dash_html.H2 | dash_html.H3)}
        assert entry.anchor in headings, entry.id
        text = "".join(
            c if isinstance(c, str) else c.children for c in headings[entry.anchor].children[:-1]
        )
        assert text == entry.section.replace("`", ""), entry.id


# ---- Dash's own words ------------------------------------------------------------------------


def click(name):
    return lambda page, frame: frame.get_by_role("button", name=name).click()


# What the learner does before Dash says it (a message not listed is said on page load;
# one that needs a click gets its click here).
ACTIONS = {
    "schema-type-validation-error": click("Say hello"),
    "schema-length-validation-error": click("Sign"),
    "schema-length-validation-error-list-value": lambda p, f: f.get_by_label("Pear").check(),
    "callback-error-updating": click("Save"),
    "id-running-component-not-found": click("Reset"),
    "missing-background-callback-manager": click("Make report"),
}
# callbacks-at-startup/broken registers callbacks as it runs: what Dash says about them
# depends on the one process of `python broken.py`, which a site of several cannot show.
ALONE = {"callback-function-not-found", "duplicate-callback-outputs-registered-late"}
# What Dash writes to the console, joined as the sandbox joins it (assets/example/probe.js).
DASH_SAYS = """
window.__dashSays = [];
const original = console.error.bind(console);
console.error = (...args) => {
  window.__dashSays.push(args.map(a => a && typeof a === 'object' && (a.message || a.html)
    ? [a.message, a.html].filter(Boolean).join(': ') : String(a)).join(' '));
  original(...args);
};
"""


@pytest.mark.browser
def test_each_message_is_what_dash_writes_when_its_example_runs(page, site):
    unheard = []
    page.goto(site + "/errors")
    for entry in ERRORS:
        if entry.id in ALONE:
            continue
        page.evaluate(GO, entry.example_url)
        shown = page.locator(f'iframe[data-src="/examples/{entry.lesson}/{entry.example}/"]')
        expect(shown).to_have_attribute("data-loaded", "true")
        frame = page.frame_locator("iframe.example-frame")
        expect(frame.locator("#react-entry-point > *").first).to_be_attached()
        if entry.id in ACTIONS:
            ACTIONS[entry.id](page, frame)
        try:
            page.wait_for_function(SAID, arg=[words(entry.message)], timeout=15_000)
        except PlaywrightTimeout:
            said = page.locator(".fire-console-text").all_text_contents()
            unheard.append((entry.id, [words(text) for text in said]))
    assert unheard == []


@pytest.fixture
def alone(tmp_path):
    """`python lessons/<slug>/<file>.py`, as a learner runs an example, on a free port."""
    runs = []

    def start(path):
        port = free_port()
        log = (tmp_path / f"run{len(runs)}.txt").open("w")
        process = subprocess.Popen(
            [sys.executable, str(path.relative_to(ROOT))],
            cwd=ROOT,
            env={**os.environ, "PORT": str(port), "PYTHONUNBUFFERED": "1"},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        runs.append((process, log))
        return base_url_when_listening(process, port)

    yield start
    for process, log in runs:
        os.killpg(process.pid, signal.SIGTERM)  # debug=True: the reloader and its child
        process.wait(timeout=20)
        log.close()


@pytest.mark.browser
def test_an_example_run_alone_says_what_the_site_cannot(page, alone):
    missing, twice = (
        BY_ID["callback-function-not-found"],
        BY_ID["duplicate-callback-outputs-registered-late"],
    )
    assert (missing.lesson, missing.example) == (twice.lesson, twice.example)
    base = alone(ROOT / "lessons" / missing.lesson / f"{missing.example}.py")

    # Counter 1's click, from a page whose callback list came from another process.
    answer = requests.post(
        f"{base}/_dash-update-component",
        json={
            "output": "label-1.children",
            "outputs": {"id": "label-1", "property": "children"},
            "inputs": [{"id": "button-1", "property": "n_clicks", "value": 1}],
            "changedPropIds": ["button-1.n_clicks"],
        },
        timeout=30,
    )
    assert answer.status_code == 500
    # Dev tools on: Werkzeug's debugger page carries the traceback.
    assert words(missing.message) in words(html.unescape(answer.text))

    # The lesson's Try it: add a counter, reload, add it again, reload.
    page.route(  # dev tools would ask another host for Dash's latest version
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(base) else route.abort(),
    )
    page.add_init_script(DASH_SAYS)
    page.goto(base + "/")
    for _ in range(2):
        page.get_by_role("button", name="Add a counter").click()
        expect(page.get_by_role("button", name="Counter 1")).to_be_visible()
        page.reload()
    said = """([want]) => window.__dashSays.some(
        text => text.replace(/\\s+/g, ' ').trim().includes(want))"""
    try:
        page.wait_for_function(said, arg=[words(twice.message)], timeout=15_000)
    except PlaywrightTimeout:
        pytest.fail(f"Dash said {page.evaluate('window.__dashSays')}")


# ---- the decoder -----------------------------------------------------------------------------


def ends(text):
    """Words, without the punctuation a match may leave out at either end."""
    return re.sub(r"^\W+|\W+$", "", words(text))


def as_marked(text):
    """The text, however its lines and spaces fall, as the whole of the mark."""
    return re.compile(r"^\W*" + r"\s+".join(map(re.escape, ends(text).split(" "))) + r"\W*$")


def paste(page, text, entry=None, marks=None):
    """Paste, then wait until the decoder shows entry first and marks `marks`."""
    page.locator("#error-paste").fill(text)
    if entry:
        first = page.locator(".error-result").first
        expect(first).to_have_attribute("data-error", entry.id)
        expect(first).to_have_attribute("data-lesson", entry.lesson)
        expect(page.locator(".error-echo mark")).to_have_text(as_marked(marks or text))


@pytest.mark.browser
def test_pasting_a_message_finds_its_lesson_and_marks_it(page, site):
    page.add_init_script(SITE_ERRORS_SCRIPT)
    page.goto(site + "/errors")
    expect(page.locator("#main h1")).to_have_text("Error decoder")
    expect(page.locator(".error-empty").get_by_role("link")).to_have_attribute(
        "href", "#all-errors"
    )
    listed = page.locator(".error-list [data-error]")
    assert listed.evaluate_all("els => els.map(e => e.dataset.error)") == [e.id for e in ERRORS]

    for entry in ERRORS:
        paste(page, entry.message, entry)
        link = page.locator(".error-result").first.locator(".error-result-lesson")
        expect(link).to_have_attribute("href", entry.section_url)

    # In a server's log, with the traceback and the next request around it.
    schema = BY_ID["schema-length-validation-error"]
    message = schema.message.replace("message.", "status.").replace("name.value", "name.data")
    log = (
        "Traceback (most recent call last):\n"
        '  File "/home/ada/app.py", line 52, in sign\n'
        "    return sign_up(name)\n"
        f"dash._grouping.{message}\n"
        '127.0.0.1 - - [01/Dec/2025 10:00:00] "POST /_dash-update-component HTTP/1.1" 500 -\n'
    )
    paste(page, log, schema, marks=message)

    # Other ids than the lesson's.
    found = BY_ID["id-not-found-in-layout"]
    paste(page, found.message.replace("arrival", "delivery-date-2"), found)

    # Broken over lines, with extra spaces, as a narrow console wraps it.
    duplicate = BY_ID["duplicate-callback-outputs"]
    pieces = duplicate.message.split()
    wrapped = "\n".join("   ".join(pieces[i : i + 4]) for i in range(0, len(pieces), 4))
    paste(page, f"Uncaught Error:\n{wrapped}\n    at dash_renderer.js:2:1234", duplicate, wrapped)

    # Anything else: no lesson, and the way to the list.
    paste(page, "TypeError: unsupported operand type(s) for +: 'int' and 'str'")
    expect(page.locator(".error-none")).to_contain_text("No lesson explains this yet.")
    expect(page.locator(".error-none").get_by_role("link")).to_have_attribute("href", "#all-errors")
    expect(page.locator(".error-echo")).to_be_hidden()

    paste(page, "")
    expect(page.locator(".error-empty")).to_be_visible()
    paste(page, log, schema, marks=message)
    assert serious_violations(page) == []
    assert site_errors(page) == []


@pytest.mark.browser
def test_each_error_has_a_page_of_its_own(page, site):
    for entry in ERRORS:
        assert requests.get(site + entry.url, timeout=30).status_code == 200, entry.id
    page.add_init_script(SITE_ERRORS_SCRIPT)
    page.goto(site + "/errors")
    for entry in ERRORS:
        page.evaluate(GO, entry.url)
        expect(page.locator(f'.error-page[data-error="{entry.id}"]')).to_be_attached()
        expect(page.locator(".error-message")).to_have_text(entry.message)
        where = page.locator(".error-where").get_by_role("link")
        expect(where.nth(0)).to_have_attribute("href", entry.lesson_url)
        expect(where.nth(1)).to_have_attribute("href", entry.section_url)
    # The paste box works there too.
    circular = BY_ID["circular-dependencies"]
    paste(page, circular.message, circular)
    assert serious_violations(page) == []
    assert site_errors(page) == []

    response = page.goto(site + "/errors/no-such-error")
    assert response.status == 404
    expect(page.locator("#main h1")).to_have_text("We could not find that page")
