"""prevent_inital_call, misspelled: Dash accepts it and the callback runs on page load."""

from dash import Dash, Input, Output, callback, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Order a coffee", id="order"),
        html.P("No orders yet.", id="receipt"),
    ]
)


# One letter is missing: "inital".
@callback(Output("receipt", "children"), Input("order", "n_clicks"), prevent_inital_call=True)
def place_order(n_clicks):
    return f"Order #{n_clicks} is on its way."


if __name__ == "__main__":
    app.run(debug=True)
