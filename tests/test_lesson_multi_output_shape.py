"""multi-output-shape: every claim of the lesson, in real Chromium and on the pinned Dash."""

import json
import logging
import re
import subprocess
import sys
import textwrap
import zipfile

import pytest
from dash import Dash, Input, Output, html, no_update
from dash._grouping import (
    SchemaKeysValidationError,
    SchemaLengthValidationError,
    SchemaTypeValidationError,
)
from lessonkit import (
    dash_reports,
    example,
    expect_log_count,
    frame_errors,
    log_entries,
    log_panel,
    open_lesson,
)
from playwright.sync_api import expect
from releases import _archive, files

pytestmark = pytest.mark.browser
SLUG = "multi-output-shape"
BROKEN, QUIET, FIXED = f"{SLUG}/broken", f"{SLUG}/broken_quiet", f"{SLUG}/fixed"
LIST_VALUE, DICT_OUTPUT = f"{SLUG}/list_value", f"{SLUG}/dict_output"
CALLBACK_ID = "..message.children...message.style...name.value.."
TITLE = f"Callback error updating {CALLBACK_ID}"
SHORT_BRANCH = (
    "SchemaLengthValidationError: Schema: [<Output `message.children`>, "
    "<Output `message.style`>, <Output `name.value`>]\n"
    "Path: ()\n"
    "Expected length: 3\n"
    "Received value of length 2:\n"
    "    ['Type your name first.', {'color': 'crimson'}]"
)
TWO_FRUITS = (
    "SchemaLengthValidationError: Schema: [<Output `basket.children`>]\n"
    "Path: ()\n"
    "Expected length: 1\n"
    "Received value of length 2:\n"
    "    [Li('Apple'), Li('Pear')]"
)


@pytest.fixture
def lesson(page, site):
    return open_lesson(page, site, SLUG)


def updates(page, key):
    """The example's callback responses, in order, as (status, parsed body or None)."""
    seen = []

    def record(response):
        if f"/examples/{key}/_dash-update-component" in response.url:
            body = response.text()
            seen.append((response.status, json.loads(body) if response.ok else body))

    page.on("response", record)
    return seen


def sign(frame, name=None):
    if name is not None:
        frame.get_by_role("textbox").fill(name)
    frame.get_by_role("button", name="Sign").click()


# ---- broken, dev tools on and off -----------------------------------------------------


def test_the_branch_one_value_short_fails_and_nothing_of_it_is_applied(lesson, site_app):
    assert site_app.EXAMPLES[BROKEN].callbacks[0].output == CALLBACK_ID
    answers = updates(lesson, BROKEN)
    frame = example(lesson, BROKEN)
    sign(frame)
    error = frame.locator(".dash-fe-error__title")
    expect(error).to_have_text(TITLE)
    error.click()
    # No line of broken.py: Dash raised after sign() had returned.
    expect(frame.locator(".dash-backend-error pre")).to_have_text(
        f"Traceback (most recent call last):\n{SHORT_BRANCH}"
    )
    # All or nothing: neither the message nor its colour changed.
    expect(frame.locator("#message")).to_have_text("Nobody has signed yet.")
    expect(frame.locator("#message")).not_to_have_attribute("style", re.compile("."))
    expect_log_count(lesson, BROKEN, 1)
    assert [status for status, _ in answers] == [500]
    assert log_entries(lesson, BROKEN) == [("sign", "sign.n_clicks", "error")]
    error.click()

    # The happy path works: that branch returns three values.
    sign(frame, "Ada")
    expect(frame.locator("#message")).to_have_text("Thank you for signing, Ada!")
    expect(frame.get_by_role("textbox")).to_have_value("")
    expect_log_count(lesson, BROKEN, 2)
    assert log_entries(lesson, BROKEN)[1] == ("sign", "sign.n_clicks", "updated")


def test_with_dev_tools_off_only_the_console_hears_of_it(lesson):
    answers = updates(lesson, QUIET)
    frame = example(lesson, QUIET)
    sign(frame)
    expect_log_count(lesson, QUIET, 1)
    assert log_entries(lesson, QUIET) == [("sign", "sign.n_clicks", "error")]
    ((status, body),) = answers
    assert status == 500
    # Flask's generic page; the traceback stays in the server's log.
    assert "<title>500 Internal Server Error</title>" in body
    assert "Schema" not in body
    expect(frame.locator("#message")).to_have_text("Nobody has signed yet.")
    expect(frame.locator(".dash-fe-error__title")).to_have_count(0)
    assert frame_errors(lesson, QUIET) == [TITLE]
    (report,) = dash_reports(lesson, QUIET)
    assert report.startswith(f"{TITLE}: Internal Server Error")
    detail = log_panel(lesson, QUIET).locator(".fire-detail").inner_text()
    assert detail.startswith("HTTP 500:") and "500 Internal Server Error" in detail


def test_with_dev_tools_off_the_traceback_goes_to_the_server_log(site_app, caplog):
    app = site_app.EXAMPLES[QUIET].app
    with caplog.at_level(logging.ERROR):
        response = app.server.test_client().post(
            "/_dash-update-component",
            json={
                "output": CALLBACK_ID,
                "outputs": [
                    {"id": "message", "property": "children"},
                    {"id": "message", "property": "style"},
                    {"id": "name", "property": "value"},
                ],
                "inputs": [{"id": "sign", "property": "n_clicks", "value": 1}],
                "state": [{"id": "name", "property": "value", "value": None}],
                "changedPropIds": ["sign.n_clicks"],
            },
        )
    assert response.status_code == 500
    assert "Schema" not in response.get_data(as_text=True)
    logged = [r for r in caplog.records if r.exc_info and r.exc_info[0]]
    assert [r.exc_info[0] for r in logged] == [SchemaLengthValidationError]
    assert str(logged[0].exc_info[1]).strip() == SHORT_BRANCH.split(": ", 1)[1]


# ---- fixed: one value per Output, no_update in one position ---------------------------


def test_fix_returns_three_values_and_no_update_leaves_the_box(lesson):
    answers = updates(lesson, FIXED)
    frame = example(lesson, FIXED)
    sign(frame)
    expect(frame.locator("#message")).to_have_text("Type your name first.")
    expect(frame.locator("#message")).to_have_css("color", "rgb(220, 20, 60)")
    expect_log_count(lesson, FIXED, 1)
    assert log_entries(lesson, FIXED) == [("sign", "sign.n_clicks", "partly updated")]
    # Two properties in the answer, not three: name.value is left alone.
    ((status, body),) = answers
    assert status == 200
    assert body["response"] == {
        "message": {"children": "Type your name first.", "style": {"color": "crimson"}}
    }
    sign(frame, "Ada")
    expect(frame.locator("#message")).to_have_text("Thank you for signing, Ada!")
    expect(frame.locator("#message")).to_have_css("color", "rgb(0, 128, 0)")
    expect(frame.get_by_role("textbox")).to_have_value("")
    expect_log_count(lesson, FIXED, 2)
    assert log_entries(lesson, FIXED)[1] == ("sign", "sign.n_clicks", "updated")
    assert len(answers) == 2
    expect(frame.locator(".dash-fe-error__title")).to_have_count(0)
    assert frame_errors(lesson, FIXED) == []


# ---- a list value, and output=dict ------------------------------------------------------


def test_one_output_in_brackets_takes_a_one_item_list_and_refuses_two_or_none(lesson):
    frame = example(lesson, LIST_VALUE)
    basket = frame.locator("#basket li")
    expect(basket).to_have_text(["Apple"])
    frame.get_by_label("Pear").check()
    error = frame.locator(".dash-fe-error__title")
    expect(error).to_have_text("Callback error updating ..basket.children..")
    error.click()
    expect(frame.locator(".dash-backend-error pre")).to_have_text(
        f"Traceback (most recent call last):\n{TWO_FRUITS}"
    )
    error.click()
    expect(basket).to_have_text(["Apple"])
    frame.get_by_label("Pear").uncheck()
    expect_log_count(lesson, LIST_VALUE, 3)
    frame.get_by_label("Apple").uncheck()
    expect_log_count(lesson, LIST_VALUE, 4)
    assert log_entries(lesson, LIST_VALUE) == [
        ("fill_basket", "initial call", "updated"),
        ("fill_basket", "fruits.value", "error"),
        ("fill_basket", "fruits.value", "updated"),
        ("fill_basket", "fruits.value", "error"),
    ]
    detail = log_panel(lesson, LIST_VALUE).locator(".fire-detail").last.inner_text()
    assert "Expected length: 1" in detail and "Received value of length 0" in detail
    expect(basket).to_have_text(["Apple"])


def test_dict_outputs_are_matched_by_name_and_take_no_update_by_name(lesson):
    answers = updates(lesson, DICT_OUTPUT)
    frame = example(lesson, DICT_OUTPUT)
    sign(frame)
    expect(frame.locator("#message")).to_have_text("Type your name first.")
    expect(frame.locator("#message")).to_have_css("color", "rgb(220, 20, 60)")
    sign(frame, "Ada")
    expect(frame.locator("#message")).to_have_text("Thank you for signing, Ada!")
    expect(frame.get_by_role("textbox")).to_have_value("")
    expect_log_count(lesson, DICT_OUTPUT, 2)
    assert log_entries(lesson, DICT_OUTPUT) == [
        ("sign", "sign.n_clicks", "partly updated"),
        ("sign", "sign.n_clicks", "updated"),
    ]
    assert set(answers[0][1]["response"]) == {"message"}
    assert answers[1][1]["response"]["name"] == {"value": ""}


# ---- what Dash accepts, checked on the server ------------------------------------------


def call(outputs, value, output_id):
    """Register one callback with `outputs`, make it return `value`, post one request."""
    app = Dash(__name__)
    app.layout = html.Div([html.Button(id="go"), html.P(id="a"), html.P(id="b")])
    app.server.config["PROPAGATE_EXCEPTIONS"] = True

    @app.callback(outputs, Input("go", "n_clicks"))
    def answer(n_clicks):
        return value() if callable(value) else value

    def spec(output):
        return {"id": output.component_id, "property": output.component_property}

    if isinstance(outputs, dict):
        specs = [spec(o) for o in outputs.values()]
    elif isinstance(outputs, list):
        specs = [spec(o) for o in outputs]
    else:
        specs = spec(outputs)
    response = app.server.test_client().post(
        "/_dash-update-component",
        json={
            "output": output_id,
            "outputs": specs,
            "inputs": [{"id": "go", "property": "n_clicks", "value": 1}],
            "state": [],
            "changedPropIds": ["go.n_clicks"],
        },
    )
    return response.get_json()["response"]


TWO = [Output("a", "children"), Output("b", "children")]
TWO_ID = "..a.children...b.children.."


def two(value):
    return call(TWO, value, TWO_ID)


def test_a_tuple_and_a_list_are_the_same_answer():
    expected = {"a": {"children": "A"}, "b": {"children": "B"}}
    assert two(("A", "B")) == two(["A", "B"]) == expected


def test_one_too_few_or_one_too_many_is_a_length_error_printed_as_a_list():
    with pytest.raises(SchemaLengthValidationError) as few:
        two(("A",))
    assert "Expected length: 2\nReceived value of length 1:\n    ['A']" in str(few.value)
    with pytest.raises(SchemaLengthValidationError, match="Received value of length 3"):
        two(["A", "B", "C"])


@pytest.mark.parametrize("value", [None, lambda: (x for x in "AB")], ids=["None", "generator"])
def test_none_or_a_generator_is_a_type_error(value):
    with pytest.raises(SchemaTypeValidationError) as raised:
        two(value)
    assert "Expected type: (<class 'tuple'>, <class 'list'>)" in str(raised.value)


def test_none_is_an_ordinary_value_for_one_bare_output():
    assert call(Output("a", "children"), None, "a.children") == {"a": {"children": None}}


def test_no_update_in_one_position_or_for_all():
    assert two([no_update, "B"]) == {"b": {"children": "B"}}
    assert two(no_update) == {}


def test_a_bare_output_takes_a_list_as_it_is():
    response = call(Output("a", "children"), ["x", "y"], "a.children")
    assert response == {"a": {"children": ["x", "y"]}}


def test_in_brackets_a_one_item_list_is_unwrapped_and_a_wrapped_list_is_kept():
    one = [Output("a", "children")]
    unwrapped = call(one, [html.Li("Apple")], "..a.children..")["a"]["children"]
    assert unwrapped["type"] == "Li" and unwrapped["props"]["children"] == "Apple"
    kept = call(one, [[html.Li("Apple"), html.Li("Pear")]], "..a.children..")["a"]["children"]
    assert [item["props"]["children"] for item in kept] == ["Apple", "Pear"]


NAMED = dict(
    text=Output("message", "children"),
    style=Output("message", "style"),
    box=Output("name", "value"),
)


def named(value):
    app = Dash(__name__)
    app.layout = html.Div([html.Button(id="go"), html.P(id="message"), html.P(id="name")])
    app.server.config["PROPAGATE_EXCEPTIONS"] = True

    @app.callback(output=NAMED, inputs=dict(n=Input("go", "n_clicks")))
    def answer(n):
        return value

    return app.server.test_client().post(
        "/_dash-update-component",
        json={
            "output": CALLBACK_ID,
            "outputs": [
                {"id": "message", "property": "children"},
                {"id": "message", "property": "style"},
                {"id": "name", "property": "value"},
            ],
            "inputs": [{"id": "go", "property": "n_clicks", "value": 1}],
            "state": [],
            "changedPropIds": ["go.n_clicks"],
        },
    )


KEYS_ERROR = re.compile(
    r"Schema: \{'text': <Output `message\.children`>, 'style': <Output `message\.style`>, "
    r"'box': <Output `name\.value`>\}\n"
    r"Path: \(\)\n"
    r"Expected keys: \{(?P<expected>[^}]*)\}\n"
    r"Received value with keys \{(?P<received>[^}]*)\}:\n"
    r"    \{'style': \{'color': 'crimson'\}, 'text': 'Type your name first\.'\}\s*$"
)


def keys(text):
    return sorted(text.replace("'", "").split(", "))


def test_a_missing_name_raises_schema_keys_validation_error():
    with pytest.raises(SchemaKeysValidationError) as raised:
        named(dict(style={"color": "crimson"}, text="Type your name first."))
    match = KEYS_ERROR.match(str(raised.value))
    assert match, str(raised.value)
    assert keys(match["expected"]) == ["box", "style", "text"]
    assert keys(match["received"]) == ["style", "text"]
    with pytest.raises(SchemaKeysValidationError):
        named(dict(text="A", style={}, box="", extra=1))
    response = named(dict(box=no_update, text="A", style={}))
    assert response.get_json()["response"] == {"message": {"children": "A", "style": {}}}


def test_the_order_of_the_keys_in_the_message_changes_between_runs():
    code = textwrap.dedent(
        """
        from dash._grouping import SchemaKeysValidationError, validate_grouping
        try:
            validate_grouping({"style": 1, "text": 2}, {"text": 0, "style": 0, "box": 0})
        except SchemaKeysValidationError as error:
            print([line for line in str(error).splitlines() if line.startswith("Expected")][0])
        """
    )
    seen = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={"PYTHONHASHSEED": str(seed), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in range(8)
    }
    assert len(seen) > 1, seen


def test_a_tuple_where_a_dict_is_expected_is_reported_as_a_list():
    with pytest.raises(SchemaTypeValidationError) as raised:
        named(("A", {}, ""))
    assert "Expected type: <class 'dict'>\nReceived value of type <class 'list'>" in str(
        raised.value
    )


# ---- what older releases did -------------------------------------------------------------


@pytest.mark.parametrize(
    "version, path", [("0.39.0", "dash/dash.py"), ("1.21.0", "dash/_validate.py")]
)
def test_before_2_0_dash_counted_the_values_itself(version, path):
    source = files("dash", version)[f"dash-{version}/{path}"]
    assert "Invalid number of output values for {}." in source
    assert re.search(r"Expected \{\},? got \{\}", source)


def run_on_release(version, code, tmp_path):
    """Run code with an older Dash release (its wheel from PyPI) in front of the pinned one."""
    folder = tmp_path / f"dash-{version}"
    with zipfile.ZipFile(_archive("dash", version)) as wheel:
        wheel.extractall(folder)
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    return result.stdout + result.stderr


ONE_NO_UPDATE = """
    import dash
    from dash import Dash, Input, Output, html, no_update
    app = Dash(__name__)
    app.layout = html.Div([html.Button(id="go"), html.P(id="a"), html.P(id="b")])
    @app.callback(Output("a", "children"), Output("b", "children"), Input("go", "n_clicks"))
    def answer(n):
        return no_update
    r = app.server.test_client().post("/_dash-update-component", json={
        "output": "..a.children...b.children..",
        "outputs": [{"id": "a", "property": "children"}, {"id": "b", "property": "children"}],
        "inputs": [{"id": "go", "property": "n_clicks", "value": 1}],
        "state": [], "changedPropIds": ["go.n_clicks"]})
    print("VERSION", dash.__version__, "STATUS", r.status_code)
"""


@pytest.mark.parametrize("version, status", [("2.17.1", 204), ("2.18.0", 500), ("2.18.1", 204)])
def test_one_no_update_for_all_outputs_failed_in_2_18_0_only(version, status, tmp_path):
    out = run_on_release(version, ONE_NO_UPDATE, tmp_path)
    assert f"VERSION {version} STATUS {status}" in out, out
    if status == 500:
        assert "SchemaTypeValidationError" in out
