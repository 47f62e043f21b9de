"""The same button, with a callback that returns no_update when the level is already 50."""

from dash import Dash, Input, Output, State, callback, dcc, html, no_update

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Set to 50", id="reset"),
        html.Label("Level"),
        dcc.Slider(id="level", min=0, max=100, step=10, value=50, allow_direct_input=False),
        html.P(id="shown"),
    ]
)


# no_update writes nothing, so nothing downstream runs.
@callback(
    Output("level", "value"),
    Input("reset", "n_clicks"),
    State("level", "value"),
    prevent_initial_call=True,
)
def set_to_fifty(n_clicks, level):
    return no_update if level == 50 else 50


@callback(Output("shown", "children"), Input("level", "value"))
def show_level(level):
    return f"Level {level}"


if __name__ == "__main__":
    app.run(debug=True)
