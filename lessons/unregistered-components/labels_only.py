"""The same language switch, writing only the label texts: the form keeps its values."""

from dash import Dash, Input, Output, callback, dcc, html

LABELS = {"en": ("City", "Note"), "pt": ("Cidade", "Nota")}

app = Dash(__name__)

app.layout = html.Div(
    [
        dcc.RadioItems({"en": "English", "pt": "Português"}, "en", id="language", inline=True),
        html.Label(id="city-label", htmlFor="city"),
        dcc.Dropdown(["Lisbon", "Oslo", "Tokyo"], "Lisbon", id="city", clearable=False),
        html.Label(id="note-label", htmlFor="note"),
        dcc.Input(id="note"),
    ]
)


# Only the words change; the dropdown and the input are never sent again.
@callback(
    Output("city-label", "children"),
    Output("note-label", "children"),
    Input("language", "value"),
)
def translate_labels(language):
    return LABELS[language]


if __name__ == "__main__":
    app.run(debug=False)
