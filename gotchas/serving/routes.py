"""The site's own HTTP routes beside Dash's: example downloads and honest 404s."""

import dash
from flask import Response, abort, request


def _page_paths():
    return {page["path"] for page in dash.page_registry.values()}


def add_routes(server, mounted):
    @server.get("/examples/<lesson>/<name>.py")
    def download_example(lesson, name):
        item = mounted.get(f"{lesson}/{name}")
        if item is None:
            abort(404)
        path = item.example.path
        return Response(
            path.read_bytes(),
            mimetype="text/x-python",
            headers={"Content-Disposition": f'attachment; filename="{path.name}"'},
        )

    @server.get("/healthz")
    def health():
        # For the balancer: the app imported, every lesson and example mounted.
        return {"status": "ok", "examples": len(mounted)}

    pages = _page_paths()

    @server.after_request
    def unknown_pages_are_404(response):
        # Dash answers every path with its index; say 404 where no page matches.
        path = request.path.rstrip("/") or "/"
        if response.status_code == 200 and response.mimetype == "text/html" and path not in pages:
            response.status_code = 404
        return response
