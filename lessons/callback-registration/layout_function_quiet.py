"""The same layout function with dev tools off: it counts, and nothing warns."""

from dash import Dash, Input, Output, callback, html

app = Dash(__name__)


def serve_layout():
    # Runs every time Dash calls serve_layout, not once.
    @callback(Output("counted", "children"), Input("count", "n_clicks"), prevent_initial_call=True)
    def count(n_clicks):
        return f"Counted {n_clicks}x."

    return html.Div(
        [
            html.Button("Count", id="count"),
            html.P("Not counted yet.", id="counted"),
        ]
    )


app.layout = serve_layout

if __name__ == "__main__":
    app.run(debug=False)
