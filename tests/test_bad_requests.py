"""Every bad request to every mounted app gets a short 4xx: no traceback, no path, no echo.

Runs against the real site under gunicorn (2 workers, as the Procfile serves it).
The apps are discovered from the mounts, so a new lesson's examples are covered
without listing them. The lessons' intended errors are the only 500s, listed below.
"""

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from conftest import ROOT
from requestkit import ECHO, dependencies, encode, fuzzed, malformed, prefixes, well_formed

# (app, callback output) pairs whose error is what their lesson teaches.
INTENDED_ERRORS = {
    ("callback-signatures/broken", "..message.children.."),
    ("prevent-update/raises", "saved.children"),
    ("prevent-update/raises_quiet", "saved.children"),
    ("multi-output-shape/broken", "..message.children...message.style...name.value.."),
    ("multi-output-shape/broken_quiet", "..message.children...message.style...name.value.."),
}
MAX_MESSAGE = 120


@pytest.fixture(scope="module")
def apps(site, site_app):
    """(name, prefix, callbacks) of the site and every example."""
    return [(name, prefix, dependencies(site, prefix)) for name, prefix in prefixes(site_app)]


def post(site, prefix, data):
    return requests.post(
        f"{site}{prefix}_dash-update-component",
        data=data,
        headers={"Content-Type": "application/json"},
        timeout=60,
    )


def send_all(site, calls):
    """calls: (label, prefix, body text) -> [(label, response)], eight at a time."""
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = pool.map(lambda call: post(site, call[1], call[2]), calls)
        return list(zip([call[0] for call in calls], answers, strict=True))


def assert_clear_refusal(label, response, statuses=(400,)):
    assert response.status_code in statuses, (label, response.status_code, response.text[:200])
    assert response.headers["Content-Type"].startswith("text/plain"), label
    text = response.text
    assert len(text) <= MAX_MESSAGE, (label, text)
    assert "Traceback" not in text and str(ROOT) not in text and ECHO not in text, (label, text)


def test_the_suite_covers_every_mounted_app(apps, site_app):
    assert len(apps) == len(site_app.EXAMPLES) + 1
    assert sum(len(callbacks) for _, _, callbacks in apps) > 100


def test_malformed_callback_requests_are_400(site, apps):
    calls = [
        (f"{name} {spec['output'][:60]}: {case}", prefix, encode(body))
        for name, prefix, callbacks in apps
        for spec in callbacks
        if not spec["clientside_function"]
        for case, body in malformed(spec)
    ]
    for name, prefix, _ in apps:
        calls += [
            (f"{name}: not JSON", prefix, "not json " + ECHO),
            (f"{name}: JSON 1,000 deep", prefix, "[" * 1000 + "]" * 1000),
            (f"{name}: a list", prefix, "[1, 2]"),
            (f"{name}: unknown output", prefix, encode(unknown_output())),
        ]
    for label, response in send_all(site, calls):
        assert_clear_refusal(label, response)


def unknown_output():
    return {
        "output": f"{ECHO}.children",
        "outputs": {"id": ECHO, "property": "children"},
        "inputs": [],
        "changedPropIds": [],
    }


def test_an_output_only_the_browser_writes_is_400(site, apps):
    clientside = [
        (f"{name} {spec['output']}", prefix, encode(well_formed(spec)))
        for name, prefix, callbacks in apps
        for spec in callbacks
        if spec["clientside_function"]
    ]
    assert any(label.startswith("site navbar-lessons.is_open") for label, _, _ in clientside)
    for label, response in send_all(site, clientside):
        assert_clear_refusal(label, response)
        assert response.text == "This callback runs in the browser.\n"


def test_values_no_component_could_send_never_reach_a_callback(site, apps):
    calls = [
        ((name, spec["output"], case), prefix, encode(body))
        for name, prefix, callbacks in apps
        for spec in callbacks
        if not spec["clientside_function"]
        for case, body in fuzzed(spec)
    ]
    answers = send_all(site, calls)
    for (name, output, case), response in answers:
        assert response.status_code != 500 or (name, output) in INTENDED_ERRORS, (
            name,
            output,
            case,
            response.text[:300],
        )
        if response.status_code >= 400:
            assert_clear_refusal((name, case), response, statuses=(400, 413, 500))
    refused = sum(400 <= response.status_code < 500 for _, response in answers)
    assert refused > 0.9 * len(answers)


def test_the_intended_errors_are_still_errors(site, apps):
    """The list above is not stale: each pair answers 500 to what its page sends."""
    found = set()
    for name, prefix, callbacks in apps:
        for spec in callbacks:
            if (name, spec["output"]) in INTENDED_ERRORS:
                if post(site, prefix, encode(well_formed(spec))).status_code == 500:
                    found.add((name, spec["output"]))
    assert found == INTENDED_ERRORS


def test_one_small_request_cannot_make_a_huge_answer(site):
    # Once 200 MB of "a": a number box's value as text, times a count.
    prefix = "/examples/callback-signatures/dict_signature/"
    spec = dependencies(site, prefix)[0]
    body = well_formed(spec)
    values = {"quantity": 200_000_000, "price": "a", "currency": "EUR"}
    for dep in body["inputs"] + body["state"]:
        dep["value"] = values[dep["id"]]
    response = post(site, prefix, json.dumps(body))
    assert_clear_refusal("quantity × text", response)


def test_a_body_past_the_limit_is_413(site, apps):
    big = json.dumps({"output": "x", "pad": "x" * 300_000})
    for name, prefix, _ in apps[:: max(1, len(apps) // 10)]:
        assert_clear_refusal(name, post(site, prefix, big), statuses=(413,))


def test_a_body_under_the_limit_still_parses(site):
    """The limit is far above what a lesson sends: 200 kB of padding is read and refused."""
    spec = dependencies(site, "/examples/callback-signatures/fixed/")[0]
    body = dict(well_formed(spec), padding="x" * 200_000)
    response = post(site, "/examples/callback-signatures/fixed/", json.dumps(body))
    assert response.status_code in (200, 204)
