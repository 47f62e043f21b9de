"""Every Input of describe_period comes with the filter; until then Dash skips it silently."""

from dash import Dash, Input, Output, callback, dcc, html

app = Dash(__name__, suppress_callback_exceptions=True)

app.layout = html.Div(
    [
        html.Button("Filter by period", id="by-period"),
        html.Div(id="period-filter"),
        html.P("Showing the whole history.", id="period"),
    ]
)


@callback(
    Output("period-filter", "children"),
    Input("by-period", "n_clicks"),
    prevent_initial_call=True,
)
def show_period_filter(n_clicks):
    return [
        dcc.RadioItems([2024, 2025], 2025, id="year", inline=True),
        dcc.RadioItems(["Q1", "Q2", "Q3", "Q4"], "Q1", id="quarter", inline=True),
    ]


@callback(Output("period", "children"), Input("year", "value"), Input("quarter", "value"))
def describe_period(year, quarter):
    return f"Showing {quarter} {year}."


if __name__ == "__main__":
    app.run(debug=True)
