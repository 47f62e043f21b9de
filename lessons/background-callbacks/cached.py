"""cache_by on the manager: a result is kept, and the same inputs get it back."""

import os
import time

import diskcache
from dash import Dash, DiskcacheManager, Input, Output, State, callback, dcc, html

DATA_VERSION = "2024-06"  # part of every cache key: change it and old results are not reused

cache = diskcache.Cache("./cache")
manager = DiskcacheManager(cache, cache_by=[lambda: DATA_VERSION], expire=300)
app = Dash(__name__, background_callback_manager=manager)

app.layout = html.Div(
    [
        dcc.Input(id="n", type="number", value=12, min=1, max=99),
        html.Button("Square it", id="go"),
        html.P("Nothing computed yet.", id="answer"),
    ]
)


@callback(
    Output("answer", "children"),
    Input("go", "n_clicks"),
    State("n", "value"),
    background=True,
    running=[(Output("go", "disabled"), True, False)],
    # n_clicks is argument 0 and changes at every click: leave it out of the key.
    cache_args_to_ignore=[0],
    prevent_initial_call=True,
)
def square(n_clicks, n):
    time.sleep(2)
    return f"{n}² = {n * n}, computed by process {os.getpid()} at {time.strftime('%H:%M:%S')}."


if __name__ == "__main__":
    app.run(debug=True)
