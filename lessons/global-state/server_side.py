"""Each visitor's notes on the server, under a random session id that their browser tab keeps."""

import os
import sqlite3
import tempfile
import time
import uuid
from contextlib import closing

from dash import Dash, Input, Output, State, dcc, html

# A file that every server process on this machine opens: whichever process
# answers, it reads the same notes.
DATABASE = os.path.join(tempfile.gettempdir(), "dash-notes.sqlite3")
# Server-side state outlives the visitor: it needs a rule for forgetting.
KEEP_SECONDS = 60 * 60
KEEP_ROWS = 1000


def database():
    connection = sqlite3.connect(DATABASE, timeout=10)
    connection.execute("CREATE TABLE IF NOT EXISTS notes (session TEXT, note TEXT, added REAL)")
    return connection


def add(session_id, note):
    now = time.time()
    with closing(database()) as db, db:
        db.execute("INSERT INTO notes VALUES (?, ?, ?)", (session_id, note, now))
        # Forget notes older than an hour, and all but the newest 1,000.
        db.execute(
            "DELETE FROM notes WHERE added < ? OR rowid <= (SELECT MAX(rowid) FROM notes) - ?",
            (now - KEEP_SECONDS, KEEP_ROWS),
        )


def notes_of(session_id):
    with closing(database()) as db:
        rows = db.execute(
            "SELECT note FROM notes WHERE session = ? ORDER BY rowid DESC LIMIT 5", (session_id,)
        ).fetchall()
    return [note for (note,) in reversed(rows)]


app = Dash(__name__)

app.layout = html.Div(
    [
        # Each browser tab's own id, kept in its sessionStorage.
        dcc.Store(id="session-id", storage_type="session"),
        dcc.Input(id="note", placeholder="Write a note", maxLength=80),
        html.Button("Add", id="add"),
        html.P(id="status"),
        html.Ul(id="notes"),
    ]
)


@app.callback(
    Output("notes", "children"),
    Output("status", "children"),
    Output("note", "value"),
    Output("session-id", "data"),
    Input("add", "n_clicks"),
    State("note", "value"),
    State("session-id", "data"),
)
def add_note(n_clicks, note, session_id):
    # A tab without an id gets a random one, at its first request.
    session_id = session_id or str(uuid.uuid4())
    if n_clicks and note:
        add(session_id, note[:80])
    notes = notes_of(session_id)
    status = f"Server process {os.getpid()}; notes for this session: {len(notes)}."
    return [html.Li(text) for text in notes], status, "", session_id


if __name__ == "__main__":
    app.run(debug=True)
