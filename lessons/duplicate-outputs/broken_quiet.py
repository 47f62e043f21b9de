"""The same two callbacks with dev tools off: no error, and the wrong function answers."""

from dash import Dash, Input, Output, callback, dcc, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Say hello", id="hello"),
        html.Button("Say goodbye", id="goodbye"),
        html.P("Nobody has spoken yet.", id="message"),
        dcc.Input(id="name", placeholder="Type your name"),
        html.P(id="greeting"),
    ]
)


@callback(Output("message", "children"), Input("hello", "n_clicks"), prevent_initial_call=True)
def say_hello(n_clicks):
    return f"Hello! (hello clicked {n_clicks}x)"


# Same Output as say_hello: Dash allows one callback per component property.
@callback(Output("message", "children"), Input("goodbye", "n_clicks"), prevent_initial_call=True)
def say_goodbye(n_clicks):
    return f"Goodbye! (goodbye clicked {n_clicks}x)"


# Unrelated to the clash, yet it stops working too.
@callback(Output("greeting", "children"), Input("name", "value"))
def greet(name):
    return f"Nice to meet you, {name}." if name else "Who are you?"


if __name__ == "__main__":
    app.run(debug=False)
