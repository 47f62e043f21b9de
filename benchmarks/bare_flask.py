"""The baseline of load.py: one Flask JSON endpoint, nothing else.

Served by gunicorn with the site's own gunicorn.conf.py (gevent workers, access
log, same worker count), it reads a callback request's JSON and answers with a
body the size of Dash's: what any Flask app costs under these settings, before
Dash, the request checks, the security headers and gzip.
"""

from flask import Flask, request

server = Flask(__name__)


@server.post("/<path:path>")
def update(path):
    clicks = request.get_json()["inputs"][0]["value"]
    return {"multi": True, "response": {"message": {"children": f"Hello! (clicked {clicks}x)"}}}


@server.get("/healthz")
def health():
    return {"status": "ok"}
