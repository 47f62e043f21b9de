"""Each new counter registers its own callback while the app runs. No error, and no count."""

import os
import threading
import time

from dash import Dash, Input, Output, Patch, html, no_update

# Counters are added later, so their ids are not in the first layout.
app = Dash(__name__, suppress_callback_exceptions=True)

app.layout = html.Div(
    [
        html.Button("Add a counter", id="add"),
        html.P(id="status"),
        html.Div(id="counters", children=[]),
    ]
)


@app.callback(
    Output("counters", "children"),
    Output("status", "children"),
    Input("add", "n_clicks"),
    prevent_initial_call=True,
)
def add_counter(n):
    if not room_for_one_more():
        return no_update, f"Server process {os.getpid()} is full: try again in a minute."

    # The mistake: a callback registered while the server is already serving.
    @app.callback(
        Output(f"label-{n}", "children"),
        Input(f"button-{n}", "n_clicks"),
        prevent_initial_call=True,
    )
    def count(clicks):
        return f"Clicks: {clicks}"

    counters = Patch()
    counters.append(
        html.Div(
            [
                html.Button(f"Counter {n}", id=f"button-{n}"),
                html.Span("Clicks: 0", id=f"label-{n}"),
            ]
        )
    )
    return counters, f"Server process {os.getpid()} registered a callback for counter {n}."


# Containment: this demo shares its server with every visitor. Each server
# process keeps at most six callbacks made at run time, and forgets them all
# a minute after the first, before it answers the next request.
LIMIT, KEEP_SECONDS = 6, 60
added_at = []
lock = threading.Lock()


def room_for_one_more():
    with lock:
        if len(added_at) == LIMIT:
            return False
        added_at.append(time.monotonic())
        return True


@app.server.before_request
def forget_run_time_callbacks():
    with lock:
        if added_at and time.monotonic() - added_at[0] > KEEP_SECONDS:
            added_at.clear()
            specs = app._callback_list
            specs[:] = [spec for spec in specs if not spec["output"].startswith("label-")]
            for output in [output for output in app.callback_map if output.startswith("label-")]:
                del app.callback_map[output]


if __name__ == "__main__":
    app.run(debug=True)
