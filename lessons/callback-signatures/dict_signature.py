"""Named dependencies: the function gets keyword arguments and returns a dict."""

from dash import Dash, Input, Output, State, callback, ctx, dcc, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Label("Price", htmlFor="price"),
        dcc.Input(id="price", type="number", value=4),
        html.Label("Quantity", htmlFor="quantity"),
        dcc.Input(id="quantity", type="number", value=3),
        dcc.RadioItems(["EUR", "USD"], "EUR", id="currency", inline=True),
        html.P(id="total"),
        html.P(id="detail"),
    ]
)


# Arguments are matched by name, so their order in the def does not matter.
@callback(
    output=dict(total=Output("total", "children"), detail=Output("detail", "children")),
    inputs=dict(quantity=Input("quantity", "value"), price=Input("price", "value")),
    state=dict(currency=State("currency", "value")),
)
def update_total(price, currency, quantity):
    total = (price or 0) * (quantity or 0)
    # ctx.args_grouping has the same names: which of them fired this call?
    fired = [name for name, dep in ctx.args_grouping.items() if dep["triggered"]]
    return dict(
        total=f"Total: {total} {currency}",
        detail=f"{quantity} × {price} {currency} (changed: {', '.join(fired) or 'nothing yet'})",
    )


if __name__ == "__main__":
    app.run(debug=True)
