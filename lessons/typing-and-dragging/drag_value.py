"""updatemode="mouseup" and drag_value: a label follows the drag, the search waits for release."""

from dash import Dash, Input, Output, callback, dcc, html

FRUIT = {"apple": 3, "apricot": 5, "banana": 2, "cherry": 9, "grape": 4, "lemon": 3, "mango": 6}

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Label("Highest price"),
        dcc.Slider(id="price", min=0, max=10, step=1, value=10, allow_direct_input=False),
        html.P(id="moving"),
        html.P(id="results"),
    ]
)


# drag_value changes at every step of a drag; value only when you let go.
# It runs once on page load all the same: the slider sets drag_value as it appears.
@callback(Output("moving", "children"), Input("price", "drag_value"), prevent_initial_call=True)
def show_position(position):
    return f"Up to {position}"


@callback(Output("results", "children"), Input("price", "value"))
def search(price):
    found = [name for name, cost in FRUIT.items() if cost <= price]
    return f"{len(found)} found: {', '.join(found) or 'nothing'}"


if __name__ == "__main__":
    app.run(debug=True)
