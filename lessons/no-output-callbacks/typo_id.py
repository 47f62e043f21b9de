"""set_props with an id that is not in the layout: Dash finds out only when it runs."""

from dash import Dash, Input, callback, html, set_props

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Reset", id="reset"),
        html.P("Nothing reset yet.", id="status"),
    ]
)


@callback(Input("reset", "n_clicks"), prevent_initial_call=True)
def reset(n_clicks):
    # "satus": a typo. No Output names it, so no check at startup can catch it.
    set_props("satus", {"children": f"Reset {n_clicks}x."})


if __name__ == "__main__":
    app.run(debug=True)
