"""initial-call: every claim of the lesson, in real Chromium on the pinned Dash."""

import json
import subprocess
import sys
import textwrap
from urllib.parse import urlparse

import dash
import pytest
from conftest import ROOT
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
from releases import files

pytestmark = pytest.mark.browser
SLUG = "initial-call"
BROKEN, FIXED, TYPO = (f"{SLUG}/{name}" for name in ("broken", "fixed", "typo"))
INSERTED, INSERTED_FIXED = f"{SLUG}/inserted", f"{SLUG}/inserted_fixed"
APP_WIDE, INITIAL_DUPLICATE = f"{SLUG}/app_wide", f"{SLUG}/initial_duplicate"


def updates(page, key):
    """Every answered callback request of one example: (status, body sent, text received)."""
    seen = []
    path = f"/examples/{key}/_dash-update-component"

    def record(response):
        if urlparse(response.url).path == path:
            text = "" if response.status == 204 else response.text()
            seen.append((response.status, response.request.post_data_json, text))

    page.on("response", record)
    return seen


def value_sent(body):
    (only,) = body["inputs"]
    return only.get("value")


def run_python(code):
    """Run code in a fresh interpreter, so Dash's module-level state starts clean."""
    result = subprocess.run(
        [sys.executable, "-W", "always", "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


@pytest.fixture
def lesson(page, site):
    return open_lesson(page, site, SLUG)


# ---- page load ------------------------------------------------------------------------


def test_the_callback_runs_on_page_load_with_n_clicks_none(page, site):
    sent = updates(page, BROKEN)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, BROKEN)
    # Nobody clicked: the layout's "No orders yet." is already replaced.
    expect(frame.locator("#receipt")).to_have_text("Order #None is on its way.")
    assert log_entries(lesson, BROKEN) == [("place_order", "initial call", "updated")]
    ((status, body, _),) = sent
    assert status == 200
    assert body["changedPropIds"] == []  # no trigger: ctx.triggered_id is None
    assert value_sent(body) is None

    frame.get_by_role("button", name="Order a coffee").click()
    expect(frame.locator("#receipt")).to_have_text("Order #1 is on its way.")
    expect_log_count(lesson, BROKEN, 2)
    assert log_entries(lesson, BROKEN)[1] == ("place_order", "order.n_clicks", "updated")
    assert dash_reports(lesson, BROKEN) == []


def test_prevent_initial_call_waits_for_the_first_click(page, site):
    sent = updates(page, FIXED)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, FIXED)
    settle(lesson)
    expect(frame.locator("#receipt")).to_have_text("No orders yet.")
    assert sent == [], "no request on page load"
    expect_log_count(lesson, FIXED, 0)

    frame.get_by_role("button", name="Order a coffee").click()
    expect(frame.locator("#receipt")).to_have_text("Order #1 is on its way.")
    assert log_entries(lesson, FIXED) == [("place_order", "order.n_clicks", "updated")]
    assert len(sent) == 1
    assert site_errors(lesson) == []


def test_triggered_id_is_none_on_page_load_and_names_an_inserted_button():
    result, _ = run_python(
        """
        import json
        from dash import Dash, Input, Output, ctx, html

        app = Dash(__name__, suppress_callback_exceptions=True)
        app.layout = html.Div([html.P(id="summary")])

        @app.callback(Output("summary", "children"), Input("order", "n_clicks"))
        def count_orders(n_clicks):
            return json.dumps([n_clicks, ctx.triggered_id])

        client = app.server.test_client()
        client.get("/")

        def run(changed):
            body = {"output": "summary.children",
                    "outputs": {"id": "summary", "property": "children"},
                    "inputs": [{"id": "order", "property": "n_clicks"}],
                    "changedPropIds": changed}
            answer = client.post("/_dash-update-component", json=body).get_json()
            return json.loads(answer["response"]["summary"]["children"])

        # What the browser sends on page load, and when the button arrives in a new chunk.
        print(json.dumps({"load": run([]), "inserted": run(["order.n_clicks"])}))
        """
    )
    assert result == {"load": [None, None], "inserted": [None, "order"]}


# ---- components added later ----------------------------------------------------------


def test_an_added_button_runs_its_callbacks_one_despite_prevent_initial_call(page, site):
    sent = updates(page, INSERTED)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, INSERTED)
    settle(lesson)
    assert sent == []
    expect(frame.locator("#summary")).to_have_text("Orders so far: none.")

    for opened in (1, 2):
        before = len(sent)
        frame.get_by_role("button", name="Open the order form").click()
        expect(frame.locator("#receipt")).to_have_text("Order #None is on its way.")
        expect(frame.locator("#summary")).to_have_text("Orders so far: None.")
        expect_log_count(lesson, INSERTED, 3 * opened + 2 * (opened - 1))
        runs = log_entries(lesson, INSERTED)[-3:]
        assert runs[0] == ("open_form", "open.n_clicks", "updated")
        # place_order: an initial call, its Output came with the button.
        # count_orders (prevent_initial_call=True): triggered by the button's arrival.
        assert sorted(runs[1:]) == [
            ("count_orders", "order.n_clicks", "updated"),
            ("place_order", "initial call", "updated"),
        ]
        new = {body["output"]: body for _, body, _ in sent[before:]}
        assert sorted(new) == ["form.children", "receipt.children", "summary.children"]
        assert new["summary.children"]["changedPropIds"] == ["order.n_clicks"]
        assert value_sent(new["summary.children"]) is None
        assert new["receipt.children"]["changedPropIds"] == []
        if opened == 1:
            frame.get_by_role("button", name="Order a coffee").click()
            expect(frame.locator("#receipt")).to_have_text("Order #1 is on its way.")
            expect(frame.locator("#summary")).to_have_text("Orders so far: 1.")
    assert dash_reports(lesson, INSERTED) == []


def test_the_added_button_fixed(page, site):
    sent = updates(page, INSERTED_FIXED)
    lesson = open_lesson(page, site, SLUG)
    frame = example(lesson, INSERTED_FIXED)
    frame.get_by_role("button", name="Open the order form").click()
    expect(frame.locator("#receipt")).to_have_text("Nothing ordered in this form.")
    expect_log_count(lesson, INSERTED_FIXED, 2)
    settle(lesson)
    expect(frame.locator("#summary")).to_have_text("Orders so far: none.")
    assert log_entries(lesson, INSERTED_FIXED) == [
        ("open_form", "open.n_clicks", "updated"),
        ("count_orders", "order.n_clicks", "prevented"),
    ]
    # place_order is held back: no request for the receipt. count_orders still asks.
    assert sorted((status, body["output"]) for status, body, _ in sent) == [
        (200, "form.children"),
        (204, "summary.children"),
    ]

    frame.get_by_role("button", name="Order a coffee").click()
    expect(frame.locator("#receipt")).to_have_text("Order #1 is on its way.")
    expect(frame.locator("#summary")).to_have_text("Orders so far: 1.")

    before = len(sent)
    frame.get_by_role("button", name="Open the order form").click()
    expect_log_count(lesson, INSERTED_FIXED, 6)
    expect(frame.locator("#receipt")).to_have_text("Nothing ordered in this form.")
    assert log_entries(lesson, INSERTED_FIXED)[-1] == (
        "count_orders",
        "order.n_clicks",
        "prevented",
    )
    assert sorted((status, body["output"]) for status, body, _ in sent[before:]) == [
        (200, "form.children"),
        (204, "summary.children"),
    ]


# ---- the app-wide setting ---------------------------------------------------------------


def test_the_app_wide_setting_reaches_app_callback_only(lesson):
    frame = example(lesson, APP_WIDE)
    expect(frame.locator("#tea-receipt")).to_have_text("Tea #None is on its way.")
    assert log_entries(lesson, APP_WIDE) == [("order_tea", "initial call", "updated")]
    expect(frame.locator("#coffee-receipt")).to_have_text("No coffee yet.")
    frame.get_by_role("button", name="Order a coffee").click()
    expect(frame.locator("#coffee-receipt")).to_have_text("Coffee #1 is on its way.")
    frame.get_by_role("button", name="Order a tea").click()
    expect(frame.locator("#tea-receipt")).to_have_text("Tea #1 is on its way.")
    expect_log_count(lesson, APP_WIDE, 3)


def test_dash_callback_takes_no_default_from_the_app():
    result, _ = run_python(
        """
        import json
        from dash import Dash, Input, Output, callback, html

        app = Dash(__name__, prevent_initial_callbacks=True)
        app.layout = html.Div([html.Button(id="b"), html.P(id="a"), html.P(id="g")])

        @app.callback(Output("a", "children"), Input("b", "n_clicks"))
        def on_app(n):
            return n

        @callback(Output("g", "children"), Input("b", "n_clicks"))
        def on_dash(n):
            return n

        # A callback of the app may still say otherwise.
        @app.callback(Output("a", "title"), Input("b", "n_clicks"), prevent_initial_call=False)
        def on_app_overridden(n):
            return n

        client = app.server.test_client()
        client.get("/")
        deps = client.get("/_dash-dependencies").get_json()
        print(json.dumps({d["output"]: d["prevent_initial_call"] for d in deps}))
        """
    )
    assert result == {"a.children": True, "a.title": False, "g.children": False}
    assert "not configurable at the app level" in dash.callback.__doc__


# ---- a misspelled keyword ---------------------------------------------------------------


def test_a_misspelled_keyword_runs_on_load_and_nobody_says_so(lesson):
    frame = example(lesson, TYPO)
    expect(frame.locator("#receipt")).to_have_text("Order #None is on its way.")
    assert log_entries(lesson, TYPO) == [("place_order", "initial call", "updated")]
    # Dev tools are on, and they have nothing to say.
    assert dash_reports(lesson, TYPO) == []
    assert frame_errors(lesson, TYPO) == []
    expect(frame.get_by_text("Callback error")).to_have_count(0)


def test_both_decorators_ignore_a_misspelled_keyword_without_a_warning():
    result, stderr = run_python(
        """
        import json
        from dash import Dash, Input, Output, callback, html

        app = Dash(__name__)
        app.layout = html.Div([html.Button(id="b"), html.P(id="a"), html.P(id="g")])

        @app.callback(Output("a", "children"), Input("b", "n_clicks"), prevent_inital_call=True)
        def on_app(n):
            return n

        @callback(Output("g", "children"), Input("b", "n_clicks"), prevent_inital_call=True)
        def on_dash(n):
            return n

        client = app.server.test_client()
        client.get("/")
        deps = client.get("/_dash-dependencies").get_json()
        print(json.dumps({d["output"]: d["prevent_initial_call"] for d in deps}))
        """
    )
    assert result == {"a.children": False, "g.children": False}
    assert stderr == "", "not even a warning (run with -W always)"


def test_before_1_15_the_decorator_named_its_arguments():
    # From 1.12 (prevent_initial_call) to 1.14, a misspelled keyword was a TypeError.
    (source,) = [
        text for name, text in files("dash", "1.14.0").items() if name.endswith("dash/dash.py")
    ]
    assert "def callback(self, output, inputs, state=(), prevent_initial_call=None):" in source


# ---- "initial_duplicate" and other values -----------------------------------------------


def test_initial_duplicate_runs_on_load(lesson):
    frame = example(lesson, INITIAL_DUPLICATE)
    expect(frame.locator("#last-order")).to_have_text("Last order: tea #None.")
    assert log_entries(lesson, INITIAL_DUPLICATE) == [("order_tea", "initial call", "updated")]
    frame.get_by_role("button", name="Order a coffee").click()
    expect(frame.locator("#last-order")).to_have_text("Last order: coffee #1.")
    expect_log_count(lesson, INITIAL_DUPLICATE, 2)
    assert dash_reports(lesson, INITIAL_DUPLICATE) == []


def test_only_true_holds_a_callback_back():
    result, _ = run_python(
        """
        import json
        from dash import Dash, Input, Output, html
        from dash.exceptions import DuplicateCallback

        app = Dash(__name__)
        app.layout = html.Div([html.Button(id="b")] + [html.P(id=f"p{i}") for i in range(5)])
        values = [True, "initial_duplicate", 1, "yes"]
        for i, value in enumerate(values):
            app.callback(
                Output(f"p{i}", "children", allow_duplicate=True),
                Input("b", "n_clicks"),
                prevent_initial_call=value,
            )(lambda n: n)
        try:
            app.callback(
                Output("p4", "children", allow_duplicate=True), Input("b", "n_clicks")
            )(lambda n: n)
            refused = None
        except DuplicateCallback as error:
            refused = str(error)

        client = app.server.test_client()
        client.get("/")
        deps = client.get("/_dash-dependencies").get_json()
        print(json.dumps({"sent": [d["prevent_initial_call"] for d in deps],
                          "refused": refused}))
        """
    )
    # What the browser is told for True, "initial_duplicate", 1 and "yes".
    assert result["sent"] == [True, False, False, False]
    assert result["refused"].startswith("allow_duplicate requires prevent_initial_call to be True.")
