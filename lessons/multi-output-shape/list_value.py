"""One Output in brackets whose value is a list: fine with one item, an error with two."""

from dash import Dash, Input, Output, callback, dcc, html

app = Dash(__name__)

app.layout = html.Div(
    [
        dcc.Checklist(["Apple", "Pear", "Plum"], ["Apple"], id="fruits", inline=True),
        html.Ul(id="basket"),
    ]
)


# The brackets say "a list of outputs", so the returned list is read as one value per Output.
@callback([Output("basket", "children")], Input("fruits", "value"))
def fill_basket(fruits):
    return [html.Li(fruit) for fruit in fruits]


if __name__ == "__main__":
    app.run(debug=True)
