"""Callback requests made by hand: well formed, malformed, and with values no page sends.

Every mounted app is discovered from the site: its prefix (a private example's
under a fresh token) and, from its own `_dash-dependencies`, its callbacks.
"""

import copy
import json
import secrets

import requests

# What a script may send in place of a component's value.
FUZZ = {
    "text": "a",
    "object": {"a": 1},
    "list": [1, "a"],
    "huge int": 10**300,
    "NaN": float("nan"),
    "Infinity": float("inf"),
    "1 MB text": "x" * 200_000,  # five of them make about 1 MB
}
ECHO = "ECHO-7f3a"  # planted in requests; must never come back


def prefixes(site_app):
    """(name, URL prefix) of the site and every example, present and future."""
    found = [("site", "/")]
    for key, item in site_app.EXAMPLES.items():
        suffix = f"private/{secrets.token_urlsafe(18)}/" if item.example.private else ""
        found.append((key, item.example.url + suffix))
    return found


def dependencies(base, prefix):
    response = requests.get(f"{base}{prefix}_dash-dependencies", timeout=30)
    response.raise_for_status()
    return response.json()


def _concrete(dep_id):
    """A pattern-matching id with its wildcards filled in, as a page would send it."""
    if isinstance(dep_id, str) and dep_id.startswith("{"):
        dep_id = json.loads(dep_id)
    if isinstance(dep_id, dict):
        return {k: 1 if isinstance(v, list) else v for k, v in dep_id.items()}
    return dep_id


def _many(dep_id):
    return isinstance(dep_id, str) and ('["ALL"]' in dep_id or '["ALLSMALLER"]' in dep_id)


def _dep(spec, value=None, with_value=True):
    if _many(spec["id"]):
        one = {"id": _concrete(spec["id"]), "property": spec["property"]}
        return [dict(one, value=value)] if with_value else [one]
    dep = {"id": _concrete(spec["id"]), "property": spec["property"]}
    return dict(dep, value=value) if with_value else dep


def _outputs(spec):
    if spec.get("no_output"):
        return []
    output = spec["output"]  # allow_duplicate's "@<hash>" included, as the renderer sends it
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    deps = []
    for part in parts:
        dep_id, prop = part.rsplit(".", 1)
        deps.append(_dep({"id": dep_id, "property": prop}, with_value=False))
    return deps if output.startswith("..") else deps[0]


def well_formed(spec, value=None):
    """The request a page would send for this callback, every value `value`."""
    return {
        "output": spec["output"],
        "outputs": _outputs(spec),
        "inputs": [_dep(dep, value) for dep in spec["inputs"]],
        "state": [_dep(dep, value) for dep in spec["state"]],
        "changedPropIds": [],
    }


def _first(deps):
    first = deps[0]
    return first[0] if isinstance(first, list) else first


def malformed(spec):
    """(case, body) pairs: each one thing wrong with a well-formed request."""
    good = well_formed(spec)
    cases = []

    def case(name, change):
        body = copy.deepcopy(good)
        change(body)
        cases.append((name, body))

    case("no inputs", lambda b: b.pop("inputs"))
    case("changedPropIds holding objects", lambda b: b.update(changedPropIds=[{"a": ECHO}]))
    case("outputs of another id", lambda b: b.update(outputs={"id": ECHO, "property": "children"}))
    if not spec.get("no_output"):
        case("outputs empty", lambda b: b.update(outputs=[]))
    case("outputs one too many", lambda b: b.update(outputs=[b["outputs"], b["outputs"]]))
    case("an input too many", lambda b: b["inputs"].append({"id": ECHO, "property": "value"}))
    case("state too many", lambda b: b["state"].append({"id": ECHO, "property": "value"}))
    if good["inputs"]:
        case("an input too few", lambda b: b["inputs"].pop())
        case("an undeclared input id", lambda b: _first(b["inputs"]).update(id=ECHO))
        case("an undeclared input property", lambda b: _first(b["inputs"]).update(property=ECHO))
    if good["state"]:
        case("state too few", lambda b: b["state"].pop())
    case("inputs not a list", lambda b: b.update(inputs={"id": ECHO}))
    return cases


def fuzzed(spec):
    """(case, body) pairs: every input and state holding one value no component sends."""
    return [(f"every value {name}", well_formed(spec, value)) for name, value in FUZZ.items()]


def encode(body):
    return json.dumps(body, allow_nan=True)
