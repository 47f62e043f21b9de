"""State written before Input: Dash 4.4.1 accepts it and keeps the order you wrote."""

from dash import Dash, Input, Output, State, callback, dcc, html

app = Dash(__name__)

app.layout = html.Div(
    [
        dcc.Input(id="name", placeholder="Your name"),
        html.Button("Send", id="send"),
        html.P(id="receipt"),
    ]
)


# Parameters follow the decorator's order: name (State) first, then n_clicks (Input).
@callback(
    Output("receipt", "children"),
    State("name", "value"),
    Input("send", "n_clicks"),
    prevent_initial_call=True,
)
def send(name, n_clicks):
    return f"Sent to {name} (send clicked {n_clicks}x)"


if __name__ == "__main__":
    app.run(debug=True)
