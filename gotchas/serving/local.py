"""`python app.py`: the site on one laptop, for oneself or a room on the same network.

Werkzeug's development server, a thread per request, without its banner: the
banner's warning is about hosting on the internet (README, "Hosting", says how),
and its request log is a line per file, hundreds per lesson page, which buries
the lines worth reading (errors, and the tracebacks that broken examples print
on purpose). ACCESS_LOG=1 brings the request log back, one plain line each.
"""

import logging
import os
import socket

from werkzeug.serving import WSGIRequestHandler, make_server

from . import logs


class _PlainRequests(WSGIRequestHandler):
    """Werkzeug's request line without colour codes, which the logs would escape."""

    def log_request(self, code="-", size="-"):
        self.log("info", '"%s" %s %s', self.requestline, code, size)


def _lan_address():
    """This machine's address on its network, as learners would type it; None if unknown."""
    # A UDP "connection" sends nothing: it only asks the kernel which address it would use.
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return probe.getsockname()[0]
        except OSError:
            return None


def _where(host, port):
    if host not in ("0.0.0.0", "::"):
        return f"http://{host}:{port}/"
    lan = _lan_address()
    shown = f"http://{lan}:{port}/" if lan else f"http://<this machine's address>:{port}/"
    return f"http://127.0.0.1:{port}/ here, {shown} for others on this network"


def serve(server):
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logs.install()
    if os.environ.get("ACCESS_LOG", "").lower() not in {"1", "true", "yes"}:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8050"))
    httpd = make_server(host, port, server, threaded=True, request_handler=_PlainRequests)
    print(f"Callback Gotchas: {_where(host, port)} (Ctrl+C stops it)", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
