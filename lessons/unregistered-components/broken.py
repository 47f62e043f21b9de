"""The old worry: no callback reads the city or the note. Their values stay put anyway."""

from dash import Dash, Input, Output, callback, dcc, html

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


# Re-renders part of the page: before Dash 0.40 this reset city and note.
@callback(Output("report", "children"), Input("refresh", "n_clicks"))
def refresh_report(n_clicks):
    return html.P(f"Report version {(n_clicks or 0) + 1}")


if __name__ == "__main__":
    app.run(debug=False)
