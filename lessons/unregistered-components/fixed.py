"""When a callback needs the city or the note, it reads them as State."""

from dash import Dash, Input, Output, State, callback, dcc, html

app = Dash(__name__)

app.layout = html.Div(
    [
        html.Label("City", htmlFor="city"),
        dcc.Dropdown(["Lisbon", "Oslo", "Tokyo"], "Lisbon", id="city", clearable=False),
        html.Label("Note", htmlFor="note"),
        dcc.Input(id="note", placeholder="Type a note"),
        html.Button("Refresh the report", id="refresh"),
        html.Div(id="report"),
    ]
)


# State: read the current values when the button fires, without firing on every edit.
@callback(
    Output("report", "children"),
    Input("refresh", "n_clicks"),
    State("city", "value"),
    State("note", "value"),
)
def refresh_report(n_clicks, city, note):
    return html.P(f"Report version {(n_clicks or 0) + 1} for {city}: {note or 'no note'}")


if __name__ == "__main__":
    app.run(debug=False)
