"""ALLSMALLER: each row's running total adds the amounts of every row above it."""

from dash import ALLSMALLER, MATCH, Dash, Input, Output, callback, dcc, html

app = Dash(__name__)


def row(number, amount):
    return html.Div(
        [
            dcc.Input(
                id={"type": "amount", "index": number},
                type="number",
                value=amount,
                placeholder=f"Row {number}",
                debounce=True,
            ),
            html.Span(id={"type": "total", "index": number}),
        ]
    )


app.layout = html.Div([row(1, 5), row(2, 3), row(3, 2)])


# MATCH: this row's amount and total. ALLSMALLER: the amounts of the rows with a smaller index.
@callback(
    Output({"type": "total", "index": MATCH}, "children"),
    Input({"type": "amount", "index": MATCH}, "value"),
    Input({"type": "amount", "index": ALLSMALLER}, "value"),
)
def running_total(amount, amounts_above):
    return f" Running total: {sum(value or 0 for value in [*amounts_above, amount])}"


if __name__ == "__main__":
    app.run(debug=True)
