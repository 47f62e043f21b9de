"""background=True with no manager: the app starts, and the first run fails."""

import time

from dash import Dash, Input, Output, callback, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Make report", id="make"),
        html.P("No report yet.", id="report"),
    ]
)


@callback(
    Output("report", "children"),
    Input("make", "n_clicks"),
    background=True,  # but no background_callback_manager, and no manager=
    prevent_initial_call=True,
)
def make_report(n_clicks):
    time.sleep(2)
    return f"Report {n_clicks} is ready."


if __name__ == "__main__":
    app.run(debug=True)
