"""The added button, fixed: prevent_initial_call where it works, a None check where it does not."""

from dash import Dash, Input, Output, callback, html
from dash.exceptions import PreventUpdate

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


# The receipt arrives with the button, so prevent_initial_call holds this back.
@callback(Output("receipt", "children"), Input("order", "n_clicks"), prevent_initial_call=True)
def place_order(n_clicks):
    return f"Order #{n_clicks} is on its way."


# Dash runs this when the button appears, so it checks for a real click itself.
@callback(Output("summary", "children"), Input("order", "n_clicks"), prevent_initial_call=True)
def count_orders(n_clicks):
    if n_clicks is None:
        raise PreventUpdate
    return f"Orders so far: {n_clicks}."


if __name__ == "__main__":
    app.run(debug=True)
