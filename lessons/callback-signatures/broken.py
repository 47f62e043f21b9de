"""One Output in brackets: Dash expects a list back, and a bare string fails."""

from dash import Dash, Input, Output, callback, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Say hello", id="hello"),
        html.P("Nobody has spoken yet.", id="message"),
    ]
)


# The brackets make this a multi-output callback that happens to have one output.
@callback([Output("message", "children")], Input("hello", "n_clicks"), prevent_initial_call=True)
def say_hello(n_clicks):
    return f"Hello! (clicked {n_clicks}x)"


if __name__ == "__main__":
    app.run(debug=True)
