"""Every branch returns one value per Output; no_update leaves one of them alone."""

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
    Output("message", "children"),
    Output("message", "style"),
    Output("name", "value"),
    Input("sign", "n_clicks"),
    State("name", "value"),
    prevent_initial_call=True,
)
def sign(n_clicks, name):
    if not name:
        # Three values again; no_update keeps whatever is in the box.
        return "Type your name first.", {"color": "crimson"}, no_update
    return f"Thank you for signing, {name}!", {"color": "green"}, ""


if __name__ == "__main__":
    app.run(debug=True)
