"""set_props and an Output on the same property: the message set first never shows."""

import time

from dash import Dash, Input, Output, callback, html, set_props

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Save", id="save"),
        html.P("Not saved yet.", id="status"),
    ]
)


@callback(Output("status", "children"), Input("save", "n_clicks"), prevent_initial_call=True)
def save(n_clicks):
    set_props("status", {"children": "Saving…"})
    time.sleep(1)  # the slow part the learner waits for
    return f"Saved ({n_clicks}x)."


if __name__ == "__main__":
    app.run(debug=True)
