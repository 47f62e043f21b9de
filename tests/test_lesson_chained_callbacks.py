"""chained-callbacks: order along a chain, a diamond's single run, and a link that stops,
measured in Chromium on the pinned Dash (dev tools on and off)."""

import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
from lessonkit import (
    dash_reports,
    example,
    expect_log_count,
    frame_errors,
    log_entries,
    open_details,
    open_lesson,
    settle,
)
from localhost import base_url_when_listening, free_port
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SLUG = "chained-callbacks"
BROKEN, FIXED, DIAMOND = (f"{SLUG}/{name}" for name in ("broken", "fixed", "diamond"))
LESSON_DIR = Path(__file__).resolve().parent.parent / "lessons" / SLUG
HOLD = "Hold the fee (no_update)"
TOTAL = "..total.children...runs.children.."


@pytest.fixture
def lesson(page, site):
    return open_lesson(page, site, SLUG)


def network(page, key=None):
    """('request' | status, output, changedPropIds) for each callback request and answer,
    in the order the browser saw them. key=None: a standalone app at the root."""
    seen = []
    path = f"/examples/{key}/_dash-update-component" if key else "/_dash-update-component"

    def ours(r):
        return urlparse(r.url).path == path

    page.on(
        "request",
        lambda r: (
            ours(r)
            and seen.append(
                ("request", r.post_data_json["output"], r.post_data_json["changedPropIds"])
            )
        ),
    )
    page.on(
        "response",
        lambda r: (
            ours(r.request) and seen.append((r.status, r.request.post_data_json["output"], None))
        ),
    )
    return seen


def control(page, kind, key):
    return page.locator(f'[id*=\'"type":"sb-{kind}"\'][id*=\'"example":"{key}"\']')


def replay(page, key, total):
    """The replay caption after each click on Step forward, one click past the last step."""
    captions = []
    open_details(page, key, "Callback graph")
    caption = page.locator(f'.sb-replay-caption[data-example="{key}"]')
    for n in range(1, total + 2):
        control(page, "forward", key).click()
        expect(caption).to_contain_text(f"Step {min(n, total)} of {total}: ")
        captions.append(caption.inner_text())
    return captions


def tickets(frame):
    return frame.get_by_role("textbox", name="Tickets")


def lines(frame):
    return [frame.locator(f"#{i}").inner_text() for i in ("count", "price", "budget")]


PAGE_LOAD = [
    ("read_count", "initial call", "updated"),
    ("compute_price", "count.children", "updated"),
    ("check_budget", "price.children", "updated"),
]
TYPED = [
    ("read_count", "tickets.value", "updated"),
    ("compute_price", "count.children", "updated"),
    ("check_budget", "price.children", "updated"),
]


# ---- the chain ---------------------------------------------------------------------------


def test_page_load_runs_the_chain_once_in_order(page, site):
    seen = network(page, BROKEN)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, BROKEN)
    expect(frame.locator("#budget")).to_have_text("Within your €50 budget.")
    expect_log_count(lesson, BROKEN, 3)
    assert log_entries(lesson, BROKEN) == PAGE_LOAD
    # Each link's request leaves only once the link before it has answered.
    assert seen == [
        ("request", "count.children", []),
        (200, "count.children", None),
        ("request", "price.children", ["count.children"]),
        (200, "price.children", None),
        ("request", "budget.children", ["price.children"]),
        (200, "budget.children", None),
    ]


def test_typing_runs_one_link_after_another(page, site):
    seen = network(page, FIXED)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, FIXED)
    expect_log_count(lesson, FIXED, 3)
    before = len(seen)
    tickets(frame).fill("5")
    expect(frame.locator("#budget")).to_have_text("Over your €50 budget.")
    expect_log_count(lesson, FIXED, 6)
    assert seen[before:] == [
        ("request", "count.children", ["tickets.value"]),
        (200, "count.children", None),
        ("request", "price.children", ["count.children"]),
        (200, "price.children", None),
        ("request", "budget.children", ["price.children"]),
        (200, "budget.children", None),
    ]
    assert log_entries(lesson, FIXED)[3:] == TYPED


def test_the_same_value_still_fires_the_next_links(lesson):
    frame = example(lesson, FIXED)
    tickets(frame).fill("5")
    expect(frame.locator("#price")).to_have_text("60")
    expect_log_count(lesson, FIXED, 6)
    tickets(frame).fill("05")
    # read_count writes 5 again; compute_price and check_budget run anyway.
    expect_log_count(lesson, FIXED, 9)
    assert log_entries(lesson, FIXED)[6:] == TYPED
    assert lines(frame) == ["5", "60", "Over your €50 budget."]


def test_a_prevented_link_stops_the_chain_and_leaves_old_values(page, site):
    seen = network(page, BROKEN)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, BROKEN)
    tickets(frame).fill("5")
    expect(frame.locator("#budget")).to_have_text("Over your €50 budget.")
    expect_log_count(lesson, BROKEN, 6)
    before = len(seen)
    tickets(frame).fill("five")
    expect(frame.locator("#count")).to_have_text("")
    expect_log_count(lesson, BROKEN, 8)
    settle(lesson)
    # compute_price is answered 204, and check_budget is never asked for.
    assert seen[before:] == [
        ("request", "count.children", ["tickets.value"]),
        (200, "count.children", None),
        ("request", "price.children", ["count.children"]),
        (204, "price.children", None),
    ]
    assert lines(frame) == ["", "60", "Over your €50 budget."]
    assert log_entries(lesson, BROKEN)[6:] == [
        ("read_count", "tickets.value", "updated"),
        ("compute_price", "count.children", "prevented"),
    ]
    # Silent, with dev tools on.
    assert dash_reports(lesson, BROKEN) == []
    assert frame_errors(lesson, BROKEN) == []
    expect(frame.locator(".dash-debug-menu__outer")).to_be_attached()
    expect(frame.locator(".dash-debug-menu__error-count")).to_have_count(0)

    # The last step is the prevented link; nothing marks what it skipped.
    assert replay(lesson, BROKEN, 2) == [
        "Step 1 of 2: read_count ← tickets.value · updated",
        "Step 2 of 2: compute_price ← count.children · prevented",
        "Step 2 of 2: compute_price ← count.children · prevented",
    ]


def test_fixed_passes_none_on_and_every_link_answers(lesson):
    frame = example(lesson, FIXED)
    expect_log_count(lesson, FIXED, 3)
    assert log_entries(lesson, FIXED) == PAGE_LOAD
    assert replay(lesson, FIXED, 3) == [
        "Step 1 of 3: read_count ← initial call · updated",
        "Step 2 of 3: compute_price ← count.children · updated",
        "Step 3 of 3: check_budget ← price.children · updated",
        "Step 3 of 3: check_budget ← price.children · updated",
    ]
    tickets(frame).fill("five")
    expect(frame.locator("#budget")).to_have_text("Type a number of tickets.")
    assert lines(frame) == ["", "", "Type a number of tickets."]
    expect_log_count(lesson, FIXED, 6)
    assert log_entries(lesson, FIXED)[3:] == TYPED
    assert replay(lesson, FIXED, 3) == [
        "Step 1 of 3: read_count ← tickets.value · updated",
        "Step 2 of 3: compute_price ← count.children · updated",
        "Step 3 of 3: check_budget ← price.children · updated",
        "Step 3 of 3: check_budget ← price.children · updated",
    ]
    tickets(frame).fill("3")
    expect(frame.locator("#budget")).to_have_text("Within your €50 budget.")
    assert lines(frame) == ["3", "36", "Within your €50 budget."]


# ---- the diamond -------------------------------------------------------------------------


def add_ticket(frame, runs):
    frame.get_by_role("button", name="Add a ticket").click()
    expect(frame.locator("#runs")).to_have_text(str(runs))


def click_requests(seen):
    """One click's traffic: both branches leave before either answers; the join leaves
    once, after the slow fee has answered."""
    first_answer = next(i for i, e in enumerate(seen) if e[0] != "request")
    assert sorted(e[1] for e in seen[:first_answer]) == ["fee.children", "price.children"]
    joins = [i for i, e in enumerate(seen) if e[0] == "request" and e[1] == TOTAL]
    assert len(joins) == 1
    fee_answer = seen.index((200, "fee.children", None))
    assert fee_answer < joins[0]
    return seen[joins[0]]


def test_the_join_of_a_diamond_runs_once_per_click(page, site):
    seen = network(page, DIAMOND)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, DIAMOND)
    for n in (1, 2, 3):
        before = len(seen)
        add_ticket(frame, n)
        expect_log_count(lesson, DIAMOND, 3 * n)
        settle(lesson)
        assert len(seen[before:]) == 6  # three requests, three answers
        assert click_requests(seen[before:]) == (
            "request",
            TOTAL,
            ["price.children", "fee.children"],
        )
    expect(frame.locator("#total")).to_have_text("Total: €41")  # 3 × 12 + (2 + 3)
    assert (
        log_entries(lesson, DIAMOND)
        == [
            ("compute_price", "add.n_clicks", "updated"),
            ("compute_fee", "add.n_clicks", "updated"),
            ("show_total", "price.children, fee.children", "updated"),
        ]
        * 3
    )
    # Replay makes two steps of branches that ran at the same time.
    assert replay(lesson, DIAMOND, 3) == [
        "Step 1 of 3: compute_price ← add.n_clicks · updated",
        "Step 2 of 3: compute_fee ← add.n_clicks · updated",
        "Step 3 of 3: show_total ← price.children, fee.children · updated",
        "Step 3 of 3: show_total ← price.children, fee.children · updated",
    ]


def test_a_held_branch_still_lets_the_join_run_once(page, site):
    seen = network(page, DIAMOND)
    answers = []
    path = f"/examples/{DIAMOND}/_dash-update-component"
    page.on("response", lambda r: urlparse(r.url).path == path and answers.append(r))
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, DIAMOND)
    for n in (1, 2, 3):
        add_ticket(frame, n)
    expect(frame.locator("#total")).to_have_text("Total: €41")
    expect_log_count(lesson, DIAMOND, 9)
    frame.get_by_label(HOLD).check()
    before, answered = len(seen), len(answers)
    add_ticket(frame, 4)
    expect_log_count(lesson, DIAMOND, 12)
    settle(lesson)
    # The new price (48) with the old fee (5); the join saw only the price change.
    expect(frame.locator("#total")).to_have_text("Total: €53")
    expect(frame.locator("#fee")).to_have_text("5")
    assert [e for e in seen[before:] if e[0] == "request"][-1] == (
        "request",
        TOTAL,
        ["price.children"],
    )
    held = next(
        r for r in answers[answered:] if r.request.post_data_json["output"] == "fee.children"
    )
    assert held.status == 200
    assert held.json() == {"multi": True, "response": {}}
    entries = log_entries(lesson, DIAMOND)[9:]
    assert sorted(entries) == [
        ("compute_fee", "add.n_clicks", "no update"),
        ("compute_price", "add.n_clicks", "updated"),
        ("show_total", "price.children", "updated"),
    ]
    assert entries[-1] == ("show_total", "price.children", "updated")
    # The sandbox's "no update" run returned nothing at all: it names what it would write.
    row = lesson.locator(f'.sb-timeline[data-example="{DIAMOND}"] .fire-entry').filter(
        has_text="compute_fee"
    )
    expect(row.last.locator(".fire-values summary")).to_have_text("→ fee.children")


def test_prevent_update_is_a_204_and_no_update_an_empty_200(site_app):
    broken = site_app.EXAMPLES[BROKEN].app.server.test_client()
    prevented = broken.post(
        "/_dash-update-component",
        json={
            "output": "price.children",
            "outputs": {"id": "price", "property": "children"},
            "inputs": [{"id": "count", "property": "children", "value": None}],
            "changedPropIds": ["count.children"],
        },
    )
    assert (prevented.status_code, prevented.data) == (204, b"")

    diamond = site_app.EXAMPLES[DIAMOND].app.server.test_client()
    held = diamond.post(
        "/_dash-update-component",
        json={
            "output": "fee.children",
            "outputs": {"id": "fee", "property": "children"},
            "inputs": [{"id": "add", "property": "n_clicks", "value": 1}],
            "state": [{"id": "hold", "property": "value", "value": [HOLD]}],
            "changedPropIds": ["add.n_clicks"],
        },
    )
    assert held.status_code == 200
    assert held.get_json() == {"multi": True, "response": {}}


# ---- the same files run alone, dev tools on and off ---------------------------------------

RUN_ALONE = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("example", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
module.app.run(port=int(sys.argv[2]), debug=sys.argv[3] == "on", use_reloader=False,
               dev_tools_hot_reload=False, dev_tools_disable_version_check=True)
"""


@pytest.fixture
def run_alone():
    """Start an example file as its own server (as `python file.py` would, on a free port)."""
    started = []

    def start(name, dev_tools):
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-c", RUN_ALONE, str(LESSON_DIR / f"{name}.py"), str(port), dev_tools],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        started.append(process)
        return base_url_when_listening(process, port) + "/"

    yield start
    for process in started:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


@pytest.mark.parametrize("dev_tools", ["on", "off"])
def test_dev_tools_change_nothing_here(page, run_alone, dev_tools):
    seen = network(page)
    page.goto(run_alone("broken", dev_tools))
    expect(page.locator("#budget")).to_have_text("Within your €50 budget.")
    tickets(page).fill("5")
    expect(page.locator("#budget")).to_have_text("Over your €50 budget.")
    before = len(seen)
    tickets(page).fill("five")
    expect(page.locator("#count")).to_have_text("")
    settle(page)
    assert [e[:2] for e in seen[before:]] == [
        ("request", "count.children"),
        (200, "count.children"),
        ("request", "price.children"),
        (204, "price.children"),
    ]
    assert lines(page) == ["", "60", "Over your €50 budget."]
    expect(page.locator(".dash-debug-menu__outer")).to_have_count(1 if dev_tools == "on" else 0)
    expect(page.locator(".dash-debug-menu__error-count")).to_have_count(0)

    seen = network(page)
    page.goto(run_alone("diamond", dev_tools))
    for n in (1, 2):
        before = len(seen)
        add_ticket(page, n)
        settle(page)
        assert len(seen[before:]) == 6
        click_requests(seen[before:])
