"""Two Inputs changed by two callbacks: ctx.triggered lists them in the order they arrived."""

import time

from dash import Dash, Input, Output, State, callback, ctx, dcc, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Label(["Slow lookup: ", dcc.RadioItems(["price", "stock"], "stock", id="slow")]),
        html.Button("Look up again", id="look"),
        html.P(id="price"),
        html.P(id="stock"),
        html.Pre(id="context", style={"whiteSpace": "pre-wrap"}),
    ]
)


@callback(Output("price", "children"), Input("look", "n_clicks"), State("slow", "value"))
def look_up_price(n_clicks, slow):
    if slow == "price":
        time.sleep(0.5)
    return f"Price: €12 (lookup {n_clicks or 0})"


@callback(Output("stock", "children"), Input("look", "n_clicks"), State("slow", "value"))
def look_up_stock(n_clicks, slow):
    if slow == "stock":
        time.sleep(0.5)
    return f"In stock: 7 (lookup {n_clicks or 0})"


# Runs once per lookup, after both answers are in; on page load too.
@callback(Output("context", "children"), Input("price", "children"), Input("stock", "children"))
def report(price, stock):
    return "\n".join(
        [
            f"ctx.triggered_id = {ctx.triggered_id!r}",
            f"ctx.triggered_prop_ids = {list(ctx.triggered_prop_ids)!r}",
        ]
    )


if __name__ == "__main__":
    app.run(debug=False)
