"""The sandbox under each framed example: what fired, what did not, and why.

Events come from the example's renderer hooks (assets/example/probe.js) by
postMessage to this page (assets/30-sandbox.js), which keeps them in a memory
store: they belong to one browser tab and never reach the server. The views
are drawn by the clientside functions of assets/30-sandbox.js.
"""

import re
from dataclasses import asdict

import dash_bootstrap_components as dbc
from dash import (
    ALL,
    MATCH,
    ClientsideFunction,
    Input,
    Output,
    State,
    clientside_callback,
    dcc,
    html,
)


def sid(kind, example):
    return {"type": f"sb-{kind}", "example": example.key}


def _declared_outputs(output):
    bare = re.sub(r"@[0-9a-f]+", "", output)
    return bare[2:-2].split("...") if bare.startswith("..") else [bare]


def _callbacks_data(mounted):
    return [
        {**asdict(info), "key": info.key, "outputs": _declared_outputs(info.output)}
        for info in mounted.callbacks
    ]


def _toolbar(example):
    name = example.path.name
    return html.Div(
        [
            dbc.Switch(
                id=sid("pause", example),
                label="Pause recording",
                value=False,
                className="mb-0",
                input_class_name="sb-pause",
            ),
            dbc.Button(
                "Clear",
                id=sid("clear", example),
                size="sm",
                color="secondary",
                outline=True,
                title=f"Clear what was recorded for {name}",
            ),
            dbc.Button(
                "Export JSON",
                id=sid("export", example),
                size="sm",
                color="secondary",
                outline=True,
                title=f"Download what was recorded for {name} as JSON",
            ),
            dcc.Download(id=sid("download", example)),
        ],
        className="sb-toolbar",
    )


def _replay(example):
    return html.Div(
        [
            dbc.Button(
                "◀ Step back",
                id=sid("back", example),
                size="sm",
                color="primary",
                outline=True,
                title="Previous callback of the last interaction",
            ),
            dbc.Button(
                "Step forward ▶",
                id=sid("forward", example),
                size="sm",
                color="primary",
                outline=True,
                title="Next callback of the last interaction",
            ),
            html.Span(
                id=sid("replay-caption", example),
                className="small sb-replay-caption",
                role="status",
            ),
        ],
        className="sb-replay",
    )


def _predict(mounted):
    example = mounted.example
    options = [
        {
            "label": html.Span([html.Code(info.name), f" → {info.output.split('@')[0]}"]),
            "value": info.key,
        }
        for info in mounted.callbacks
    ]
    return html.Details(
        [
            html.Summary("Predict, then run"),
            html.P("Which callbacks will fire on your next interaction?", className="small mb-1"),
            dcc.Checklist(
                options,
                [],
                id=sid("guess", example),
                className="sb-guess small",
                inputClassName="form-check-input me-1",
                labelClassName="d-block",
            ),
            dbc.Button(
                "Lock in my prediction",
                id=sid("lock", example),
                size="sm",
                color="primary",
                className="my-2",
            ),
            html.Div(id=sid("verdict", example), className="sb-verdict small", role="status"),
        ],
        className="sb-predict",
    )


def sandbox(mounted):
    example = mounted.example
    return html.Section(
        [
            html.H3("Sandbox", className="h6 mb-2"),
            dcc.Store(id=sid("events", example), data=[], storage_type="memory"),
            dcc.Store(id=sid("callbacks", example), data=_callbacks_data(mounted)),
            dcc.Store(id=sid("ui", example), data={}),
            _toolbar(example),
            html.H4("Timeline", className="sb-heading"),
            html.Div(
                id=sid("timeline", example),
                className="sb-timeline",
                role="log",
                **{
                    "aria-live": "polite",
                    "aria-label": f"Callbacks run by {example.path.name}, in order",
                    "data-example": example.key,
                },
            ),
            html.H4(
                "Callbacks: what feeds them, what they set, how often they fired",
                className="sb-heading",
            ),
            _replay(example),
            html.Div(
                id=sid("graph", example), className="sb-graph-box", **{"data-example": example.key}
            ),
            _predict(mounted),
        ],
        className="sandbox",
        **{"aria-label": f"Sandbox for {example.path.name}"},
    )


def compare(lesson):
    return html.Section(
        [
            html.H2("Broken vs fixed: the last interaction", className="h5"),
            html.P(
                "Do the same thing in both examples and compare what ran.",
                className="small text-body-secondary",
            ),
            html.Div(id={"type": "sb-compare", "lesson": lesson.slug}, className="sb-compare"),
        ],
        className="sb-compare-box mb-4",
    )


def _views(function, output, *inputs, state=()):
    clientside_callback(ClientsideFunction("sandbox", function), output, *inputs, *state)


_views(
    "renderTimeline",
    Output({"type": "sb-timeline", "example": MATCH}, "children"),
    Input({"type": "sb-events", "example": MATCH}, "data"),
    state=[State({"type": "sb-callbacks", "example": MATCH}, "data")],
)
_views(
    "renderGraph",
    Output({"type": "sb-graph", "example": MATCH}, "children"),
    Input({"type": "sb-events", "example": MATCH}, "data"),
    Input({"type": "sb-ui", "example": MATCH}, "data"),
    state=[State({"type": "sb-callbacks", "example": MATCH}, "data")],
)
_views(
    "renderReplay",
    Output({"type": "sb-replay-caption", "example": MATCH}, "children"),
    Input({"type": "sb-events", "example": MATCH}, "data"),
    Input({"type": "sb-ui", "example": MATCH}, "data"),
    state=[State({"type": "sb-callbacks", "example": MATCH}, "data")],
)
_views(
    "renderVerdict",
    Output({"type": "sb-verdict", "example": MATCH}, "children"),
    Input({"type": "sb-events", "example": MATCH}, "data"),
    Input({"type": "sb-ui", "example": MATCH}, "data"),
    state=[State({"type": "sb-callbacks", "example": MATCH}, "data")],
)
clientside_callback(
    ClientsideFunction("sandbox", "updateUi"),
    Output({"type": "sb-ui", "example": MATCH}, "data"),
    Input({"type": "sb-back", "example": MATCH}, "n_clicks"),
    Input({"type": "sb-forward", "example": MATCH}, "n_clicks"),
    Input({"type": "sb-lock", "example": MATCH}, "n_clicks"),
    State({"type": "sb-events", "example": MATCH}, "data"),
    State({"type": "sb-guess", "example": MATCH}, "value"),
    State({"type": "sb-ui", "example": MATCH}, "data"),
    prevent_initial_call=True,
)
clientside_callback(
    ClientsideFunction("sandbox", "exportLog"),
    Output({"type": "sb-download", "example": MATCH}, "data"),
    Input({"type": "sb-export", "example": MATCH}, "n_clicks"),
    State({"type": "sb-events", "example": MATCH}, "data"),
    State({"type": "sb-callbacks", "example": MATCH}, "data"),
    State({"type": "sb-export", "example": MATCH}, "id"),
    prevent_initial_call=True,
)
# Clear and pause act on the page's recorder itself, so they have no Output.
clientside_callback(
    ClientsideFunction("sandbox", "clear"),
    Input({"type": "sb-clear", "example": MATCH}, "n_clicks"),
    State({"type": "sb-clear", "example": MATCH}, "id"),
    prevent_initial_call=True,
)
clientside_callback(
    ClientsideFunction("sandbox", "pause"),
    Input({"type": "sb-pause", "example": MATCH}, "value"),
    State({"type": "sb-pause", "example": MATCH}, "id"),
    prevent_initial_call=True,
)
clientside_callback(
    ClientsideFunction("sandbox", "renderCompare"),
    Output({"type": "sb-compare", "lesson": ALL}, "children"),
    Input({"type": "sb-events", "example": ALL}, "data"),
    State({"type": "sb-callbacks", "example": ALL}, "data"),
    State({"type": "sb-events", "example": ALL}, "id"),
)
