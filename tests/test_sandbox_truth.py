"""The sandbox tells the truth, in the click sequences where it used to mislead:
declared names, reasons after Clear, Dash's own bar, the comparison, Dash's
messages as text, waiting versus failing, and full screen."""

import re

import pytest
from lessonkit import (
    example,
    expect_log_count,
    graph,
    graph_reason,
    log_entries,
    log_panel,
    open_details,
    open_lesson,
    settle,
    site_errors,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
DUP = "duplicate-outputs"


def control(page, kind, key):
    return page.locator(f'[id*=\'"type":"sb-{kind}"\'][id*=\'"example":"{key}"\']')


def states(page, key):
    nodes = page.locator(f'.sb-graph-box[data-example="{key}"] .sb-node')
    return [(n.get_attribute("data-callback"), n.get_attribute("data-state")) for n in nodes.all()]


@pytest.mark.parametrize("name", ["broken", "broken_quiet"])
def test_every_callback_is_named_by_the_function_its_source_declares(page, site, name):
    key = f"{DUP}/{name}"
    open_lesson(page, site, DUP)
    frame = example(page, key)
    open_details(page, key, "Callback graph")
    expected = ["say_hello", "say_goodbye", "greet"]
    expect(page.locator(f'.sb-graph-box[data-example="{key}"] .sb-node')).to_have_count(3)
    assert [label for label, _ in graph(page, key)] == expected
    guesses = page.locator(f'.sb-guess[data-example="{key}"] label')
    assert [words.split(" →")[0] for words in guesses.all_text_contents()] == expected
    shared = page.locator(f'.sb-graph-box[data-example="{key}"] .sb-shared')
    if name == "broken":
        # Dev tools on: the server is never asked, so nothing is said to run.
        expect(shared.first).to_contain_text("With dev tools on Dash refuses that")
        expect(shared).not_to_contain_text(["runs say_goodbye", "runs say_goodbye"])
    else:
        frame.get_by_role("button", name="Say hello").click()
        expect(frame.locator("#message")).to_have_text("Goodbye! (goodbye clicked 1x)")
        expect_log_count(page, key, 2)
        row = log_panel(page, key).locator(".fire-entry").nth(1)
        expect(row.locator(".fire-callback")).to_have_text("say_hello")
        expect(row.locator(".fire-ran")).to_have_text("the server ran say_goodbye")
        expect(shared.first).to_have_text(
            "2 callbacks write message.children. The server keeps one function for it: "
            "it runs say_goodbye, not say_hello."
        )


def test_clear_says_what_it_clears_and_restart_records_the_page_load_again(page, site):
    key = f"{DUP}/fixed"
    open_lesson(page, site, DUP)
    frame = example(page, key)
    expect_log_count(page, key, 1)  # greet, on page load
    open_details(page, key, "Callback graph")
    assert graph(page, key) == [("speak", "not run yet"), ("greet", "×1")]
    expect(control(page, "clear", key)).to_have_attribute("title", re.compile("keeps running"))
    control(page, "clear", key).click()
    expect_log_count(page, key, 0)
    expect(log_panel(page, key).locator(".fire-cleared")).to_contain_text("Restart it")
    assert graph(page, key) == [("speak", "not run yet"), ("greet", "not run yet")]
    # Never "should have run on page load": it did; the record was cleared.
    assert graph_reason(page, key, "greet") == "Nothing recorded since you cleared the record."
    frame.get_by_role("textbox").fill("Ada")
    expect_log_count(page, key, 1)
    control(page, "restart", key).click()
    expect(frame.locator("#greeting")).to_have_text("Who are you?")
    expect_log_count(page, key, 1)
    assert log_entries(page, key) == [("greet", "initial call", "updated")]
    assert site_errors(page) == []


def test_dash_s_own_bar_is_not_an_interaction_and_predict_judges_the_app(page, site):
    slug = "layout-validation"
    key = f"{slug}/broken"
    open_lesson(page, site, slug)
    frame = example(page, key)
    expect_log_count(page, key, 1)  # update_total on page load
    open_details(page, key, "Callback graph")
    page.locator(f'.sb-guess[data-example="{key}"]').locator("xpath=..").locator("summary").click()
    page.locator(f'.sb-guess[data-example="{key}"]').get_by_label("update_total").check()
    control(page, "lock", key).click()
    # The learner looks at Dash's error list first: that is not an interaction.
    frame.locator("#dash-debug-menu__errors-button").click()
    frame.locator("#dash-debug-menu__errors-button").click()
    settle(page)
    assert log_panel(page, key).locator(".fire-group").all_text_contents() == ["Page load"]
    verdict = page.locator(f'.sb-verdict[data-example="{key}"]')
    expect(verdict).to_have_text("Prediction locked. Now use the example.")
    frame.locator("#quantity").fill("3")
    expect(verdict.locator(".sb-score")).to_contain_text("3 of 3 right")
    expect(verdict.locator('li[data-callback="update_total"]')).to_have_class("sb-right")


def test_the_comparison_lines_up_the_same_actions(page, site):
    open_lesson(page, site, DUP)
    broken, fixed = example(page, f"{DUP}/broken"), example(page, f"{DUP}/fixed")
    for frame in (broken, fixed):
        frame.get_by_role("button", name="Say hello").click()
        frame.get_by_role("button", name="Say goodbye").click()
        frame.get_by_role("textbox").fill("Ada")
    expect_log_count(page, f"{DUP}/fixed", 4)
    rows = page.locator(f'.sb-compare[data-lesson="{DUP}"] .sb-compare-row')
    expect(rows).to_have_count(4)
    expect(rows.nth(1)).to_contain_text("1st interaction: click #hello")
    expect(rows.nth(1)).to_contain_text("broken: no callback ran")
    expect(rows.nth(1)).to_contain_text("fixed: speak updated")
    expect(rows.nth(3)).to_contain_text("3rd interaction: input #name")
    expect(rows.nth(3)).to_contain_text("fixed: greet updated")
    expect(page.locator(".sb-compare-differs")).to_have_count(0)
    # A different action on one side is named as such.
    fixed.get_by_role("button", name="Say hello").click()
    broken.get_by_role("button", name="Say goodbye").click()
    expect(rows.last).to_have_class(re.compile("sb-compare-differs"))
    expect(rows.last).to_contain_text(
        "not the same action: broken click #goodbye, fixed click #hello"
    )


def test_dash_s_messages_are_text_and_outputs_are_written_as_people_write_them(page, site):
    slug = "callback-signatures"
    key = f"{slug}/broken"
    open_lesson(page, site, slug)
    frame = example(page, key)
    frame.get_by_role("button", name="Say hello").click()
    says = page.locator(f'.sb-says[data-example="{key}"]')
    expect(says).to_contain_text("Expected type: (<class 'tuple'>, <class 'list'>)")
    expect(says).to_contain_text("Schema: [<Output `message.children`>]")
    open_details(page, key, "Callback graph")
    chips = page.locator(f'.sb-graph-box[data-example="{key}"] .sb-output')
    expect(chips).to_have_text(["message.children"])
    summary = log_panel(page, key).locator(".fire-entry .fire-values summary")
    expect(summary).to_have_text("→ message.children")


def test_a_fresh_fixed_example_waits_without_warnings(page, site):
    slug = "missing-inputs"
    key = f"{slug}/fixed"
    open_lesson(page, site, slug)
    example(page, key)
    expect_log_count(page, key, 1)
    assert states(page, key) == [("show_year_filter", "waiting"), ("summarize", "fired")]
    node = page.locator(f'.sb-graph-box[data-example="{key}"] .sb-node').first
    expect(node).not_to_have_class(re.compile(r"sb-(cannot|blocked)"))
    assert graph_reason(page, key, "show_year_filter").startswith("Waiting: prevent_initial_call")
    # Ids are whole words: a chip never breaks inside one.
    chips = page.locator(f'.sb-graph-box[data-example="{key}"] .sb-chip')
    assert all(c.evaluate("el => getComputedStyle(el).whiteSpace") == "nowrap" for c in chips.all())


def test_full_screen_keeps_the_sandbox_and_the_way_back(page, site, context):
    open_lesson(page, site, DUP)
    with context.expect_page() as info:
        page.locator("#example-fixed").get_by_role("link", name="Full screen ↗").click()
    alone = info.value
    alone.wait_for_load_state()
    assert alone.url == f"{site}/lessons/{DUP}/fixed"
    expect(alone).to_have_title(re.compile(r"^fixed\.py · One output, one callback"))
    back = alone.get_by_role("link", name=re.compile("Back to the lesson"))
    expect(back).to_have_attribute("href", f"/lessons/{DUP}#example-fixed")
    frame = example(alone, f"{DUP}/fixed")
    frame.get_by_role("button", name="Say hello").click()
    expect_log_count(alone, f"{DUP}/fixed", 2)
    expect(alone).not_to_have_title(re.compile("Updating|^Dash$"))
    back.click()
    expect(alone.locator("#example-fixed")).to_be_in_viewport()
