"""output=dict(...): one value per name, in any order; no_update works by name too."""

from dash import Dash, Input, Output, State, callback, dcc, html, no_update

app = Dash(__name__)

app.layout = html.Div(
    [
        dcc.Input(id="name", placeholder="Your name"),
        html.Button("Sign", id="sign"),
        html.P("Nobody has signed yet.", id="message"),
    ]
)


@callback(
    output=dict(
        text=Output("message", "children"),
        style=Output("message", "style"),
        box=Output("name", "value"),
    ),
    inputs=dict(n_clicks=Input("sign", "n_clicks")),
    state=dict(name=State("name", "value")),
    prevent_initial_call=True,
)
def sign(n_clicks, name):
    if not name:
        return dict(style={"color": "crimson"}, text="Type your name first.", box=no_update)
    return dict(text=f"Thank you for signing, {name}!", style={"color": "green"}, box="")


if __name__ == "__main__":
    app.run(debug=True)
