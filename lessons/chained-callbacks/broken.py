"""The middle link of a chain raises PreventUpdate: the link after it keeps its old text."""

from dash import Dash, Input, Output, callback, dcc, html
from dash.exceptions import PreventUpdate

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Label(["Tickets ", dcc.Input(id="tickets", value="2")]),
        html.P(["Tickets: ", html.B(id="count")]),
        html.P(["Price: €", html.B(id="price")]),
        html.P(id="budget"),
    ]
)


@callback(Output("count", "children"), Input("tickets", "value"))
def read_count(text):
    text = (text or "").strip()
    return int(text) if text.isdigit() else None


@callback(Output("price", "children"), Input("count", "children"))
def compute_price(count):
    if count is None:
        raise PreventUpdate
    return count * 12


@callback(Output("budget", "children"), Input("price", "children"))
def check_budget(price):
    return "Within your €50 budget." if price <= 50 else "Over your €50 budget."


if __name__ == "__main__":
    app.run(debug=True)
