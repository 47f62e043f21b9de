"""IDs that callbacks create later: turn the page-load ID check off."""

from dash import Dash, Input, Output, callback, dcc, html

# Some callback IDs appear only after a click, so the page-load check cannot see them.
app = Dash(__name__, suppress_callback_exceptions=True)

app.layout = html.Div(
    [
        html.H4("Order #1042"),
        dcc.Input(id="quantity", type="number", min=1, value=1),
        html.P(id="total"),
        html.Button("Show delivery options", id="show-delivery"),
        html.Div(id="delivery"),
    ]
)


@callback(Output("total", "children"), Input("quantity", "value"))
def update_total(quantity):
    return f"Total: {(quantity or 0) * 12} EUR"


@callback(
    Output("delivery", "children"),
    Input("show-delivery", "n_clicks"),
    prevent_initial_call=True,
)
def show_delivery(n_clicks):
    return [
        dcc.RadioItems(["Standard", "Express"], "Standard", id="speed"),
        html.P(id="arrival"),
    ]


# speed and arrival only exist once the button has been clicked.
@callback(Output("arrival", "children"), Input("speed", "value"))
def update_arrival(speed):
    return "Arrives tomorrow." if speed == "Express" else "Arrives in 3 days."


if __name__ == "__main__":
    app.run(debug=True)
