"""Outputs built in a loop are a list, even when the loop yields only one."""

from dash import Dash, Input, Output, callback, html

SHOPS = ["Lisbon"]  # one shop today, more to come

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Open the shops", id="open"),
        html.Ul([html.Li(f"{shop}: closed", id=f"shop-{shop.lower()}") for shop in SHOPS]),
    ]
)


# A list of Outputs, so the function returns a list: one value per shop.
@callback(
    [Output(f"shop-{shop.lower()}", "children") for shop in SHOPS],
    Input("open", "n_clicks"),
    prevent_initial_call=True,
)
def open_shops(n_clicks):
    return [f"{shop}: open" for shop in SHOPS]


if __name__ == "__main__":
    app.run(debug=True)
