"""Gzip what the site sends: its pages, assets and the shared Dash bundles.

On workshop wifi bytes decide whether a lesson opens. The dev-tools renderer
alone is 8 MB (1.8 MB gzipped); a lesson's content is 190 kB of JSON (10 kB).
Bundles and assets never change content while the site runs, so their gzipped
bytes are kept per process, keyed by the file (Dash serves a bundle under any
fingerprint: the URL must not pick the key) and bounded in bytes; everything
else is small and compressed per response. Examples' own responses are left
as their apps make them.
"""

import gzip
import threading
from collections import OrderedDict

from dash.fingerprint import check_fingerprint
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
KEPT_BYTES = 16 * 1024 * 1024  # every bundle and asset gzipped, plotly.js included: about 6.5 MB


class GzipCache:
    """Gzipped files by real path, least recently used first out past `limit` bytes."""

    def __init__(self, limit=KEPT_BYTES):
        self.limit, self.size = limit, 0
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, data):
        with self.lock:
            if key in self.entries and self.entries[key][0] == len(data):
                self.entries.move_to_end(key)
                return self.entries[key][1]
        packed = gzip.compress(data, compresslevel=6, mtime=0)
        with self.lock:
            old = self.entries.pop(key, None)
            self.size += len(packed) - (len(old[1]) if old else 0)
            self.entries[key] = (len(data), packed)
            while self.size > self.limit and len(self.entries) > 1:
                self.size -= len(self.entries.popitem(last=False)[1][1])
        return packed


def file_key(path):
    """/_dash-component-suites/dash/dash-renderer/build/x.v4_4_1m123.min.js -> the file's path."""
    return check_fingerprint(path)[0]


def _should_compress(response):
    return (
        response.status_code == 200
        and response.mimetype in COMPRESSIBLE
        and "gzip" in request.accept_encodings
        and "Content-Encoding" not in response.headers
    )


def compress_responses(server):
    kept = GzipCache()

    @server.after_request
    def gzip_response(response):
        if not _should_compress(response):
            return response
        response.direct_passthrough = False  # files are read whole; the largest is 8 MB
        data = response.get_data()
        if len(data) < MIN_SIZE:
            return response
        if request.path.startswith(KEPT):
            response.set_data(kept.get(file_key(request.path), data))
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
