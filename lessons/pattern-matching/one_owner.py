"""One callback adds the tasks and names the finished one: it never runs for tasks it added."""

from dash import ALL, Dash, Input, Output, Patch, callback, ctx, html, no_update

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Add a task", id="add"),
        html.P("No task finished yet.", id="status"),
        html.Div(id="tasks", children=[]),
    ]
)


def task(number):
    return html.Div(html.Button(f"Finish task {number}", id={"type": "finish", "index": number}))


# ctx.triggered_id is "add", a string, or the dict id of one Finish button.
@callback(
    Output("tasks", "children"),
    Output("status", "children"),
    Input("add", "n_clicks"),
    Input({"type": "finish", "index": ALL}, "n_clicks"),
    prevent_initial_call=True,
)
def update(add_clicks, finish_clicks):
    if ctx.triggered_id == "add":
        tasks = Patch()
        tasks.append(task(add_clicks))
        return tasks, no_update
    return no_update, f"You finished task {ctx.triggered_id['index']}."


if __name__ == "__main__":
    app.run(debug=True)
