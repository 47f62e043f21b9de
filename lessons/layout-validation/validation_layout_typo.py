"""A multi-page app with a typo: app.validation_layout keeps the check, so Dash names it."""

from dash import Dash, Input, Output, callback, dcc, html

app = Dash(__name__)

orders_page = html.Div(
    [
        html.H4("Orders"),
        dcc.Input(id="quantity", type="number", min=1, value=1),
        html.P(id="total"),
    ]
)

customers_page = html.Div(
    [
        html.H4("Customers"),
        dcc.RadioItems(["Ada", "Grace"], "Ada", id="customer"),
        html.P(id="customer-since"),
    ]
)

app.layout = html.Div(
    [
        dcc.Location(id="url"),
        html.Nav(
            [dcc.Link("Orders", href="orders"), " | ", dcc.Link("Customers", href="customers")]
        ),
        html.Div(id="page"),
    ]
)

# Checked at page load instead of app.layout, never displayed: the page-load
# check now knows every ID that any page can bring.
app.validation_layout = html.Div([app.layout, orders_page, customers_page])


@callback(Output("page", "children"), Input("url", "pathname"))
def show_page(pathname):
    pages = {"orders": orders_page, "customers": customers_page}
    return pages.get(app.strip_relative_path(pathname), html.P("Pick a page."))


@callback(Output("total", "children"), Input("quantity", "value"))
def update_total(quantity):
    return f"Total: {(quantity or 0) * 12} EUR"


# "customer-snice" is in no page: unlike suppress_callback_exceptions, the check catches it.
@callback(Output("customer-snice", "children"), Input("customer", "value"))
def update_customer(customer):
    return f"{customer} has been a customer since {2019 if customer == 'Ada' else 2021}."


if __name__ == "__main__":
    app.run(debug=True)
