"""ctx.triggered_prop_ids lists every Input that changed: none on page load, both after a swap."""

from dash import Dash, Input, Output, State, callback, ctx, dcc, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Label(["Width (m) ", dcc.Input(id="width", type="number", value=3)]),
        html.Label(["Length (m) ", dcc.Input(id="length", type="number", value=4)]),
        html.Button("Swap", id="swap"),
        html.P(id="change"),
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


@callback(Output("change", "children"), Input("width", "value"), Input("length", "value"))
def report_change(width, length):
    changed = ctx.triggered_prop_ids
    # Empty on the first call: nothing has changed yet.
    if not changed:
        return f"The room is {width} m × {length} m."
    sizes = {"width": width, "length": length}
    parts = [f"the {name} to {sizes[name]} m" for name in changed.values()]
    return "You changed " + " and ".join(parts) + "."


if __name__ == "__main__":
    app.run(debug=True)
