"""duplicate-outputs: every claim of the lesson, shown in real Chromium on the pinned Dash."""

import re

import pytest
from dash import Dash, Input, Output, dcc, html
from dash.exceptions import DuplicateCallback
from lessonkit import (
    dash_reports,
    example,
    expect_log_count,
    expect_reports,
    frame_errors,
    graph,
    log_entries,
    log_panel,
    open_lesson,
    settle,
    site_errors,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SLUG = "duplicate-outputs"


@pytest.fixture
def lesson(page, site):
    return open_lesson(page, site, SLUG)


def click_both_and_type(frame):
    frame.get_by_role("button", name="Say hello").click()
    frame.get_by_role("button", name="Say goodbye").click()
    frame.get_by_role("textbox").fill("Ada")


def test_with_dev_tools_on_no_callback_fires_at_all(lesson):
    frame = example(lesson, f"{SLUG}/broken")
    expect(frame.get_by_text("Duplicate callback outputs")).to_be_visible()
    click_both_and_type(frame)
    settle(lesson)
    expect(frame.locator("#message")).to_have_text("Nobody has spoken yet.")
    # Not even the unrelated callback, not even on page load.
    expect(frame.locator("#greeting")).to_have_text("")
    expect_log_count(lesson, f"{SLUG}/broken", 0)
    # The sandbox shows what Dash said, and that nothing ran.
    (report,) = dash_reports(lesson, f"{SLUG}/broken")
    assert report.startswith("Duplicate callback outputs: In the callback for output(s):")
    assert "message.children" in report
    assert graph(lesson, f"{SLUG}/broken") == [
        ("say_hello", "cannot run"),
        ("say_goodbye", "cannot run"),
        ("greet", "blocked"),
    ]


def test_with_dev_tools_off_the_last_registered_function_answers_both(lesson):
    frame = example(lesson, f"{SLUG}/broken_quiet")
    frame.get_by_role("button", name="Say hello").click()
    # say_goodbye runs for the hello button, with hello's click count.
    expect(frame.locator("#message")).to_have_text("Goodbye! (goodbye clicked 1x)")
    frame.get_by_role("button", name="Say goodbye").click()
    expect(frame.locator("#message")).to_have_text("Goodbye! (goodbye clicked 1x)")
    frame.get_by_role("textbox").fill("Ada")
    expect(frame.locator("#greeting")).to_have_text("Nice to meet you, Ada.")
    expect_log_count(lesson, f"{SLUG}/broken_quiet", 4)
    assert log_entries(lesson, f"{SLUG}/broken_quiet") == [
        ("greet", "initial call", "updated"),
        ("say_hello", "hello.n_clicks", "updated"),
        ("say_goodbye", "goodbye.n_clicks", "updated"),
        ("greet", "name.value", "updated"),
    ]
    # The row of the hello click says which function the server really ran.
    hello = log_panel(lesson, f"{SLUG}/broken_quiet").locator(".fire-entry").nth(1)
    expect(hello.locator(".fire-ran")).to_have_text("the server ran say_goodbye")
    expect(frame.get_by_text("Duplicate callback outputs")).to_have_count(0)
    assert frame_errors(lesson, f"{SLUG}/broken_quiet") == []
    assert dash_reports(lesson, f"{SLUG}/broken_quiet") == []
    # Both callbacks of the browser ran, each time on the server's one function.
    assert graph(lesson, f"{SLUG}/broken_quiet") == [
        ("say_hello", "×1"),
        ("say_goodbye", "×1"),
        ("greet", "×2"),
    ]


def test_the_browser_keeps_both_callbacks_the_server_keeps_the_last(site_app):
    broken = site_app.EXAMPLES[f"{SLUG}/broken_quiet"].app
    served = broken.server.test_client().get("/_dash-dependencies").get_json()
    assert [dep["output"] for dep in served].count("message.children") == 2
    assert broken.callback_map["message.children"]["callback"].__name__ == "say_goodbye"


def served_outputs(site_app, name):
    app = site_app.EXAMPLES[f"{SLUG}/{name}"].app
    return [dep["output"] for dep in app.server.test_client().get("/_dash-dependencies").json]


def test_allow_duplicate_gives_each_callback_its_own_key(site_app):
    app = site_app.EXAMPLES[f"{SLUG}/fixed_allow_duplicate"].app
    keys = served_outputs(site_app, "fixed_allow_duplicate")[:2]
    assert len(keys) == 2 and len(set(keys)) == 2
    assert all(re.fullmatch(r"message\.children@[0-9a-f]{64}", key) for key in keys)
    assert {app.callback_map[key]["callback"].__name__ for key in keys} == {
        "say_hello",
        "say_goodbye",
    }


def test_only_marked_outputs_get_a_suffix_made_from_the_inputs(site_app):
    plain, marked = served_outputs(site_app, "one_flag")
    assert plain == "message.children"
    assert re.fullmatch(r"message\.children@[0-9a-f]{64}", marked)
    # The suffix hashes the Inputs only: same Input, different State, same key.
    first, second = served_outputs(site_app, "same_inputs")
    assert first == second and first.startswith("message.children@")


def test_one_flag_is_enough_for_dash(lesson):
    key = f"{SLUG}/one_flag"
    frame = example(lesson, key)
    frame.get_by_role("button", name="Say hello").click()
    expect(frame.locator("#message")).to_have_text("Hello! (hello clicked 1x)")
    frame.get_by_role("button", name="Say goodbye").click()
    expect(frame.locator("#message")).to_have_text("Goodbye! (goodbye clicked 1x)")
    expect_log_count(lesson, key, 2)
    assert log_entries(lesson, key) == [
        ("say_hello", "hello.n_clicks", "updated"),
        ("say_goodbye", "goodbye.n_clicks", "updated"),
    ]
    expect(frame.get_by_text("Duplicate callback outputs")).to_have_count(0)
    assert dash_reports(lesson, key) == []


def test_two_flagged_callbacks_with_the_same_input_clash_again(lesson):
    key = f"{SLUG}/same_inputs"
    requests = []
    lesson.on("request", lambda r: f"/examples/{key}/_dash-update" in r.url and requests.append(r))
    frame = example(lesson, key)
    (report,) = expect_reports(lesson, key, 1)
    assert report.startswith("Duplicate callback outputs: In the callback for output(s):")
    assert "message.children@" in report
    frame.get_by_role("button", name="Sign").click()
    settle(lesson)
    expect(frame.locator("#message")).to_have_text("Not signed yet.")
    assert requests == []
    expect_log_count(lesson, key, 0)


def test_set_props_needs_no_output_so_nothing_clashes(lesson):
    key = f"{SLUG}/set_props"
    frame = example(lesson, key)
    frame.get_by_role("button", name="Say goodbye").click()
    expect(frame.locator("#message")).to_have_text("Goodbye! (goodbye clicked 1x)")
    frame.get_by_role("button", name="Say hello").click()
    expect(frame.locator("#message")).to_have_text("Hello! (hello clicked 1x)")
    expect_log_count(lesson, key, 2)
    assert [entry[0] for entry in log_entries(lesson, key)] == ["say_goodbye", "say_hello"]
    expect(frame.get_by_text("Duplicate callback outputs")).to_have_count(0)
    assert dash_reports(lesson, key) == []


def test_only_some_components_have_a_timestamp_to_compare():
    def stamps(component):
        return sorted(p for p in component().available_properties if p.endswith("_timestamp"))

    assert stamps(html.Button) == stamps(html.Div) == ["n_clicks_timestamp"]
    assert stamps(dcc.Input) == ["n_blur_timestamp", "n_submit_timestamp"]
    assert stamps(dcc.Dropdown) == stamps(dcc.Slider) == []


def test_allow_duplicate_without_prevent_initial_call_is_refused_at_declaration():
    app = Dash(__name__)
    app.layout = html.Div([html.Button(id="a"), html.P(id="out")])
    with pytest.raises(DuplicateCallback, match="allow_duplicate requires prevent_initial_call"):

        @app.callback(Output("out", "children", allow_duplicate=True), Input("a", "n_clicks"))
        def update(n_clicks):
            return n_clicks


def test_initial_duplicate_runs_both_on_load(lesson):
    key = f"{SLUG}/initial_duplicate"
    frame = example(lesson, key)
    expect(frame.locator("#plan-status")).to_have_text("Plan loaded (0 reloads)")
    expect(frame.locator("#budget-status")).to_have_text("Budget loaded (0 reloads)")
    expect_log_count(lesson, key, 2)
    assert sorted(log_entries(lesson, key)) == [
        ("load_budget", "initial call", "updated"),
        ("load_plan", "initial call", "updated"),
    ]
    # Each click's answer first: two callbacks' answers are applied as they arrive, and
    # "budget" may already be there from the page load.
    frame.get_by_role("button", name="Reload the budget").click()
    expect(frame.locator("#budget-status")).to_have_text("Budget loaded (1 reloads)")
    expect(frame.locator("#last-update")).to_have_text("Last update: budget")
    frame.get_by_role("button", name="Reload the plan").click()
    expect(frame.locator("#plan-status")).to_have_text("Plan loaded (1 reloads)")
    expect(frame.locator("#last-update")).to_have_text("Last update: plan")


def test_the_old_timestamp_advice_still_works(lesson):
    key = f"{SLUG}/old_timestamp"
    frame = example(lesson, key)
    frame.get_by_role("button", name="Say goodbye").click()
    expect(frame.locator("#message")).to_have_text("Goodbye!")
    frame.get_by_role("button", name="Say hello").click()
    expect(frame.locator("#message")).to_have_text("Hello!")
    frame.get_by_role("button", name="Say goodbye").click()
    expect(frame.locator("#message")).to_have_text("Goodbye!")
    expect_log_count(lesson, key, 3)
    assert [entry[0] for entry in log_entries(lesson, key)] == ["speak"] * 3


def test_fix_with_triggered_id(lesson):
    key = f"{SLUG}/fixed"
    frame = example(lesson, key)
    frame.get_by_role("button", name="Say hello").click()
    expect(frame.locator("#message")).to_have_text("Hello! (hello clicked 1x)")
    frame.get_by_role("button", name="Say goodbye").click()
    expect(frame.locator("#message")).to_have_text("Goodbye! (goodbye clicked 1x)")
    frame.get_by_role("textbox").fill("Ada")
    expect(frame.locator("#greeting")).to_have_text("Nice to meet you, Ada.")
    expect_log_count(lesson, key, 4)
    assert log_entries(lesson, key) == [
        ("greet", "initial call", "updated"),
        ("speak", "hello.n_clicks", "updated"),
        ("speak", "goodbye.n_clicks", "updated"),
        ("greet", "name.value", "updated"),
    ]
    expect(frame.get_by_text("Duplicate callback outputs")).to_have_count(0)
    assert dash_reports(lesson, key) == []
    assert graph(lesson, key) == [("speak", "×2"), ("greet", "×2")]


def test_fix_with_allow_duplicate(lesson):
    key = f"{SLUG}/fixed_allow_duplicate"
    frame = example(lesson, key)
    frame.get_by_role("button", name="Say hello").click()
    expect(frame.locator("#message")).to_have_text("Hello! (hello clicked 1x)")
    frame.get_by_role("button", name="Say goodbye").click()
    expect(frame.locator("#message")).to_have_text("Goodbye! (goodbye clicked 1x)")
    expect_log_count(lesson, key, 3)
    assert log_entries(lesson, key) == [
        ("greet", "initial call", "updated"),
        ("say_hello", "hello.n_clicks", "updated"),
        ("say_goodbye", "goodbye.n_clicks", "updated"),
    ]


def test_broken_example_leaves_the_site_and_other_frames_alone(lesson):
    broken = example(lesson, f"{SLUG}/broken")
    expect(broken.get_by_text("Duplicate callback outputs")).to_be_visible()
    fixed = example(lesson, f"{SLUG}/fixed")
    fixed.get_by_role("button", name="Say hello").click()
    expect(fixed.locator("#message")).to_have_text("Hello! (hello clicked 1x)")
    # The site's own callbacks still run: the sandbox renders, navigation works.
    expect_log_count(lesson, f"{SLUG}/fixed", 2)
    assert site_errors(lesson) == []
    lesson.get_by_role("link", name="Callback Gotchas").click()
    expect(lesson.locator("h1")).to_have_text("Callback Gotchas")
