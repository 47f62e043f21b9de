"""A search box and a price slider that search on every keystroke and every step of a drag."""

from dash import Dash, Input, Output, callback, dcc, html

FRUIT = {"apple": 3, "apricot": 5, "banana": 2, "cherry": 9, "grape": 4, "lemon": 3, "mango": 6}

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Label("Search", htmlFor="search"),
        dcc.Input(id="search", type="text", placeholder="a fruit"),
        html.Label("Highest price"),
        dcc.Slider(
            id="price", min=0, max=10, step=1, value=10, updatemode="drag", allow_direct_input=False
        ),
        html.P(id="results"),
    ]
)


@callback(Output("results", "children"), Input("search", "value"), Input("price", "value"))
def search(text, price):
    found = [name for name, cost in FRUIT.items() if (text or "") in name and cost <= price]
    return f"{len(found)} found: {', '.join(found) or 'nothing'}"


if __name__ == "__main__":
    app.run(debug=True)
