"""prevent_initial_call="initial_duplicate" prevents nothing: that callback runs on page load."""

from dash import Dash, Input, Output, callback, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Order a coffee", id="coffee"),
        html.Button("Order a tea", id="tea"),
        html.P("Nothing ordered yet.", id="last-order"),
    ]
)


# Both write last-order, so Dash asks for prevent_initial_call on each.
@callback(
    Output("last-order", "children", allow_duplicate=True),
    Input("coffee", "n_clicks"),
    prevent_initial_call=True,
)
def order_coffee(n_clicks):
    return f"Last order: coffee #{n_clicks}."


# "initial_duplicate" means: shared output, and run on page load anyway.
@callback(
    Output("last-order", "children", allow_duplicate=True),
    Input("tea", "n_clicks"),
    prevent_initial_call="initial_duplicate",
)
def order_tea(n_clicks):
    return f"Last order: tea #{n_clicks}."


if __name__ == "__main__":
    app.run(debug=True)
