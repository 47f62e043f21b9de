"""A property set to the value it already has: by a callback, by you."""

from dash import Dash, Input, Output, callback, dcc, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Set to 50", id="reset"),
        html.Label("Level"),
        dcc.Slider(id="level", min=0, max=100, step=10, value=50, allow_direct_input=False),
        html.P(id="shown"),
    ]
)


# Returns 50 every time, even when the slider is already at 50.
@callback(Output("level", "value"), Input("reset", "n_clicks"), prevent_initial_call=True)
def set_to_fifty(n_clicks):
    return 50


@callback(Output("shown", "children"), Input("level", "value"))
def show_level(level):
    return f"Level {level}"


if __name__ == "__main__":
    app.run(debug=True)
