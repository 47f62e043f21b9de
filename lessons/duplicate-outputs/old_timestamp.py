"""Before callback_context (Dash 0.38): compare n_clicks_timestamp. It still works."""

from dash import Dash, Input, Output, callback, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Say hello", id="hello"),
        html.Button("Say goodbye", id="goodbye"),
        html.P("Nobody has spoken yet.", id="message"),
    ]
)


# Each click stamps the button with the time in milliseconds; the newer stamp wins.
@callback(
    Output("message", "children"),
    Input("hello", "n_clicks_timestamp"),
    Input("goodbye", "n_clicks_timestamp"),
    prevent_initial_call=True,
)
def speak(hello_time, goodbye_time):
    if (hello_time or -1) > (goodbye_time or -1):
        return "Hello!"
    return "Goodbye!"


if __name__ == "__main__":
    app.run(debug=False)
