"""The firing log under each framed example.

Entries come from the example's renderer hooks (assets/example/probe.js) by
postMessage to this page (assets/30-firing-log.js), which keeps them in a
memory store: they belong to this browser tab and never reach the server.
"""

from dash import (
    MATCH,
    ClientsideFunction,
    Input,
    Output,
    State,
    clientside_callback,
    dcc,
    html,
)


def log_id(kind, example):
    return {"type": f"fire-{kind}", "example": example.key}


def firing_log(mounted):
    example = mounted.example
    names = {info.output: info.name for info in mounted.callbacks}
    return html.Section(
        [
            html.H3("Firing log", className="h6 mb-2"),
            dcc.Store(id=log_id("store", example), data=[], storage_type="memory"),
            dcc.Store(id=log_id("names", example), data=names),
            html.Div(
                id=log_id("log", example),
                className="fire-log",
                role="log",
                **{
                    "aria-live": "polite",
                    "aria-label": f"Callbacks run by {example.name}.py",
                    "data-example": example.key,
                },
            ),
        ],
        className="fire-log-panel",
    )


clientside_callback(
    ClientsideFunction("gotchas", "renderLog"),
    Output({"type": "fire-log", "example": MATCH}, "children"),
    Input({"type": "fire-store", "example": MATCH}, "data"),
    State({"type": "fire-names", "example": MATCH}, "data"),
)
