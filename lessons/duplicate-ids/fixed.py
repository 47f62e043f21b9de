"""Dict ids with an index: one MATCH callback counts the likes of each card on its own."""

from dash import MATCH, Dash, Input, Output, Patch, callback, html

app = Dash(__name__)


# Same type, own index: unique ids that one callback can still address.
def card(number):
    return html.Div(
        [
            html.Button(f"Like card {number}", id={"type": "like", "index": number}),
            html.Span("Likes: 0", id={"type": "likes", "index": number}),
        ]
    )


app.layout = html.Div(
    [
        html.Button("Add a card", id="add"),
        html.Div([card(1)], id="cards"),
    ]
)


@callback(Output("cards", "children"), Input("add", "n_clicks"), prevent_initial_call=True)
def add_card(n):
    cards = Patch()
    cards.append(card(n + 1))
    return cards


# MATCH: the likes label with the same index as the button that was clicked.
@callback(
    Output({"type": "likes", "index": MATCH}, "children"),
    Input({"type": "like", "index": MATCH}, "n_clicks"),
    prevent_initial_call=True,
)
def like(clicks):
    return f"Likes: {clicks or 0}"


if __name__ == "__main__":
    app.run(debug=True)
