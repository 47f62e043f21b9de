"""Gzip what the site sends: its pages, assets and the shared Dash bundles.

On workshop wifi bytes decide whether a lesson opens. The dev-tools renderer
alone is 8 MB (1.8 MB gzipped); a lesson's content is 190 kB of JSON (10 kB).
Bundles and assets never change content while the site runs, so their gzipped
bytes are kept per process; everything else is small and compressed per response.
Examples' own responses are left as their apps make them.
"""

import gzip
from functools import lru_cache

from flask import request

SUITES = "/_dash-component-suites/"
KEPT = (SUITES, "/assets/")
COMPRESSIBLE = {
    "text/html",
    "text/css",
    "text/plain",
    "text/javascript",
    "application/javascript",
    "application/json",
}
MIN_SIZE = 500  # below this, gzip's header costs more than it saves


@lru_cache(maxsize=64)
def _gzipped(path, data):
    return gzip.compress(data, compresslevel=6, mtime=0)


def _should_compress(response):
    return (
        response.status_code == 200
        and response.mimetype in COMPRESSIBLE
        and "gzip" in request.accept_encodings
        and "Content-Encoding" not in response.headers
    )


def compress_responses(server):
    @server.after_request
    def gzip_response(response):
        if not _should_compress(response):
            return response
        response.direct_passthrough = False  # files are read whole; the largest is 8 MB
        data = response.get_data()
        if len(data) < MIN_SIZE:
            return response
        if request.path.startswith(KEPT):
            response.set_data(_gzipped(request.path, data))
        else:
            response.set_data(gzip.compress(data, compresslevel=6, mtime=0))
        response.headers["Content-Encoding"] = "gzip"
        response.vary.add("Accept-Encoding")
        etag, weak = response.get_etag()
        if etag:
            # Other bytes, other tag: a cache must not mix the two encodings up.
            response.set_etag(f"{etag}-gzip", weak)
            response.make_conditional(request)
        return response
