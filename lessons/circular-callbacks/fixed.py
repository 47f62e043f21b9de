"""One callback owns both values, as Input and as Output; ctx.triggered_id says which moved."""

import time

from dash import Dash, Input, Output, callback, ctx, dcc, html, no_update

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


# Both start at 20, so there is nothing to copy on page load.
@callback(
    Output("box", "value"),
    Output("slider", "value"),
    Input("box", "value"),
    Input("slider", "value"),
    prevent_initial_call=True,
)
def sync(box_value, slider_value):
    time.sleep(SERVER_DELAY)
    if ctx.triggered_id == "box":
        return no_update, box_value
    return slider_value, no_update


if __name__ == "__main__":
    app.run(debug=True)
