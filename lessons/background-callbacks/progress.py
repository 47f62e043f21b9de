"""progress= fills a bar while the job runs; cancel= stops the job process."""

import time

import diskcache
from dash import Dash, DiskcacheManager, Input, Output, callback, html

cache = diskcache.Cache("./cache")
app = Dash(__name__, background_callback_manager=DiskcacheManager(cache))

STEPS = 6

app.layout = html.Div(
    [
        html.Button("Run", id="run"),
        html.Button("Cancel", id="cancel", disabled=True),
        html.Progress(id="bar", value="0", max=str(STEPS)),
        html.P("Not run yet.", id="result"),
    ]
)


@callback(
    Output("result", "children"),
    Input("run", "n_clicks"),
    background=True,
    # With progress=, Dash passes a set_progress function as the first argument.
    progress=[Output("bar", "value")],
    running=[
        (Output("run", "disabled"), True, False),
        (Output("cancel", "disabled"), False, True),
    ],
    cancel=[Input("cancel", "n_clicks")],
    prevent_initial_call=True,
)
def run(set_progress, n_clicks):
    for step in range(1, STEPS + 1):
        time.sleep(0.5)
        set_progress(str(step))
    return f"Run {n_clicks} finished all {STEPS} steps."


if __name__ == "__main__":
    app.run(debug=True)
