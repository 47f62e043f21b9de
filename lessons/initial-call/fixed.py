"""prevent_initial_call=True: the callback waits for the first click."""

from dash import Dash, Input, Output, callback, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Order a coffee", id="order"),
        html.P("No orders yet.", id="receipt"),
    ]
)


@callback(
    Output("receipt", "children"),
    Input("order", "n_clicks"),
    prevent_initial_call=True,
)
def place_order(n_clicks):
    return f"Order #{n_clicks} is on its way."


if __name__ == "__main__":
    app.run(debug=True)
