"""One helper builds two panels; a prefix argument gives each panel ids of its own."""

from dash import Dash, Input, Output, callback, html

app = Dash(__name__)


# Every id of a panel starts with its prefix, so two panels never share one.
def panel(prefix, title):
    return html.Div(
        [
            html.Button(f"Add {title}", id=f"{prefix}-add"),
            html.Span(f"No {title} yet", id=f"{prefix}-count"),
        ]
    )


app.layout = html.Div([panel("apples", "apples"), panel("pears", "pears")])


# Unique ids: each panel needs a callback of its own.
@callback(
    Output("apples-count", "children"),
    Input("apples-add", "n_clicks"),
    prevent_initial_call=True,
)
def count_apples(clicks):
    return f"Added: {clicks}"


@callback(
    Output("pears-count", "children"),
    Input("pears-add", "n_clicks"),
    prevent_initial_call=True,
)
def count_pears(clicks):
    return f"Added: {clicks}"


if __name__ == "__main__":
    app.run(debug=True)
