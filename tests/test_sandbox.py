"""The sandbox: replay, predict-then-run, clear, pause, export, and one log per tab."""

import json

import pytest
from conftest import Server
from lessonkit import example, expect_log_count, log_entries, open_details, open_lesson
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SLUG = "duplicate-outputs"
KEY = f"{SLUG}/fixed"


def control(page, kind, key=KEY):
    return page.locator(f'[id*=\'"type":"sb-{kind}"\'][id*=\'"example":"{key}"\']')


def view(page, kind, key=KEY):
    return page.locator(f'.sb-{kind}[data-example="{key}"]')


def caption(page, key=KEY):
    return view(page, "replay-caption", key)


def test_replay_steps_through_the_last_interaction(page, site):
    open_lesson(page, site, SLUG)
    frame = example(page, KEY)
    frame.get_by_role("button", name="Say hello").click()
    expect_log_count(page, KEY, 2)
    open_details(page, KEY, "Callback graph")
    expect(caption(page)).to_have_text("Step through the last interaction: 1 callback run(s).")
    control(page, "forward").click()
    expect(caption(page)).to_have_text("Step 1 of 1: speak ← hello.n_clicks · updated")
    current = page.locator(f'.sb-graph-box[data-example="{KEY}"] .sb-node.sb-current')
    expect(current).to_have_attribute("data-callback", "speak")
    expect(current).to_have_attribute("aria-current", "step")
    control(page, "back").click()
    expect(caption(page)).to_have_text("Step 1 of 1: speak ← hello.n_clicks · updated")


def test_replay_of_a_chain_moves_forward_and_back(page, site):
    key = f"{SLUG}/initial_duplicate"
    open_lesson(page, site, SLUG)
    example(page, key)
    expect_log_count(page, key, 2)  # the page load ran two callbacks
    open_details(page, key, "Callback graph")
    control(page, "forward", key).click()
    expect(caption(page, key)).to_contain_text("Step 1 of 2: ")
    first = caption(page, key).inner_text()
    control(page, "forward", key).click()
    expect(caption(page, key)).to_contain_text("Step 2 of 2: ")
    second = caption(page, key).inner_text()
    assert {first.split(": ")[1].split(" ")[0], second.split(": ")[1].split(" ")[0]} == {
        "load_plan",
        "load_budget",
    }
    control(page, "forward", key).click()  # stays on the last step
    expect(caption(page, key)).to_have_text(second)
    control(page, "back", key).click()
    expect(caption(page, key)).to_have_text(first)


def test_predict_then_run_marks_each_guess(page, site):
    open_lesson(page, site, SLUG)
    frame = example(page, KEY)
    open_details(page, KEY, "Callback graph")
    guesses = view(page, "guess")
    guesses.locator("xpath=..").locator("summary").click()
    guesses.get_by_label("speak").check()
    guesses.get_by_label("greet").check()
    control(page, "lock").click()
    verdict = view(page, "verdict")
    expect(verdict).to_have_text("Prediction locked. Now use the example.")
    frame.get_by_role("button", name="Say goodbye").click()
    expect(verdict.locator(".sb-score")).to_have_text("Your click: click #goodbye. 1 of 2 right")
    expect(verdict.locator('li[data-callback="speak"]')).to_have_class("sb-right")
    expect(verdict.locator('li[data-callback="speak"]')).to_contain_text("fired, as you predicted")
    expect(verdict.locator('li[data-callback="greet"]')).to_have_class("sb-wrong")
    expect(verdict.locator('li[data-callback="greet"]')).to_contain_text(
        "did not fire, but you expected it"
    )


def test_clear_pause_and_export(page, site):
    open_lesson(page, site, SLUG)
    frame = example(page, KEY)
    expect_log_count(page, KEY, 1)
    control(page, "clear").click()
    expect_log_count(page, KEY, 0)
    control(page, "pause").check()
    frame.get_by_role("button", name="Say hello").click()
    expect(frame.locator("#message")).to_have_text("Hello! (hello clicked 1x)")
    page.wait_for_timeout(500)
    expect_log_count(page, KEY, 0)
    control(page, "pause").uncheck()
    frame.get_by_role("button", name="Say goodbye").click()
    expect_log_count(page, KEY, 1)
    with page.expect_download() as info:
        control(page, "export").click()
    assert info.value.suggested_filename == "duplicate-outputs-fixed-callbacks.json"
    exported = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert exported["example"] == KEY
    assert [c["name"] for c in exported["callbacks"]] == ["speak", "greet"]
    runs = [e for e in exported["events"] if e["kind"] == "callback"]
    assert [(r["trigger"], r["status"]) for r in runs] == [(["goodbye.n_clicks"], "updated")]
    assert runs[0]["returned"] == [
        {"prop": "message.children", "value": '"Goodbye! (goodbye clicked 1x)"'}
    ]


def test_two_tabs_never_see_each_others_entries(browser):
    server = Server(workers=2, threads=4)
    try:
        first, second = browser.new_context(), browser.new_context()
        tab_a, tab_b = first.new_page(), second.new_page()
        for tab in (tab_a, tab_b):
            open_lesson(tab, server.url, SLUG)
            expect_log_count(tab, KEY, 1)  # the initial call of greet
        example(tab_a, KEY).get_by_role("button", name="Say hello").click()
        example(tab_a, KEY).get_by_role("button", name="Say goodbye").click()
        expect_log_count(tab_a, KEY, 3)
        example(tab_b, KEY).get_by_role("textbox").fill("Bea")
        expect_log_count(tab_b, KEY, 2)
        tab_a.wait_for_timeout(500)
        assert [e[1] for e in log_entries(tab_a, KEY)] == [
            "initial call",
            "hello.n_clicks",
            "goodbye.n_clicks",
        ]
        assert [e[1] for e in log_entries(tab_b, KEY)] == ["initial call", "name.value"]
        first.close()
        second.close()
    finally:
        server.stop()
