"""The same rebuilt form with persistence: the user's choices survive the rebuild."""

from dash import Dash, Input, Output, callback, dcc, html

LABELS = {"en": ("City", "Note"), "pt": ("Cidade", "Nota")}

app = Dash(__name__)

app.layout = html.Div(
    [
        dcc.RadioItems({"en": "English", "pt": "Português"}, "en", id="language", inline=True),
        html.Div(id="form"),
    ]
)


# persistence re-applies the user's value while the callback returns the same default.
# "memory" keeps it for this page view only.
@callback(Output("form", "children"), Input("language", "value"))
def build_form(language):
    city_label, note_label = LABELS[language]
    remember = {"persistence": True, "persistence_type": "memory"}
    return [
        html.Label(city_label, htmlFor="city"),
        dcc.Dropdown(["Lisbon", "Oslo", "Tokyo"], "Lisbon", id="city", clearable=False, **remember),
        html.Label(note_label, htmlFor="note"),
        dcc.Input(id="note", **remember),
    ]


if __name__ == "__main__":
    app.run(debug=False)
