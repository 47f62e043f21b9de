"""One note, three dcc.Store storage types: memory, session and local."""

from dash import Dash, Input, Output, State, dcc, html, no_update

app = Dash(__name__)

app.layout = html.Div(
    [
        # Same data, three places in the browser.
        dcc.Store(id="memory-notes", storage_type="memory", data=[]),
        dcc.Store(id="session-notes", storage_type="session", data=[]),
        dcc.Store(id="local-notes", storage_type="local", data=[]),
        dcc.Input(id="note", placeholder="Write a note", maxLength=80),
        html.Button("Add to all three", id="add"),
        html.P(id="memory-shown"),
        html.P(id="session-shown"),
        html.P(id="local-shown"),
    ]
)


@app.callback(
    Output("memory-notes", "data"),
    Output("session-notes", "data"),
    Output("local-notes", "data"),
    Output("note", "value"),
    Input("add", "n_clicks"),
    State("note", "value"),
    State("memory-notes", "data"),
    State("session-notes", "data"),
    State("local-notes", "data"),
    prevent_initial_call=True,
)
def add_note(n_clicks, note, memory, session, local):
    if not note:
        return no_update, no_update, no_update, no_update
    note = note[:80]
    return (memory + [note])[-5:], (session + [note])[-5:], (local + [note])[-5:], ""


def shown(kind, notes):
    return f"{kind}: {', '.join(notes) if notes else '(empty)'}"


@app.callback(
    Output("memory-shown", "children"),
    Output("session-shown", "children"),
    Output("local-shown", "children"),
    Input("memory-notes", "data"),
    Input("session-notes", "data"),
    Input("local-notes", "data"),
)
def show_notes(memory, session, local):
    return shown("memory", memory), shown("session", session), shown("local", local)


if __name__ == "__main__":
    app.run(debug=True)
