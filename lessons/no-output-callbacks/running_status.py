"""running= shows a message while the callback works; the browser sets it, not Python."""

import time

from dash import Dash, Input, Output, callback, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Save", id="save"),
        html.P("Not saved yet.", id="status"),
    ]
)


@callback(
    Output("status", "children"),
    Input("save", "n_clicks"),
    # Applied when the request leaves; the returned value replaces it at the end.
    running=[(Output("status", "children"), "Saving…", "")],
    prevent_initial_call=True,
)
def save(n_clicks):
    time.sleep(1)  # the slow part the learner waits for
    return f"Saved ({n_clicks}x)."


if __name__ == "__main__":
    app.run(debug=True)
