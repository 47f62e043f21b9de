"""A click handler that runs before anyone clicks: on page load, n_clicks is None."""

from dash import Dash, Input, Output, callback, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Order a coffee", id="order"),
        html.P("No orders yet.", id="receipt"),
    ]
)


@callback(Output("receipt", "children"), Input("order", "n_clicks"))
def place_order(n_clicks):
    return f"Order #{n_clicks} is on its way."


if __name__ == "__main__":
    app.run(debug=True)
