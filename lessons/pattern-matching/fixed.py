"""MATCH for the task that was clicked, ALL for the summary of every task."""

from dash import ALL, MATCH, Dash, Input, Output, Patch, callback, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Add a task", id="add"),
        html.P(id="status"),
        html.Div(id="tasks", children=[]),
    ]
)


def task(number):
    return html.Div(
        [
            html.Button(f"Finish task {number}", id={"type": "finish", "index": number}),
            html.Span(" open", id={"type": "state", "index": number}),
        ]
    )


@callback(Output("tasks", "children"), Input("add", "n_clicks"), prevent_initial_call=True)
def add_task(n):
    tasks = Patch()
    tasks.append(task(n))
    return tasks


# MATCH: the state next to the button that was clicked, and no other.
@callback(
    Output({"type": "state", "index": MATCH}, "children"),
    Input({"type": "finish", "index": MATCH}, "n_clicks"),
    prevent_initial_call=True,
)
def finish(clicks):
    return " finished"


# ALL: every task at once. A new task changes the summary, so running then is right.
@callback(Output("status", "children"), Input({"type": "finish", "index": ALL}, "n_clicks"))
def summary(clicks):
    finished = sum(1 for count in clicks if count)
    return f"{finished} of {len(clicks)} tasks finished."


if __name__ == "__main__":
    app.run(debug=True)
