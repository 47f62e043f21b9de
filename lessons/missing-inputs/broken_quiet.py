"""The same app with dev tools off: nothing on the page, an error in the console."""

from dash import Dash, Input, Output, callback, dcc, html

app = Dash(__name__, suppress_callback_exceptions=True)

app.layout = html.Div(
    [
        dcc.RadioItems(["North", "South"], "North", id="region", inline=True),
        html.Button("Filter by year", id="by-year"),
        html.Div(id="year-filter"),
        html.P(id="summary"),
    ]
)


@callback(
    Output("year-filter", "children"),
    Input("by-year", "n_clicks"),
    prevent_initial_call=True,
)
def show_year_filter(n_clicks):
    return dcc.RadioItems([2024, 2025], 2025, id="year", inline=True)


# year is not on the page until "Filter by year" is clicked.
@callback(Output("summary", "children"), Input("region", "value"), Input("year", "value"))
def summarize(region, year):
    return f"Sales in the {region}, {year or 'all years'}."


if __name__ == "__main__":
    app.run(debug=False)
