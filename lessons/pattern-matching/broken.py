"""One ALL callback names the task that was finished: adding a task names one nobody finished."""

from dash import ALL, Dash, Input, Output, Patch, callback, ctx, html

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


@callback(Output("tasks", "children"), Input("add", "n_clicks"), prevent_initial_call=True)
def add_task(n):
    tasks = Patch()
    tasks.append(task(n))
    return tasks


# ALL: one callback for every Finish button. The mistake: taking ctx.triggered_id for a click.
@callback(
    Output("status", "children"),
    Input({"type": "finish", "index": ALL}, "n_clicks"),
    prevent_initial_call=True,
)
def report(clicks):
    return f"You finished task {ctx.triggered_id['index']}."


if __name__ == "__main__":
    app.run(debug=True)
