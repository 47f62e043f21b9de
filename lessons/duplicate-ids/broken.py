"""Every new card reuses the first card's ids: only the last card's Like button counts."""

from dash import Dash, Input, Output, Patch, callback, html

app = Dash(__name__)


# The mistake: every card gets the same two ids.
def card(number):
    return html.Div(
        [
            html.Button(f"Like card {number}", id="like"),
            html.Span("Likes: 0", id="likes"),
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


@callback(Output("likes", "children"), Input("like", "n_clicks"), prevent_initial_call=True)
def like(clicks):
    return f"Likes: {clicks or 0}"


if __name__ == "__main__":
    app.run(debug=True)
