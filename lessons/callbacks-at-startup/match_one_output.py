"""MATCH in an Input, one fixed Output: allowed since Dash 4.2."""

from dash import MATCH, Dash, Input, Output, Patch, callback, ctx, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Add a counter", id="add"),
        html.P("No counter clicked yet.", id="last"),
        html.Div(id="counters", children=[]),
    ]
)


@callback(Output("counters", "children"), Input("add", "n_clicks"), prevent_initial_call=True)
def add_counter(n):
    counters = Patch()
    counters.append(html.Button(f"Counter {n}", id={"type": "counter", "index": n}))
    return counters


# One Output for all counters: MATCH in the Input, ctx.triggered_id names the counter.
@callback(
    Output("last", "children"),
    Input({"type": "counter", "index": MATCH}, "n_clicks"),
    prevent_initial_call=True,
)
def show_last(clicks):
    return f"Counter {ctx.triggered_id['index']} was clicked {clicks or 0} times."


if __name__ == "__main__":
    app.run(debug=True)
