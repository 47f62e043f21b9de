"""Two callbacks that feed each other: a slider and a number box, each copying the other."""

import time

from dash import Dash, Input, Output, callback, dcc, html

# Seconds each callback takes, like a busy server far away: long enough to type into.
SERVER_DELAY = 0.3

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Label("Volume", htmlFor="box"),
        dcc.Input(id="box", type="number", min=0, max=100, value=20),
        dcc.Slider(id="slider", min=0, max=100, step=1, value=20, allow_direct_input=False),
    ]
)


@callback(Output("box", "value"), Input("slider", "value"))
def box_follows_slider(value):
    time.sleep(SERVER_DELAY)
    return value


# Feeds box_follows_slider, which feeds this one: a loop of two callbacks.
@callback(Output("slider", "value"), Input("box", "value"))
def slider_follows_box(value):
    time.sleep(SERVER_DELAY)
    return value


if __name__ == "__main__":
    app.run(debug=True)
