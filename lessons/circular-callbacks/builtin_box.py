"""Dash 4's slider has a number box of its own: no callback at all keeps them together."""

from dash import Dash, Input, Output, callback, dcc, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Label("Volume"),
        dcc.Slider(id="slider", min=0, max=100, step=1, value=20),
        html.P(id="volume"),
    ]
)


@callback(Output("volume", "children"), Input("slider", "value"))
def show_volume(value):
    return f"Volume {value}"


if __name__ == "__main__":
    app.run(debug=True)
