"""Is a callback request one that the page could have sent for this callback?

Dash trusts its renderer: it reads `outputs`, `inputs` and `state` by position
and hands the values to the callback. A hand-made body that names another
output, leaves an input out or adds one, or sends an id the callback does not
declare ends in a 500 deep inside Dash, or worse, reaches the callback. Here
each request is held against the callback's own declaration: its outputs,
inputs and state, their ids (pattern-matching ids by their wildcards) and
properties, and their number. The answer is a short reason, never an echo.
"""

import json
import math

from dash._utils import split_callback_id

MAX_MATCHED = 500  # components one ALL / ALLSMALLER dependency may list
WILDCARDS = {"MATCH", "ALL", "ALLSMALLER"}


class Refused(Exception):
    """The request does not fit the callback; the message is safe to send back."""


def _declared_id(raw):
    if isinstance(raw, str) and raw.startswith("{"):
        return json.loads(raw)
    return raw


def _id_text(dep_id):
    if isinstance(dep_id, dict):
        return json.dumps(dep_id, sort_keys=True, separators=(",", ":"))
    return dep_id


def _many(declared_id):
    """An ALL or ALLSMALLER id: the page sends a list of matching components."""
    return isinstance(declared_id, dict) and any(
        value in (["ALL"], ["ALLSMALLER"]) for value in declared_id.values()
    )


def _key_value(value):
    return isinstance(value, str | bool) or (
        isinstance(value, int | float) and math.isfinite(value) and abs(value) < 2**53
    )


def _id_fits(declared, sent):
    if not isinstance(declared, dict):
        return sent == declared
    if not isinstance(sent, dict) or set(sent) != set(declared):
        return False
    for key, wanted in declared.items():
        if not _key_value(sent[key]):
            return False
        if not (isinstance(wanted, list) and wanted[0] in WILDCARDS) and sent[key] != wanted:
            return False
    return True


def _one(dep, declared, what, with_value):
    if not isinstance(dep, dict) or dep.get("property") != declared["property"]:
        raise Refused(f"'{what}' does not match the callback.")
    if not _id_fits(declared["id"], dep.get("id")):
        raise Refused(f"'{what}' does not match the callback.")
    if with_value is False and "value" in dep:
        raise Refused(f"'{what}' does not match the callback.")
    return dep


def _deps(sent, declared, what, with_value=True):
    """Each sent dependency against its declaration, in order; the flat list back."""
    if not isinstance(sent, list) or len(sent) != len(declared):
        raise Refused(f"'{what}' does not match the callback.")
    flat = []
    for dep, spec in zip(sent, declared, strict=True):
        spec = {"id": _declared_id(spec["id"]), "property": spec["property"]}
        if _many(spec["id"]):
            if not isinstance(dep, list) or len(dep) > MAX_MATCHED:
                raise Refused(f"'{what}' does not match the callback.")
            flat.extend(_one(item, spec, what, with_value) for item in dep)
        else:
            flat.append(_one(dep, spec, what, with_value))
    return flat


def _outputs(body, spec):
    if spec.get("no_output"):
        if body.get("outputs") not in (None, []):
            raise Refused("This callback has no outputs.")
        return
    declared = split_callback_id(spec["output"])
    single = isinstance(declared, dict)
    # allow_duplicate's "@<hash>" stays on the property: the renderer sends it too.
    declared = [declared] if single else declared
    sent = body.get("outputs")
    _deps([sent] if single else sent, declared, "outputs", with_value=False)


def _fits(body, spec):
    _outputs(body, spec)
    inputs = _deps(body.get("inputs"), spec["inputs"], "inputs")
    state = _deps(body.get("state", []), spec["state"], "state")
    changed = body.get("changedPropIds", [])
    names = {f"{_id_text(dep['id'])}.{dep['property']}" for dep in inputs}
    if not isinstance(changed, list) or not all(isinstance(c, str) and c in names for c in changed):
        raise Refused("'changedPropIds' must name inputs of the callback.")
    return inputs + state


def check(body, dash_app):
    """The dependencies (with their values) the request sends, or Refused with a reason."""
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        raise Refused("A callback request is a JSON object naming its 'output'.")
    entry = dash_app.callback_map.get(body["output"])
    if entry is None:
        raise Refused("Unknown callback.")
    if "callback" not in entry:
        raise Refused("This callback runs in the browser.")
    # Two callbacks may share one key (the duplicate-outputs lesson): either may ask.
    specs = [spec for spec in dash_app._callback_list if spec["output"] == body["output"]]
    refused = None
    for spec in specs:
        try:
            return _fits(body, spec)
        except Refused as reason:
            refused = reason
    raise refused or Refused("Unknown callback.")
