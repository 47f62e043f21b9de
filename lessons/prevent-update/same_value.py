"""Returning the value an output already has: the chained callback still runs."""

from dash import Dash, Input, Output, State, callback, dcc, html

app = Dash(__name__)

app.layout = html.Div(
    [
        dcc.Input(id="name", placeholder="Your name"),
        html.Button("Save", id="save"),
        html.P(["Saved name: ", html.B("nobody", id="saved")]),
        html.P("No greeting yet.", id="greeting"),
    ]
)


@callback(
    Output("saved", "children"),
    Input("save", "n_clicks"),
    State("name", "value"),
    State("saved", "children"),
    prevent_initial_call=True,
)
def save(n_clicks, name, saved):
    if not name:
        return saved
    return name


@callback(Output("greeting", "children"), Input("saved", "children"), prevent_initial_call=True)
def greet(saved):
    return f"Hello, {saved}!"


if __name__ == "__main__":
    app.run(debug=True)
