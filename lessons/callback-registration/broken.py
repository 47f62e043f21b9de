"""The callback sits in a function nobody calls, like a callbacks module nobody imports."""

from dash import Dash, Input, Output, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Count", id="count"),
        html.P("Not counted yet.", id="counted"),
    ]
)


# In a bigger app this would be callbacks.py. The decorator runs only when this
# function runs, and nothing in this file ever calls it.
def register_callbacks(app):
    @app.callback(
        Output("counted", "children"), Input("count", "n_clicks"), prevent_initial_call=True
    )
    def count(n_clicks):
        return f"Counted {n_clicks}x."


if __name__ == "__main__":
    app.run(debug=True)
