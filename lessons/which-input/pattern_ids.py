"""With pattern-matching ids, ctx.triggered_id is a dict; adding a task lists every button."""

from dash import ALL, Dash, Input, Output, Patch, callback, ctx, html, no_update

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Add a task", id="add"),
        html.Ul(id="tasks", children=[]),
        html.P("No task done yet.", id="done"),
        html.Pre(id="context", style={"whiteSpace": "pre-wrap"}),
    ]
)


@callback(Output("tasks", "children"), Input("add", "n_clicks"), prevent_initial_call=True)
def add_task(n):
    tasks = Patch()
    tasks.append(html.Li(html.Button(f"Finish task {n}", id={"type": "finish", "index": n})))
    return tasks


@callback(
    Output("done", "children"),
    Output("context", "children"),
    Input({"type": "finish", "index": ALL}, "n_clicks"),
    prevent_initial_call=True,
)
def finish(clicks):
    shown = "\n".join(
        [
            f"ctx.triggered_id = {ctx.triggered_id!r}",
            f"ctx.triggered[0]['prop_id'] = {ctx.triggered[0]['prop_id']!r}",
            f"len(ctx.triggered) = {len(ctx.triggered)}",
        ]
    )
    # A click changes one button. A new task redraws the list, and then every
    # button in it is listed as triggered, clicked or not.
    if len(ctx.triggered) > 1 or not ctx.triggered[0]["value"]:
        return no_update, shown
    return f"Task {ctx.triggered_id['index']} is done.", shown


if __name__ == "__main__":
    app.run(debug=False)
