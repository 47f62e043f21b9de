"""State(..., allow_optional=True): the callback gets None, yet the page-load check objects."""

from dash import Dash, Input, Output, State, callback, dcc, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Add a note", id="add-note"),
        html.Div(id="note-box"),
        html.Button("Save", id="save"),
        html.P(id="saved"),
    ]
)


@callback(Output("note-box", "children"), Input("add-note", "n_clicks"), prevent_initial_call=True)
def show_note_box(n_clicks):
    return dcc.Input(id="note", placeholder="Note")


@callback(
    Output("saved", "children"),
    Input("save", "n_clicks"),
    State("note", "value", allow_optional=True),
    prevent_initial_call=True,
)
def save(n_clicks, note):
    return f"Saved with note: {note!r}"


if __name__ == "__main__":
    app.run(debug=True)
