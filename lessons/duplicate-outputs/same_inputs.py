"""Two allow_duplicate callbacks with the same Input: they clash again."""

from dash import Dash, Input, Output, State, callback, dcc, html

app = Dash(__name__)

app.layout = html.Div(
    [
        dcc.Input(id="first", value="Ada"),
        dcc.Input(id="last", value="Lovelace"),
        html.Button("Sign", id="sign"),
        html.P("Not signed yet.", id="message"),
    ]
)


# The suffix allow_duplicate adds is made from the callback's Inputs only, and
# both callbacks have the same one: the two Outputs get the same key.
@callback(
    Output("message", "children", allow_duplicate=True),
    Input("sign", "n_clicks"),
    State("first", "value"),
    prevent_initial_call=True,
)
def sign_first_name(n_clicks, first):
    return f"Signed by {first} ({n_clicks}x)"


@callback(
    Output("message", "children", allow_duplicate=True),
    Input("sign", "n_clicks"),
    State("last", "value"),
    prevent_initial_call=True,
)
def sign_last_name(n_clicks, last):
    return f"Signed by {last} ({n_clicks}x)"


if __name__ == "__main__":
    app.run(debug=True)
