"""Each mounted example serves exactly its own callbacks and layout, whatever the load order."""

import itertools
import json
import subprocess
import sys

import pytest
from conftest import ROOT
from fixture_apps import click_go, fixture, mount

from gotchas.content.lessons import load_lessons
from gotchas.examples.isolation import ExampleError

MIXED_STYLES = ["app_style", "global_style", "clientside_global"]


def dump(pairs):
    """What each example serves when loaded, in this order, into one fresh process."""
    args = [f"{key}={path}" for key, path in pairs]
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "dump_examples.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def lesson_examples():
    return [(e.key, e.path) for lesson in load_lessons() for e in lesson.examples]


def outputs(served):
    return sorted(dep["output"] for dep in served["dependencies"])


def test_lesson_examples_serve_the_same_in_any_order():
    # An example that leaked into the ones loaded after it would serve differently
    # when they come first: every pair of examples swaps places between these orders.
    pairs = lesson_examples()
    half = len(pairs) // 2
    forward = dump(pairs)
    assert dump(list(reversed(pairs))) == forward
    assert dump(pairs[half:] + pairs[:half]) == forward
    # The first of each order is alone in its process: a baseline with nothing before it.
    assert dump([pairs[half]]) == {pairs[half][0]: forward[pairs[half][0]]}


@pytest.mark.parametrize("order", list(itertools.permutations(MIXED_STYLES)))
def test_app_callback_global_callback_and_clientside_stay_apart(order):
    served = dump([fixture(name) for name in order])
    assert outputs(served["fixtures/app_style"]) == ["a-out.children"]
    assert outputs(served["fixtures/global_style"]) == ["b-out.children"]
    assert outputs(served["fixtures/clientside_global"]) == ["c-out.children"]


def test_the_site_serves_each_example_its_own_callbacks(site_app):
    client = site_app.server.test_client()
    site_outputs = {dep["output"] for dep in client.get("/_dash-dependencies").get_json()}
    for key, _ in lesson_examples():
        mounted = site_app.EXAMPLES[key]
        expected = [spec["output"] for spec in mounted.app._callback_list]
        # A private example is served from a visitor's own copy only.
        prefix = f"/examples/{key}/" + (
            "private/" + "t" * 24 + "/" if mounted.example.private else ""
        )
        served = client.get(f"{prefix}_dash-dependencies").get_json()
        assert [dep["output"] for dep in served] == expected
        layout = client.get(f"{prefix}_dash-layout").get_json()
        own_server = mounted.app.server.test_client()
        assert layout == own_server.get("/_dash-layout").get_json()
        assert layout["props"]["children"], key
        # Example callbacks never reach the site's own list.
        assert site_outputs.isdisjoint(expected)


@pytest.mark.parametrize(
    "name, message",
    [
        ("registers_page", "may not call dash.register_page"),
        ("two_apps", "exactly one Dash app"),
        ("own_hooks", "may not set renderer hooks"),
    ],
)
def test_examples_that_break_the_rules_fail_loudly(name, message):
    with pytest.raises(ExampleError, match=message):
        mount(name)
    import dash

    assert "sneaky" not in dash.page_registry


def test_global_callbacks_declared_at_run_time_are_dropped(caplog):
    from dash import _callback

    response = click_go(mount("leaks_global"))
    assert response.status_code == 200
    assert _callback.GLOBAL_CALLBACK_LIST == [] and _callback.GLOBAL_CALLBACK_MAP == {}
    assert "declared global Dash callbacks at run time" in caplog.text


def test_a_callback_sees_its_own_app_whatever_the_thread_served_before():
    # Dash's index and dependencies routes set the "current app" in the caller's context
    # and its callback route does not, so a thread (or greenlet) that served another
    # example first used to hand that app to get_app(): background callbacks then signed
    # job handles with the wrong secret and Cancel stopped nothing.
    other, asking = mount("app_style"), mount("names_its_app")
    assert other.app.server.test_client().get("/_dash-dependencies").status_code == 200
    answer = click_go(asking).get_json()
    assert answer["response"]["out"]["children"] == "its own app"
