"""The sandbox under each framed example: what fired, what did not, and why.

Events come from the example's renderer hooks (assets/example/probe.js) by
postMessage to this page. assets/30-sandbox.js keeps them in the tab's memory
(never on the server) and draws the views into the empty containers laid out
here; Dash gives the structure and the controls, whose clientside callbacks
call into that module.
"""

import json
from dataclasses import asdict
from pathlib import Path

import dash_bootstrap_components as dbc
import plotly
from dash import MATCH, ClientsideFunction, Input, Output, State, clientside_callback, dcc, html
from dash.fingerprint import build_fingerprint

from .markdown import heading


def _plotly_js_url():
    """plotly.js of the installed plotly package, as Dash serves it to any app: under a
    fingerprinted name with a year of caching (dash.Dash._setup_plotlyjs registers it)."""
    relative = "package_data/plotly.min.js"
    modified = int((Path(plotly.__file__).parent / relative).stat().st_mtime)
    fingerprinted = build_fingerprint(relative, plotly.__version__, modified)
    return f"/_dash-component-suites/plotly/{fingerprinted}"


PLOTLY_JS = _plotly_js_url()


def sid(kind, example):
    return {"type": f"sb-{kind}", "example": example.key}


def _callbacks_data(mounted):
    return [{**asdict(info), "key": info.key} for info in mounted.callbacks]


def _view(kind, example, **props):
    """An empty box that assets/30-sandbox.js draws into."""
    return html.Div(className=f"sb-{kind}", **{"data-example": example.key}, **props)


def _button(label, kind, example, title, **props):
    return dbc.Button(label, id=sid(kind, example), size="sm", outline=True, title=title, **props)


def _toolbar(example):
    name = example.path.name
    return html.Div(
        [
            dbc.Switch(id=sid("pause", example), label="Pause", value=False, className="mb-0"),
            _button(
                "Restart",
                "restart",
                example,
                f"Reload {name}: a fresh page, its page-load callbacks recorded again",
                color="secondary",
            ),
            _button(
                "Clear",
                "clear",
                example,
                f"Forget what was recorded for {name}; the example keeps running as it is",
                color="secondary",
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


def _picture(example):
    """The recent interactions as a waterfall (assets/73-waterfall.js). plotly.js is
    large: it loads when a learner opens this, never with the page."""
    return html.Details(
        [
            html.Summary("Picture of the firing"),
            html.P(
                "One bar per callback run, from its request leaving to its answer arriving;"
                " ▶ marks your action. Actions less than 3 s apart share one picture.",
                className="sb-picture-note",
            ),
            _view("picture-caption", example),
            _view("picture-plot", example),
        ],
        className="sb-picture",
        **{"data-example": example.key, "data-plotly": PLOTLY_JS},
    )


def _predict(mounted):
    example = mounted.example
    options = [
        {
            "label": html.Span(
                [html.Code(info.label), f" → {', '.join(info.outputs) or 'no Output'}"]
            ),
            "value": info.key,
        }
        for info in mounted.callbacks
    ]
    return html.Details(
        [
            html.Summary("Predict, then run"),
            html.Fieldset(
                [
                    html.Legend(
                        "Which callbacks will fire on your next interaction?",
                        className="small mb-1",
                    ),
                    dbc.Checklist(options=options, value=[], id=sid("guess", example)),
                ],
                className="sb-guess small",
                **{"data-example": example.key},
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
    """The timeline and what Dash said in view; graph, replay and predict one click away."""
    example = mounted.example
    name = example.path.name
    return html.Section(
        [
            html.Div(
                [html.H3("Timeline", className="sb-heading"), _toolbar(example)],
                className="sb-timeline-head",
            ),
            _view(
                "timeline",
                example,
                role="log",
                tabIndex=0,
                **{"aria-live": "polite", "aria-label": f"Callbacks run by {name}, in order"},
            ),
            _view(
                "says",
                example,
                role="status",
                **{"aria-live": "polite", "aria-label": f"What Dash reported in {name}"},
            ),
            _picture(example),
            html.Details(
                [
                    html.Summary("Callback graph, replay, predict"),
                    _replay(example),
                    _view("graph-box", example),
                    _predict(mounted),
                ],
                className="sb-more",
            ),
        ],
        className="sandbox",
        **{
            "aria-label": f"Sandbox for {name}",
            "data-example": example.key,
            "data-debug": "true" if mounted.debug else "false",
            "data-callbacks": json.dumps(_callbacks_data(mounted)),
        },
    )


def compare(lesson):
    return html.Section(
        [
            heading(3, "Broken vs fixed: the last interaction", "compare", className="h6 mb-1"),
            html.Div(className="sb-compare", **{"data-lesson": lesson.slug}),
        ],
        className="sb-compare-box",
        **{"aria-label": "Broken and fixed compared"},
    )


def _control(function, *dependencies):
    clientside_callback(
        ClientsideFunction("sandbox", function), *dependencies, prevent_initial_call=True
    )


# The buttons act on the page's recorder itself, so most have no Output.
for kind in ("clear", "restart", "back", "forward"):
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
