"""The same report as a background callback: a job process does the work, the page polls."""

import os
import time

import diskcache
from dash import Dash, DiskcacheManager, Input, Output, callback, html

# Jobs write their results here; every server process must see the same directory.
cache = diskcache.Cache("./cache")
app = Dash(__name__, background_callback_manager=DiskcacheManager(cache))

app.layout = html.Div(
    [
        html.Button("Make report", id="make"),
        html.P("No report yet.", id="report"),
        html.Button("Ping", id="ping"),
        html.P(id="pong"),
    ]
)


@callback(
    Output("report", "children"),
    Input("make", "n_clicks"),
    background=True,
    running=[(Output("make", "disabled"), True, False)],
    prevent_initial_call=True,
)
def make_report(n_clicks):
    time.sleep(2)  # the slow part: a query, a model, a remote service
    return f"Report {n_clicks} made by process {os.getpid()}."


@callback(Output("pong", "children"), Input("ping", "n_clicks"), prevent_initial_call=True)
def ping(n_clicks):
    return f"Pong {n_clicks} from process {os.getpid()}."


if __name__ == "__main__":
    # One request at a time, like one gunicorn worker with its default (sync) class.
    app.run(debug=True, threaded=False)
