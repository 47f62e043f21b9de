"""What ctx holds on page load, after typing, and after a swap that changes two Inputs."""

from dash import Dash, Input, Output, State, callback, ctx, dcc, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Label(["Width (m) ", dcc.Input(id="width", type="number", value=3)]),
        html.Label(["Length (m) ", dcc.Input(id="length", type="number", value=4)]),
        html.Button("Swap", id="swap"),
        html.Pre(id="context", style={"whiteSpace": "pre-wrap"}),
    ]
)


@callback(
    Output("width", "value"),
    Output("length", "value"),
    Input("swap", "n_clicks"),
    State("width", "value"),
    State("length", "value"),
    prevent_initial_call=True,
)
def swap(n_clicks, width, length):
    return length, width


# Inputs listed length first, unlike swap's Outputs: the order in ctx comes from swap.
@callback(Output("context", "children"), Input("length", "value"), Input("width", "value"))
def show_context(length, width):
    # The spelling from before Dash 2.4, still common in older answers.
    old_style = ctx.triggered[0]["prop_id"].split(".")[0]
    return "\n".join(
        [
            f"ctx.triggered_id = {ctx.triggered_id!r}",
            f"ctx.triggered_prop_ids = {dict(ctx.triggered_prop_ids)!r}",
            f"ctx.triggered = {list(ctx.triggered)!r}",
            f"bool(ctx.triggered) = {bool(ctx.triggered)}",
            f"ctx.triggered[0]['prop_id'].split('.')[0] = {old_style!r}",
        ]
    )


if __name__ == "__main__":
    app.run(debug=False)
