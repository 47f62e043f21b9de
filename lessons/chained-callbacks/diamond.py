"""A diamond: one click feeds two callbacks, and both feed a third. How often does it run?"""

import time

from dash import Dash, Input, Output, State, callback, dcc, html, no_update

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Add a ticket", id="add"),
        dcc.Checklist(["Hold the fee (no_update)"], [], id="hold"),
        html.P(["Tickets: €", html.B(0, id="price")]),
        html.P(["Booking fee: €", html.B(0, id="fee")]),
        html.P("Total: €0", id="total"),
        html.P(["show_total has run ", html.B(0, id="runs"), " time(s)."]),
    ]
)


@callback(Output("price", "children"), Input("add", "n_clicks"), prevent_initial_call=True)
def compute_price(n_clicks):
    return n_clicks * 12


# Slow on purpose, so that the two branches clearly overlap and finish apart.
@callback(
    Output("fee", "children"),
    Input("add", "n_clicks"),
    State("hold", "value"),
    prevent_initial_call=True,
)
def compute_fee(n_clicks, hold):
    if hold:
        return no_update
    time.sleep(0.5)
    return 2 + n_clicks


@callback(
    Output("total", "children"),
    Output("runs", "children"),
    Input("price", "children"),
    Input("fee", "children"),
    State("runs", "children"),
    prevent_initial_call=True,
)
def show_total(price, fee, runs):
    return f"Total: €{price + fee}", runs + 1


if __name__ == "__main__":
    app.run(debug=False)
