"""What does still reset a value: a callback that returns the component again."""

from dash import Dash, Input, Output, callback, dcc, html

LABELS = {"en": ("City", "Note"), "pt": ("Cidade", "Nota")}

app = Dash(__name__)

app.layout = html.Div(
    [
        dcc.RadioItems({"en": "English", "pt": "Português"}, "en", id="language", inline=True),
        html.Div(id="form"),
    ]
)


# Every run returns a fresh dropdown and input, with the values written here.
@callback(Output("form", "children"), Input("language", "value"))
def build_form(language):
    city_label, note_label = LABELS[language]
    return [
        html.Label(city_label, htmlFor="city"),
        dcc.Dropdown(["Lisbon", "Oslo", "Tokyo"], "Lisbon", id="city", clearable=False),
        html.Label(note_label, htmlFor="note"),
        dcc.Input(id="note"),
    ]


if __name__ == "__main__":
    app.run(debug=False)
