"""ALLSMALLER with one fixed Output: the browser refuses the callback (dev tools on)."""

from dash import ALLSMALLER, MATCH, Dash, Input, Output, callback, dcc, html

app = Dash(__name__)


def row(number, amount):
    return dcc.Input(
        id={"type": "amount", "index": number},
        type="number",
        value=amount,
        placeholder=f"Row {number}",
        debounce=True,
    )


app.layout = html.Div([row(1, 5), row(2, 3), row(3, 2), html.P("No total yet.", id="total")])


# The mistake: ALLSMALLER needs a MATCH in the Output to know which rows are smaller.
@callback(
    Output("total", "children"),
    Input({"type": "amount", "index": MATCH}, "value"),
    Input({"type": "amount", "index": ALLSMALLER}, "value"),
)
def running_total(amount, amounts_above):
    return f"Running total: {sum(value or 0 for value in [*amounts_above, amount])}"


if __name__ == "__main__":
    app.run(debug=True)
