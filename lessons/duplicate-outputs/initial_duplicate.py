"""allow_duplicate callbacks that also run when the page loads."""

from dash import Dash, Input, Output, callback, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Button("Reload the plan", id="plan"),
        html.Button("Reload the budget", id="budget"),
        html.Ul([html.Li(id="plan-status"), html.Li(id="budget-status")]),
        html.P(id="last-update"),
    ]
)


# "initial_duplicate": run on page load despite allow_duplicate.
# Which of the two writes last-update last on load is not something to rely on.
@callback(
    Output("plan-status", "children"),
    Output("last-update", "children", allow_duplicate=True),
    Input("plan", "n_clicks"),
    prevent_initial_call="initial_duplicate",
)
def load_plan(n_clicks):
    return f"Plan loaded ({n_clicks or 0} reloads)", "Last update: plan"


@callback(
    Output("budget-status", "children"),
    Output("last-update", "children", allow_duplicate=True),
    Input("budget", "n_clicks"),
    prevent_initial_call="initial_duplicate",
)
def load_budget(n_clicks):
    return f"Budget loaded ({n_clicks or 0} reloads)", "Last update: budget"


if __name__ == "__main__":
    app.run(debug=False)
