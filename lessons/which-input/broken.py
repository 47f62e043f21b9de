"""ctx.triggered_id names one Input: none on page load, only one when two change at once."""

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


# Assumes exactly one Input changed on every call.
@callback(Output("change", "children"), Input("width", "value"), Input("length", "value"))
def report_change(width, length):
    if ctx.triggered_id == "width":
        return f"You changed the width to {width} m."
    return f"You changed the length to {length} m."


if __name__ == "__main__":
    app.run(debug=True)
