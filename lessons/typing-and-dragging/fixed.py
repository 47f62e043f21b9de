"""The same search, sent once per word (debounce=True) and once per drag (updatemode="mouseup")."""

from dash import Dash, Input, Output, callback, dcc, html

FRUIT = {"apple": 3, "apricot": 5, "banana": 2, "cherry": 9, "grape": 4, "lemon": 3, "mango": 6}

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Label("Search", htmlFor="search"),
        # debounce=True: the value is sent when you press Enter or leave the box.
        dcc.Input(id="search", type="text", placeholder="a fruit", debounce=True),
        html.Label("Highest price"),
        # "mouseup" is the default, spelled out: the value is sent when you let go.
        dcc.Slider(
            id="price",
            min=0,
            max=10,
            step=1,
            value=10,
            updatemode="mouseup",
            allow_direct_input=False,
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
