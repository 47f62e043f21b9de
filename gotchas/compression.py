"""Gzip the shared Dash bundles, once per process.

Every framed example reads its JavaScript from the site's one copy, and the
dev-tools renderer alone is 8 MB (1.8 MB gzipped): on workshop wifi that is
the difference between a lesson that opens and one that does not. A bundle
URL never changes content while the site runs, so its gzipped bytes are kept.
"""

import gzip
from functools import lru_cache

from flask import request

SUITES = "/_dash-component-suites/"


@lru_cache(maxsize=64)
def _gzipped(path, data):
    return gzip.compress(data, compresslevel=6, mtime=0)


def compress_bundles(server):
    @server.after_request
    def gzip_bundle(response):
        if (
            not request.path.startswith(SUITES)
            or response.status_code != 200
            or "gzip" not in request.accept_encodings
            or response.headers.get("Content-Encoding")
        ):
            return response
        response.set_data(_gzipped(request.path, response.get_data()))
        response.headers["Content-Encoding"] = "gzip"
        response.vary.add("Accept-Encoding")
        return response
