"""A misspelled Output ID: the page-load check is the only thing that notices."""

from dash import Dash, Input, Output, callback, dcc, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.H4("Order #1042"),
        dcc.Input(id="quantity", type="number", min=1, value=1),
        html.P(id="total"),
    ]
)


# "totl" should be "total".
@callback(Output("totl", "children"), Input("quantity", "value"))
def update_total(quantity):
    return f"Total: {(quantity or 0) * 12} EUR"


if __name__ == "__main__":
    app.run(debug=True)
