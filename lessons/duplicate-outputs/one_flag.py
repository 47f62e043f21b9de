"""allow_duplicate=True on only one of the two callbacks: Dash accepts it."""

from dash import Dash, Input, Output, callback, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Say hello", id="hello"),
        html.Button("Say goodbye", id="goodbye"),
        html.P("Nobody has spoken yet.", id="message"),
    ]
)


@callback(Output("message", "children"), Input("hello", "n_clicks"), prevent_initial_call=True)
def say_hello(n_clicks):
    return f"Hello! (hello clicked {n_clicks}x)"


# Only this Output is marked: its key gets a suffix, say_hello keeps the plain one.
@callback(
    Output("message", "children", allow_duplicate=True),
    Input("goodbye", "n_clicks"),
    prevent_initial_call=True,
)
def say_goodbye(n_clicks):
    return f"Goodbye! (goodbye clicked {n_clicks}x)"


if __name__ == "__main__":
    app.run(debug=True)
