"""The small apps in tests/fixtures/examples: each has a button "go" and a paragraph "out"."""

from conftest import ROOT

from gotchas.content.lessons import Example
from gotchas.examples.mounting import load_example

FIXTURES = ROOT / "tests" / "fixtures" / "examples"


def fixture(name):
    return (f"fixtures/{name}", FIXTURES / f"{name}.py")


def mount(name):
    return load_example(Example("fixtures", name, name, FIXTURES / f"{name}.py"))


def click_go(item):
    """The request Dash's renderer sends for the first click on "go"."""
    return item.app.server.test_client().post(
        "/_dash-update-component",
        json={
            "output": "out.children",
            "outputs": {"id": "out", "property": "children"},
            "inputs": [{"id": "go", "property": "n_clicks", "value": 1}],
            "changedPropIds": ["go.n_clicks"],
        },
    )
