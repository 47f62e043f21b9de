"""One callback owns the Output and asks ctx.triggered_id which button was clicked."""

from dash import Dash, Input, Output, callback, ctx, dcc, html

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


@callback(
    Output("message", "children"),
    Input("hello", "n_clicks"),
    Input("goodbye", "n_clicks"),
    prevent_initial_call=True,
)
def speak(hello_clicks, goodbye_clicks):
    if ctx.triggered_id == "hello":
        return f"Hello! (hello clicked {hello_clicks}x)"
    return f"Goodbye! (goodbye clicked {goodbye_clicks}x)"


@callback(Output("greeting", "children"), Input("name", "value"))
def greet(name):
    return f"Nice to meet you, {name}." if name else "Who are you?"


if __name__ == "__main__":
    app.run(debug=True)
