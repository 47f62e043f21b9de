"""Mark the Input that may be missing: Dash passes None for it while it is off the page."""

from dash import Dash, Input, Output, callback, dcc, html

app = Dash(__name__)

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


# allow_optional also tells the page-load ID check not to expect year,
# so this app needs no suppress_callback_exceptions.
@callback(
    Output("summary", "children"),
    Input("region", "value"),
    Input("year", "value", allow_optional=True),
)
def summarize(region, year):
    return f"Sales in the {region}, {year or 'all years'}."


if __name__ == "__main__":
    app.run(debug=True)
