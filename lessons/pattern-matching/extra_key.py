"""A pattern matches ids with exactly its keys: a button with one key more is never heard."""

from dash import ALL, Dash, Input, Output, callback, ctx, html

app = Dash(__name__)

app.layout = html.Div(
    [
        # The mistake: this id has a "color" key that the pattern below does not name.
        html.Button("Pick red", id={"type": "pick", "index": 1, "color": "red"}),
        html.Button("Pick blue", id={"type": "pick", "index": 2}),
        html.P("Nothing picked yet.", id="picked"),
    ]
)


@callback(
    Output("picked", "children"),
    Input({"type": "pick", "index": ALL}, "n_clicks"),
    prevent_initial_call=True,
)
def pick(clicks):
    return f"Picked button {ctx.triggered_id['index']}; buttons the pattern matches: {len(clicks)}."


if __name__ == "__main__":
    app.run(debug=True)
