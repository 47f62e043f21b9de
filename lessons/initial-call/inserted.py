"""A button added by a callback: its callbacks run as it appears, prevent_initial_call or not."""

from dash import Dash, Input, Output, callback, html

# The order button and its receipt exist only once the form is open.
app = Dash(__name__, suppress_callback_exceptions=True)

app.layout = html.Div(
    [
        html.Button("Open the order form", id="open"),
        html.Div(id="form"),
        html.P("Orders so far: none.", id="summary"),
    ]
)


@callback(Output("form", "children"), Input("open", "n_clicks"), prevent_initial_call=True)
def open_form(n_clicks):
    return [
        html.Button("Order a coffee", id="order"),
        html.P("Nothing ordered in this form.", id="receipt"),
    ]


@callback(Output("receipt", "children"), Input("order", "n_clicks"))
def place_order(n_clicks):
    return f"Order #{n_clicks} is on its way."


# The summary was on the page before the button: prevent_initial_call does not hold this back.
@callback(Output("summary", "children"), Input("order", "n_clicks"), prevent_initial_call=True)
def count_orders(n_clicks):
    return f"Orders so far: {n_clicks}."


if __name__ == "__main__":
    app.run(debug=True)
