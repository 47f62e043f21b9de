"""The fixed app without prevent_initial_call on count: every append re-runs every count."""

from dash import ALL, MATCH, Dash, Input, Output, Patch, callback, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Add a counter", id="add"),
        html.P("Total clicks: 0", id="total"),
        html.Div(id="counters", children=[]),
    ]
)


@callback(Output("counters", "children"), Input("add", "n_clicks"), prevent_initial_call=True)
def add_counter(n):
    counters = Patch()
    counters.append(
        html.Div(
            [
                html.Button(f"Counter {n}", id={"type": "counter", "index": n}),
                html.Span("Clicks: 0", id={"type": "clicks", "index": n}),
            ]
        )
    )
    return counters


# No prevent_initial_call: the append sends every counter again, as new
# layout, and count runs for each of them as if the page had just loaded.
@callback(
    Output({"type": "clicks", "index": MATCH}, "children"),
    Input({"type": "counter", "index": MATCH}, "n_clicks"),
)
def count(clicks):
    return f"Clicks: {clicks or 0}"


# ALL: one list with the clicks of every counter on the page.
@callback(
    Output("total", "children"),
    Input({"type": "counter", "index": ALL}, "n_clicks"),
    prevent_initial_call=True,
)
def total(all_clicks):
    return f"Total clicks: {sum(clicks or 0 for clicks in all_clicks)}"


if __name__ == "__main__":
    app.run(debug=True)
