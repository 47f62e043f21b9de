"""debounce=0.5: the value is sent once you stop typing for half a second."""

from dash import Dash, Input, Output, callback, dcc, html

FRUIT = {"apple": 3, "apricot": 5, "banana": 2, "cherry": 9, "grape": 4, "lemon": 3, "mango": 6}

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Label("Search", htmlFor="search"),
        dcc.Input(id="search", type="text", placeholder="a fruit", debounce=0.5),
        html.P(id="results"),
    ]
)


@callback(Output("results", "children"), Input("search", "value"))
def search(text):
    found = [name for name in FRUIT if (text or "") in name]
    return f"{len(found)} found: {', '.join(found) or 'nothing'}"


if __name__ == "__main__":
    app.run(debug=True)
