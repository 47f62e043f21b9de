"""callback-signatures: every claim of the lesson, shown in real Chromium on the pinned Dash."""

import pytest
from dash import Dash, Input, Output, html
from dash._grouping import SchemaLengthValidationError, SchemaTypeValidationError
from dash.exceptions import IncorrectTypeException, InvalidCallbackReturnValue
from lessonkit import (
    example,
    expect_log_count,
    frame_errors,
    log_entries,
    open_lesson,
    settle,
    site_errors,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SLUG = "callback-signatures"
SCHEMA_ERROR = (
    "SchemaTypeValidationError: Schema: [<Output `message.children`>]\n"
    "Path: ()\n"
    "Expected type: (<class 'tuple'>, <class 'list'>)\n"
    "Received value of type <class 'str'>:\n"
    "    'Hello! (clicked 1x)'"
)


@pytest.fixture
def lesson(page, site):
    return open_lesson(page, site, SLUG)


def test_one_output_in_brackets_and_a_bare_return_fails(lesson):
    key = f"{SLUG}/broken"
    frame = example(lesson, key)
    frame.get_by_role("button", name="Say hello").click()
    # The dots around the output are how Dash spells a multi-output callback.
    error = frame.locator(".dash-fe-error__title")
    expect(error).to_have_text("Callback error updating ..message.children..")
    error.click()
    # No line of broken.py: the check fails inside Dash, after say_hello has returned.
    expect(frame.locator(".dash-backend-error pre")).to_have_text(
        f"Traceback (most recent call last):\n{SCHEMA_ERROR}"
    )
    expect(frame.locator("#message")).to_have_text("Nobody has spoken yet.")
    expect_log_count(lesson, key, 1)
    assert log_entries(lesson, key) == [("say_hello", "hello.n_clicks", "error")]


def test_the_server_raises_schema_type_validation_error(site_app):
    app = site_app.EXAMPLES[f"{SLUG}/broken"].app
    response = app.server.test_client().post(
        "/_dash-update-component",
        json={
            "output": "..message.children..",
            "outputs": [{"id": "message", "property": "children"}],
            "inputs": [{"id": "hello", "property": "n_clicks", "value": 1}],
            "state": [],
            "changedPropIds": ["hello.n_clicks"],
        },
    )
    assert response.status_code == 500
    assert response.get_data(as_text=True).endswith(SCHEMA_ERROR)


def test_brackets_name_the_callback_as_a_multi_output(site_app):
    assert site_app.EXAMPLES[f"{SLUG}/broken"].callbacks[0].output == "..message.children.."
    assert site_app.EXAMPLES[f"{SLUG}/fixed"].callbacks[0].output == "message.children"


def one_output_in_brackets(value):
    app = Dash(__name__)
    app.layout = html.Div([html.Button(id="hello"), html.P(id="message")])
    app.server.config["PROPAGATE_EXCEPTIONS"] = True

    @app.callback([Output("message", "children")], Input("hello", "n_clicks"))
    def say_hello(n_clicks):
        return value

    return app.server.test_client().post(
        "/_dash-update-component",
        json={
            "output": "..message.children..",
            "outputs": [{"id": "message", "property": "children"}],
            "inputs": [{"id": "hello", "property": "n_clicks", "value": 1}],
            "state": [],
            "changedPropIds": ["hello.n_clicks"],
        },
    )


def test_the_return_value_must_be_a_list_or_tuple_of_the_same_length():
    with pytest.raises(SchemaTypeValidationError):
        one_output_in_brackets("Hello!")
    with pytest.raises(SchemaLengthValidationError, match="Expected length: 1"):
        one_output_in_brackets(["Hello!", "Goodbye!"])
    assert issubclass(SchemaTypeValidationError, InvalidCallbackReturnValue)
    for fine in (["Hello!"], ("Hello!",)):
        response = one_output_in_brackets(fine)
        assert response.status_code == 200
        assert response.get_json()["response"] == {"message": {"children": "Hello!"}}


def test_fix_without_brackets(lesson):
    key = f"{SLUG}/fixed"
    frame = example(lesson, key)
    frame.get_by_role("button", name="Say hello").click()
    expect(frame.locator("#message")).to_have_text("Hello! (clicked 1x)")
    frame.get_by_role("button", name="Say hello").click()
    expect(frame.locator("#message")).to_have_text("Hello! (clicked 2x)")
    expect_log_count(lesson, key, 2)
    assert log_entries(lesson, key) == [
        ("say_hello", "hello.n_clicks", "updated"),
        ("say_hello", "hello.n_clicks", "updated"),
    ]
    expect(frame.get_by_text("Callback error updating")).to_have_count(0)
    assert frame_errors(lesson, key) == []


def test_outputs_built_in_a_loop_return_a_list_of_one(lesson, site_app):
    key = f"{SLUG}/loop_outputs"
    assert site_app.EXAMPLES[key].callbacks[0].output == "..shop-lisbon.children.."
    frame = example(lesson, key)
    expect(frame.locator("#shop-lisbon")).to_have_text("Lisbon: closed")
    frame.get_by_role("button", name="Open the shops").click()
    expect(frame.locator("#shop-lisbon")).to_have_text("Lisbon: open")
    expect_log_count(lesson, key, 1)
    assert log_entries(lesson, key) == [("open_shops", "open.n_clicks", "updated")]
    assert frame_errors(lesson, key) == []


def test_outputs_must_come_first_or_the_decorator_raises():
    app = Dash(__name__)
    app.layout = html.Div([html.Button(id="hello"), html.P(id="message")])
    with pytest.raises(IncorrectTypeException) as raised:

        @app.callback(Input("hello", "n_clicks"), Output("message", "children"))
        def say_hello(n_clicks):
            return f"Hello! (clicked {n_clicks}x)"

    assert str(raised.value).strip() == (
        "In a callback definition, you must provide all Outputs first,\n"
        "then all Inputs, then all States. After this item:\n"
        "<Input `hello.n_clicks`>\n"
        "we found this item next:\n"
        "<Output `message.children`>"
    )
    assert app.callback_map == {}


def test_state_before_input_is_accepted_and_keeps_its_order(lesson, site_app):
    key = f"{SLUG}/state_first"
    info = site_app.EXAMPLES[key].callbacks[0]
    assert (info.inputs, info.state) == (("send.n_clicks",), ("name.value",))
    frame = example(lesson, key)
    frame.get_by_role("textbox").fill("Ada")
    settle(lesson)
    expect_log_count(lesson, key, 0)
    frame.get_by_role("button", name="Send").click()
    # name (the State) arrived first, n_clicks (the Input) second.
    expect(frame.locator("#receipt")).to_have_text("Sent to Ada (send clicked 1x)")
    expect_log_count(lesson, key, 1)
    assert log_entries(lesson, key) == [("send", "send.n_clicks", "updated")]
    assert frame_errors(lesson, key) == []


def test_dict_signature_passes_keyword_arguments_and_wants_a_dict(lesson):
    key = f"{SLUG}/dict_signature"
    frame = example(lesson, key)
    # def update_total(price, currency, quantity): matched by name, not position.
    expect(frame.locator("#total")).to_have_text("Total: 12 EUR")
    # ctx.args_grouping uses the same names; nothing triggered the initial call.
    expect(frame.locator("#detail")).to_have_text("3 × 4 EUR (changed: nothing yet)")
    frame.get_by_role("radio", name="USD").check()
    settle(lesson)
    expect_log_count(lesson, key, 1)
    expect(frame.locator("#total")).to_have_text("Total: 12 EUR")
    frame.get_by_role("spinbutton", name="Quantity").fill("5")
    expect(frame.locator("#total")).to_have_text("Total: 20 USD")
    expect(frame.locator("#detail")).to_have_text("5 × 4 USD (changed: quantity)")
    expect_log_count(lesson, key, 2)
    frame.get_by_role("spinbutton", name="Price").fill("6")
    expect(frame.locator("#total")).to_have_text("Total: 30 USD")
    expect(frame.locator("#detail")).to_have_text("5 × 6 USD (changed: price)")
    expect_log_count(lesson, key, 3)
    assert log_entries(lesson, key) == [
        ("update_total", "initial call", "updated"),
        ("update_total", "quantity.value", "updated"),
        ("update_total", "price.value", "updated"),
    ]
    assert frame_errors(lesson, key) == []


def test_broken_example_leaves_the_site_and_other_frames_alone(lesson):
    broken = example(lesson, f"{SLUG}/broken")
    broken.get_by_role("button", name="Say hello").click()
    expect(broken.get_by_text("Callback error updating ..message.children..")).to_be_visible()
    fixed = example(lesson, f"{SLUG}/fixed")
    fixed.get_by_role("button", name="Say hello").click()
    expect(fixed.locator("#message")).to_have_text("Hello! (clicked 1x)")
    expect(fixed.get_by_text("Callback error updating")).to_have_count(0)
    assert site_errors(lesson) == []
