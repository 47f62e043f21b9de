"""Which function each callback of an example declares, in registration order.

The server files callback functions by output, so two callbacks writing one
output leave it one function for both: the lesson of duplicate-outputs. To
name each callback by what its source says, every registration is recorded
while the example is imported and set up: Dash creates one map entry per
registration and later ones replace earlier ones in the map, but the entry
recorded here keeps its own function.
"""

from contextlib import contextmanager
from dataclasses import dataclass

from dash import _callback


@dataclass
class Registration:
    callback_id: str
    inputs: list
    entry: dict  # Dash's callback-map entry for this registration; "callback" is set later

    @property
    def function(self):
        func = self.entry.get("callback")
        return getattr(func, "__name__", None)


@contextmanager
def registrations():
    """Record every callback registered inside the block, whichever decorator was used."""
    recorded = []
    original = _callback.insert_callback

    def insert_callback(callback_list, callback_map, *args, **kwargs):
        callback_id = original(callback_list, callback_map, *args, **kwargs)
        spec = callback_list[-1]
        recorded.append(Registration(callback_id, spec["inputs"], callback_map[callback_id]))
        return callback_id

    _callback.insert_callback = insert_callback
    try:
        yield recorded
    finally:
        _callback.insert_callback = original


def declared_functions(callback_list, recorded):
    """For each served callback spec, the name of the function its registration declared."""
    remaining = list(recorded)
    names = []
    for spec in callback_list:
        wanted = (spec["output"], spec["inputs"])
        match = next((r for r in remaining if (r.callback_id, r.inputs) == wanted), None)
        if match:
            remaining.remove(match)
        names.append(match.function if match else None)
    return names
