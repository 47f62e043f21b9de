"""How long browsers may keep what the site sends.

Dash names every asset with its file's modification time (`?m=...`) and every
bundle with its version: such a URL never changes content, so the browser keeps
it for a year and does not even ask again. Everything else (pages, layouts,
answers) is asked for each time; unversioned files are revalidated by ETag.
"""

from flask import request

FOREVER = "public, max-age=31536000, immutable"


def cache_versioned_assets(server, assets_path="/assets/"):
    @server.after_request
    def keep(response):
        if (
            response.status_code == 200
            and request.path.startswith(assets_path)
            and request.args.get("m")
        ):
            response.headers["Cache-Control"] = FOREVER
        return response
