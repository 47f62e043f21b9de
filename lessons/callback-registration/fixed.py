"""The same function, called once at import time: now the callback exists."""

from dash import Dash, Input, Output, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Count", id="count"),
        html.P("Not counted yet.", id="counted"),
    ]
)


def register_callbacks(app):
    @app.callback(
        Output("counted", "children"), Input("count", "n_clicks"), prevent_initial_call=True
    )
    def count(n_clicks):
        return f"Counted {n_clicks}x."


# The counterpart of `import callbacks` in app.py: once, before the app serves.
register_callbacks(app)

if __name__ == "__main__":
    app.run(debug=True)
