"""The middle link passes None on instead, and every link after it answers."""

from dash import Dash, Input, Output, callback, dcc, html

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


# None, not PreventUpdate: check_budget still runs and can say what is missing.
@callback(Output("price", "children"), Input("count", "children"))
def compute_price(count):
    return None if count is None else count * 12


@callback(Output("budget", "children"), Input("price", "children"))
def check_budget(price):
    if price is None:
        return "Type a number of tickets."
    return "Within your €50 budget." if price <= 50 else "Over your €50 budget."


if __name__ == "__main__":
    app.run(debug=True)
