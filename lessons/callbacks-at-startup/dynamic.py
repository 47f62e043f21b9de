"""The same mistake with the private _allow_dynamic_callbacks flag: the page hears of it at once."""

import os

from dash import Dash, Input, Output, Patch, html

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
    # Private flag: once this callback returns, the page fetches the callback list again.
    _allow_dynamic_callbacks=True,
)
def add_counter(n):
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


if __name__ == "__main__":
    app.run(debug=True)
