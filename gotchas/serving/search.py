"""/search-index.json: what the site search looks through, built once at startup.

The browser fetches it the first time the search box is used (assets/70-search.js)
and searches it itself. It is the same bytes in every worker for the same
lessons, so its ETag is their hash; a browser asks again on each visit and gets
a 304 while the lessons have not changed.
"""

import gzip
import hashlib
import json

from flask import Response, request

from ..content.search_index import build_index

PATH = "/search-index.json"


def encode(lessons):
    return json.dumps(build_index(lessons), ensure_ascii=False, separators=(",", ":")).encode()


def add_search_index(server, lessons):
    body = encode(lessons)
    packed = gzip.compress(body, compresslevel=9, mtime=0)
    tag = hashlib.sha256(body).hexdigest()[:20]

    @server.get(PATH)
    def search_index():
        zipped = "gzip" in request.accept_encodings
        response = Response(packed if zipped else body, mimetype="application/json")
        if zipped:
            response.headers["Content-Encoding"] = "gzip"
        response.vary.add("Accept-Encoding")
        # Other bytes, other tag, as the site's compression does for its files.
        response.set_etag(f"{tag}-gzip" if zipped else tag)
        response.headers["Cache-Control"] = "no-cache"
        return response.make_conditional(request)
