"""What a component can send for a property, so no callback gets a value it was not written for.

The browser only sends what its components produce: a click count, the text
of a box, one of a dropdown's options, a number inside a slider's range. A
script can send anything: a string where an example multiplies numbers, a
number with thousands of digits, a megabyte of text. Each app gets an index of
its components, from its layout and, for components its callbacks create
later, from the literal arguments in its source; each value is held against
what that kind of component could send.
"""

import ast
import math
from dataclasses import dataclass, field

MAX_INT = 2**53  # the largest integer a browser sends exactly
MAX_TEXT = 10_000
MAX_ITEMS = 1_000
MAX_DEPTH = 32
OPTION_KINDS = {"Dropdown", "RadioItems", "Checklist", "Select"}
# What a browser's location parts begin with: a path "/", a query "?", a fragment "#".
LOCATION_STARTS = {"pathname": ("/",), "search": ("", "?"), "hash": ("", "#")}
# A property no person edits (a Div's children, a Store's data): the page sends
# back what the server last wrote there, of a type only the example's code knows.
ECHOED = "echoed"


@dataclass
class Component:
    kind: str  # class name: Input, Dropdown, Button, ...
    props: dict = field(default_factory=dict)  # literal arguments that bound what it sends


def _number(value):
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) <= MAX_INT
    return isinstance(value, float) and math.isfinite(value)


def _scalar(value):
    return value is None or isinstance(value, str | bool) or _number(value)


def plain_json(value):
    """Any value a component could hold: finite numbers, bounded text, depth and size."""
    stack, seen = [(value, 0)], 0
    while stack:
        item, depth = stack.pop()
        seen += 1
        if depth > MAX_DEPTH or seen > 20 * MAX_ITEMS:
            return False
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
            stack.extend((k, depth + 1) for k in item)
        elif isinstance(item, list):
            if len(item) > MAX_ITEMS:
                return False
            stack.extend((v, depth + 1) for v in item)
        elif isinstance(item, str):
            if len(item) > MAX_TEXT:
                return False
        elif not _scalar(item):
            return False
    return True


def _count(value):
    if value is None:
        return True
    return isinstance(value, int) and not isinstance(value, bool) and -1 <= value <= MAX_INT


def _option_values(options):
    if isinstance(options, dict):
        return list(options)
    values = []
    for option in options or []:
        values.append(option.get("value") if isinstance(option, dict) else option)
    return values


def _in_range(value, props):
    low, high = props.get("min"), props.get("max")
    return (not _number(low) or value >= low - 1e-9) and (not _number(high) or value <= high + 1e-9)


def _fits(component, prop, value):
    kind, props = component.kind, component.props
    if prop.startswith("n_") or prop.endswith("_timestamp"):
        return _count(value)
    if kind in OPTION_KINDS and prop == "value":
        allowed = _option_values(props["options"]) if "options" in props else None
        items = value if isinstance(value, list) else [value]
        if isinstance(value, list) and (kind in {"RadioItems", "Select"} or len(value) > MAX_ITEMS):
            return False
        return all(_scalar(v) and (allowed is None or v is None or v in allowed) for v in items)
    if kind in {"Slider", "RangeSlider"} and prop in {"value", "drag_value"}:
        items = value if isinstance(value, list) else [value]
        return all(v is None or (_number(v) and _in_range(v, props)) for v in items)
    if kind == "Input" and prop == "value":
        if value is None or value == props.get("value", ...):
            return True  # what it starts with goes back unchanged
        if props.get("type") in {"number", "range"}:
            return _number(value)
        return isinstance(value, str)  # a text box sends text, whatever it was given
    if kind in {"Switch", "Checkbox", "Collapse"} and prop in {"value", "is_open"}:
        return value is None or isinstance(value, bool)
    if kind == "Location":
        return value is None or (
            isinstance(value, str)
            and len(value) <= 4096
            and value[:1] in LOCATION_STARTS.get(prop, ("", value[:1]))
        )
    return ECHOED


class ComponentIndex:
    """Components by id: what each could send."""

    def __init__(self):
        self.by_id = {}  # "id" or a sorted tuple of a dict id's keys -> [Component]

    @staticmethod
    def _key(component_id):
        return tuple(sorted(component_id)) if isinstance(component_id, dict) else component_id

    def add(self, component_id, component):
        if isinstance(component_id, str | dict):
            self.by_id.setdefault(self._key(component_id), []).append((component_id, component))

    def candidates(self, sent_id):
        found = []
        for declared_id, component in self.by_id.get(self._key(sent_id), []):
            # A dict id's text values (its type) must agree; others (an index) vary.
            if isinstance(sent_id, dict) and any(
                isinstance(value, str) and sent_id.get(key) != value
                for key, value in declared_id.items()
            ):
                continue
            found.append(component)
        return found

    def judge(self, dep):
        """False if no component with this id could send this value for this property;
        ECHOED if the page would only send back what the server wrote; else True."""
        value = dep.get("value")
        if not plain_json(value):
            return False
        verdicts = [_fits(c, dep["property"], value) for c in self.candidates(dep["id"])]
        if True in verdicts:
            return True
        return ECHOED if not verdicts or ECHOED in verdicts else False


def _literal(node):
    try:
        return ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        return ...  # not a literal: anything


def _literal_id(node):
    if isinstance(node, ast.Dict):
        return {
            _literal(k): _literal(v)
            for k, v in zip(node.keys, node.values, strict=True)
            if isinstance(_literal(k), str)
        }
    value = _literal(node)
    return value if isinstance(value, str) else None


POSITIONAL = {  # Dash components' first positional arguments
    "Dropdown": ("options", "value"),
    "RadioItems": ("options", "value"),
    "Checklist": ("options", "value"),
    "Slider": ("min", "max", "step", "marks", "value"),
    "RangeSlider": ("min", "max", "step", "marks", "value"),
}


def from_source(source, index):
    """Components any code of the file creates with a literal id, e.g. inside a callback."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        keywords = {k.arg: k.value for k in node.keywords if k.arg}
        if "id" not in keywords:
            continue
        func = node.func
        kind = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        component_id = _literal_id(keywords["id"])
        if not kind or component_id is None:
            continue
        props = {name: _literal(value) for name, value in keywords.items() if name != "id"}
        for name, arg in zip(POSITIONAL.get(kind, ()), node.args, strict=False):
            props.setdefault(name, _literal(arg))
        index.add(component_id, Component(kind, {k: v for k, v in props.items() if v is not ...}))


def from_layout(layout, index):
    """Components of a layout as it stands (the app's first layout, a page's layout)."""
    if layout is None:
        return
    for component in [layout, *layout._traverse()] if hasattr(layout, "_traverse") else []:
        component_id = getattr(component, "id", None)
        if component_id is None:
            continue
        props = {
            name: getattr(component, name)
            for name in ("type", "options", "min", "max", "multi", "value")
            if getattr(component, name, None) is not None
        }
        index.add(component_id, Component(component._type, props))
