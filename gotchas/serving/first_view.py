"""The index page of a lesson path carries that lesson's first view (gotchas/page/first_view.py)."""

from types import MappingProxyType

from flask import request


def serve_first_views(app, views):
    """Put views[path] before Dash's entry point, and its title in <title>."""
    views = MappingProxyType(dict(views))
    interpolate = app.interpolate_index

    def interpolate_index(**kwargs):
        view = views.get(request.path.rstrip("/") or "/")
        if view:
            title, body = view
            kwargs = {**kwargs, "title": title, "app_entry": body + kwargs["app_entry"]}
        return interpolate(**kwargs)

    app.interpolate_index = interpolate_index
