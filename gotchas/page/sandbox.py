"""The sandbox under each framed example: what fired, what did not, and why.

Events come from the example's renderer hooks (assets/example/probe.js) by
postMessage to this page. assets/30-sandbox.js keeps them in the tab's memory
(never on the server) and draws the views into the empty containers laid out
here; Dash gives the structure and the controls, whose clientside callbacks
call into that module.
"""

import json
import re
from dataclasses import asdict

import dash_bootstrap_components as dbc
from dash import MATCH, ClientsideFunction, Input, Output, State, clientside_callback, dcc, html


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


def _view(kind, example, **props):
    """An empty box that assets/30-sandbox.js draws into."""
    return html.Div(className=f"sb-{kind}", **{"data-example": example.key}, **props)


def _button(label, kind, example, title, **props):
    return dbc.Button(label, id=sid(kind, example), size="sm", outline=True, title=title, **props)


def _toolbar(example):
    name = example.path.name
    return html.Div(
        [
            dbc.Switch(
                id=sid("pause", example), label="Pause recording", value=False, className="mb-0"
            ),
            _button(
                "Clear", "clear", example, f"Clear what was recorded for {name}", color="secondary"
            ),
            _button(
                "Export JSON",
                "export",
                example,
                f"Download what was recorded for {name} as JSON",
                color="secondary",
            ),
            dcc.Download(id=sid("download", example)),
        ],
        className="sb-toolbar",
    )


def _replay(example):
    return html.Div(
        [
            _button(
                "◀ Step back",
                "back",
                example,
                "Previous callback of the last interaction",
                color="primary",
            ),
            _button(
                "Step forward ▶",
                "forward",
                example,
                "Next callback of the last interaction",
                color="primary",
            ),
            _view("replay-caption", example, role="status"),
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
            _button(
                "Lock in my prediction",
                "lock",
                example,
                "Lock in the callbacks you ticked",
                color="primary",
                className="my-2",
            ),
            _view("verdict", example, role="status"),
        ],
        className="sb-predict",
    )


def sandbox(mounted):
    example = mounted.example
    return html.Section(
        [
            html.H3("Sandbox", className="h6 mb-2"),
            _toolbar(example),
            html.H4("Timeline", className="sb-heading"),
            _view(
                "timeline",
                example,
                role="log",
                **{
                    "aria-live": "polite",
                    "aria-label": f"Callbacks run by {example.path.name}, in order",
                },
            ),
            html.H4(
                "Callbacks: what feeds them, what they set, how often they fired",
                className="sb-heading",
            ),
            _replay(example),
            _view("graph-box", example),
            _predict(mounted),
        ],
        className="sandbox",
        **{
            "aria-label": f"Sandbox for {example.path.name}",
            "data-example": example.key,
            "data-callbacks": json.dumps(_callbacks_data(mounted)),
        },
    )


def compare(lesson):
    return html.Section(
        [
            html.H2("Broken vs fixed: the last interaction", className="h5"),
            html.P(
                "Do the same thing in both examples and compare what ran.",
                className="small text-body-secondary",
            ),
            html.Div(className="sb-compare", **{"data-lesson": lesson.slug}),
        ],
        className="sb-compare-box mb-4",
    )


def _control(function, *dependencies):
    clientside_callback(
        ClientsideFunction("sandbox", function), *dependencies, prevent_initial_call=True
    )


# The buttons act on the page's recorder itself, so most have no Output.
for kind in ("clear", "back", "forward"):
    _control(
        kind,
        Input({"type": f"sb-{kind}", "example": MATCH}, "n_clicks"),
        State({"type": f"sb-{kind}", "example": MATCH}, "id"),
    )
_control(
    "pause",
    Input({"type": "sb-pause", "example": MATCH}, "value"),
    State({"type": "sb-pause", "example": MATCH}, "id"),
)
_control(
    "lock",
    Input({"type": "sb-lock", "example": MATCH}, "n_clicks"),
    State({"type": "sb-guess", "example": MATCH}, "value"),
    State({"type": "sb-lock", "example": MATCH}, "id"),
)
_control(
    "exportLog",
    Output({"type": "sb-download", "example": MATCH}, "data"),
    Input({"type": "sb-export", "example": MATCH}, "n_clicks"),
    State({"type": "sb-export", "example": MATCH}, "id"),
)
