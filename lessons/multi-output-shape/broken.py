"""Three Outputs, and one branch that still returns two values (dev tools on)."""

from dash import Dash, Input, Output, State, callback, dcc, html

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
    # Added last, to empty the box after signing.
    Output("name", "value"),
    Input("sign", "n_clicks"),
    State("name", "value"),
    prevent_initial_call=True,
)
def sign(n_clicks, name):
    if not name:
        # Written before the third Output existed: two values for three outputs.
        return "Type your name first.", {"color": "crimson"}
    return f"Thank you for signing, {name}!", {"color": "green"}, ""


if __name__ == "__main__":
    app.run(debug=True)
