"""gunicorn's settings for the site: the Procfile's `gunicorn app:server` reads this file.

Each worker serves its connections with greenlets (gevent): a client that
sends its request or reads its answer slowly holds a greenlet, never one of a
few threads, so slow or stalled clients cannot make other visitors wait.
The patch comes first, before the app (preloaded below) imports anything.
"""

import gc
import os
import sys

from gevent import monkey

monkey.patch_all()

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gotchas.serving.logs import GUNICORN_LOGCONFIG  # noqa: E402  (after the patch)

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8050')}"
worker_class = "gevent"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_connections = int(os.environ.get("WORKER_CONNECTIONS", "1000"))
preload_app = True  # lessons and examples are loaded once, then shared by the forked workers
timeout = 30
graceful_timeout = 20
keepalive = 5
# A request line, its headers and their count are small for every page and callback.
limit_request_line = 4096
limit_request_fields = 64
limit_request_field_size = 8190
# Addresses of proxies whose X-Forwarded-* headers count (see README, "Hosting").
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
logconfig_dict = GUNICORN_LOGCONFIG


def pre_fork(server, worker):
    # Workers share the preloaded site with the master page by page until something
    # writes to them, and a full collection in a worker writes to every object. Measured
    # with benchmarks/room.py (global-state, 160 learners, 3 workers): the server's
    # processes then held 322 MB of their own, 134 MB with the site's objects frozen
    # before the fork, which every collection leaves alone.
    gc.freeze()
