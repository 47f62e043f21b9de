"""Each visitor's notes in a dcc.Store in their own browser tab: the server keeps nothing."""

import os

from dash import Dash, Input, Output, State, dcc, html, no_update

app = Dash(__name__)

app.layout = html.Div(
    [
        # The notes live in this browser tab (sessionStorage), not on the server.
        dcc.Store(id="my-notes", storage_type="session", data=[]),
        dcc.Input(id="note", placeholder="Write a note", maxLength=80),
        html.Button("Add", id="add"),
        html.P(id="status"),
        html.Ul(id="notes"),
    ]
)


@app.callback(
    Output("my-notes", "data"),
    Output("note", "value"),
    Input("add", "n_clicks"),
    State("note", "value"),
    State("my-notes", "data"),
    prevent_initial_call=True,
)
def add_note(n_clicks, note, notes):
    if not note:
        return no_update, no_update
    return (notes + [note[:80]])[-5:], ""


@app.callback(
    Output("notes", "children"),
    Output("status", "children"),
    Input("my-notes", "data"),
)
def show_notes(notes):
    status = f"Server process {os.getpid()}; notes in this tab: {len(notes)}."
    return [html.Li(text) for text in notes], status


if __name__ == "__main__":
    app.run(debug=True)
