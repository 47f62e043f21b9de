"""Notes in a module-level list: every visitor of this server process reads and writes it."""

import os

from dash import Dash, Input, Output, State, dcc, html

# The mistake: the notes live in the module, so they belong to the server
# process, not to the person who typed them. Every visitor shares this list.
NOTES = []

app = Dash(__name__)

app.layout = html.Div(
    [
        dcc.Input(id="note", placeholder="Write a note", maxLength=80),
        html.Button("Add", id="add"),
        html.P(id="status"),
        html.Ul(id="notes"),
    ]
)


# Runs when the page loads too, so a new visitor sees the list as it is.
@app.callback(
    Output("notes", "children"),
    Output("status", "children"),
    Output("note", "value"),
    Input("add", "n_clicks"),
    State("note", "value"),
)
def add_note(n_clicks, note):
    if n_clicks and note:
        NOTES.append(note[:80])
        del NOTES[:-5]  # keep the last five
    status = f"Server process {os.getpid()}; notes in its list: {len(NOTES)}."
    return [html.Li(text) for text in NOTES], status, ""


if __name__ == "__main__":
    app.run(debug=True)
