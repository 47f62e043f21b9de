"""Two callbacks set one property with set_props; neither declares it as an Output."""

from dash import Dash, Input, callback, html, set_props

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Say hello", id="hello"),
        html.Button("Say goodbye", id="goodbye"),
        html.P("Nobody has spoken yet.", id="message"),
    ]
)


@callback(Input("hello", "n_clicks"), prevent_initial_call=True)
def say_hello(n_clicks):
    set_props("message", {"children": f"Hello! (hello clicked {n_clicks}x)"})


@callback(Input("goodbye", "n_clicks"), prevent_initial_call=True)
def say_goodbye(n_clicks):
    set_props("message", {"children": f"Goodbye! (goodbye clicked {n_clicks}x)"})


if __name__ == "__main__":
    app.run(debug=True)
