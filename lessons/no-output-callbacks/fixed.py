"""One callback without Outputs does both jobs; set_props on the name also runs greet."""

from dash import Dash, Input, Output, callback, dcc, html, set_props

app = Dash(__name__)

app.layout = html.Div(
    [
        dcc.Input(id="name", value="Ada"),
        html.Button("Reset", id="reset"),
        html.P(id="greeting"),
        html.P("Nothing reset yet.", id="status"),
    ]
)


@callback(Output("greeting", "children"), Input("name", "value"))
def greet(name):
    return f"Hello, {name}!" if name else "Who are you?"


@callback(Input("reset", "n_clicks"), prevent_initial_call=True)
def reset(n_clicks):
    set_props("name", {"value": ""})
    set_props("status", {"children": f"Reset {n_clicks}x."})


if __name__ == "__main__":
    app.run(debug=True)
