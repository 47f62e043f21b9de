"""Callback Gotchas: the site. `python app.py` serves it; gunicorn serves `app:server`."""

import os

from dash import Dash

from gotchas.catalog import EXAMPLES, LESSONS
from gotchas.examples.isolation import own_app_for_each_request
from gotchas.examples.mounting import mount_examples, warm_up
from gotchas.page.first_view import first_views
from gotchas.page.shell import shell
from gotchas.serving import local
from gotchas.serving.bundles import strip_inline_source_maps
from gotchas.serving.caching import cache_versioned_assets
from gotchas.serving.compression import compress_responses
from gotchas.serving.first_view import serve_first_views
from gotchas.serving.guards import guard
from gotchas.serving.headers import add_security_headers, allow_inline_scripts_of
from gotchas.serving.proxy import behind_proxies
from gotchas.serving.routes import add_routes
from gotchas.serving.search import add_search_index
from gotchas.serving.theme import ASSETS_IGNORED, with_theme_script

app = Dash(
    __name__,
    use_pages=True,
    title="Callback Gotchas",
    assets_path_ignore=["example", ASSETS_IGNORED],
    update_title=None,
    # Lesson pages arrive after load. Without this, Dash would also ship every
    # page's layout in the index as a validation layout: 120 kB per lesson.
    suppress_callback_exceptions=True,
)
app.index_string = with_theme_script(app.index_string.replace("<html>", '<html lang="en">', 1))
app.layout = shell(LESSONS)
serve_first_views(app, first_views(LESSONS, EXAMPLES))
mount_examples(app, EXAMPLES)
add_routes(app.server, EXAMPLES)
add_search_index(app.server, LESSONS)
guard(app)
own_app_for_each_request(app)  # the examples' callbacks run in the same threads
add_security_headers(app.server)
cache_versioned_assets(app.server)
compress_responses(app.server)
strip_inline_source_maps(app.server)  # after_request runs last-registered first: before gzip
if os.environ.get("DASH_DEBUG", "").lower() in {"1", "true", "yes"}:
    # Dev tools for the site's own pages; never the Werkzeug debugger.
    app.enable_dev_tools(debug=True, dev_tools_hot_reload=False)
# Set everything up before the first visitor, not during (plotly/dash#3971).
warm_up(app.server)
allow_inline_scripts_of(app)
server = app.server
behind_proxies(server)

if __name__ == "__main__":
    # app.run would set dev tools up again, after the warm-up: serve as configured.
    local.serve(server)
