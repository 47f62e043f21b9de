"""Dash(prevent_initial_callbacks=True) reaches app.callback, not dash.callback."""

from dash import Dash, Input, Output, callback, html

app = Dash(__name__, prevent_initial_callbacks=True)

app.layout = html.Div(
    [
        html.Button("Order a coffee", id="coffee"),
        html.P("No coffee yet.", id="coffee-receipt"),
        html.Button("Order a tea", id="tea"),
        html.P("No tea yet.", id="tea-receipt"),
    ]
)


@app.callback(Output("coffee-receipt", "children"), Input("coffee", "n_clicks"))
def order_coffee(n_clicks):
    return f"Coffee #{n_clicks} is on its way."


@callback(Output("tea-receipt", "children"), Input("tea", "n_clicks"))
def order_tea(n_clicks):
    return f"Tea #{n_clicks} is on its way."


if __name__ == "__main__":
    app.run(debug=True)
