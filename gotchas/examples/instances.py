"""Private instances: an example that changes server state gets one per visitor.

Some lessons are about server state itself: a callback that registers
callbacks, a module-level list every visitor appends to. Shared by the
whole site, one visitor (or a script) would change what every other visitor
sees. Such an example (`private:` in its lesson's front matter) is never
served shared: its address redirects to /private/<token>/, and the first
request for a token, in whichever server process it reaches, imports a fresh
copy of the file for it. No sticky sessions and no shared store: like any
Dash app, an instance lives in one process, which is what these lessons teach.

Instances are bounded: at most MAX_INSTANCES per process (the least recently
used goes first), each dropped after IDLE_SECONDS unused or LIFETIME_SECONDS
in all, or once its callbacks pass MAX_CALLBACKS (its memory grows with them).
A dropped instance comes back fresh on its next request.
"""

import logging
import re
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from werkzeug.wrappers import Response

from ..serving.headers import plain_headers

log = logging.getLogger(__name__)

MAX_INSTANCES = 400
IDLE_SECONDS = 15 * 60
LIFETIME_SECONDS = 2 * 60 * 60
MAX_CALLBACKS = 40
TOKEN = re.compile(r"^/private/([A-Za-z0-9_-]{16,64})(/.*)?$")


@dataclass
class Instance:
    app: object
    created: float
    used: float

    def expired(self, now):
        return now - self.used > IDLE_SECONDS or now - self.created > LIFETIME_SECONDS

    def overgrown(self):
        return len(self.app._callback_list) > MAX_CALLBACKS  # one per registration


class Instances:
    """This process's private instances of every private example, by (example, token)."""

    def __init__(self, create, limit=MAX_INSTANCES, clock=time.monotonic):
        self.create, self.limit, self.clock = create, limit, clock
        self.items = OrderedDict()
        self.lock = threading.Lock()

    def get(self, example, token):
        key, now = (example.key, token), self.clock()
        with self.lock:
            for old in [k for k, item in self.items.items() if item.expired(now)]:
                del self.items[old]
            item = self.items.get(key)
            if item is None or item.overgrown():
                # Imports run one at a time: they swap Dash's process-wide state.
                item = Instance(self.create(example, token), now, now)
                self.items[key] = item
            while len(self.items) > self.limit:
                (dropped, _), old = self.items.popitem(last=False)
                # Its visitor may still be on the page: tell whoever runs the site.
                log.warning(
                    "private instances: this process holds its limit of %d; dropped a copy "
                    "of %s last used %.0f s ago",
                    self.limit,
                    dropped,
                    now - old.used,
                )
            item.used = now
            self.items.move_to_end(key)
            return item.app

    def __len__(self):
        return len(self.items)


def new_token():
    return secrets.token_urlsafe(18)


class PrivateExample:
    """The WSGI app at an example's address: hands each token its own instance."""

    def __init__(self, example, instances):
        self.example, self.instances = example, instances

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path in ("", "/"):
            query = environ.get("QUERY_STRING", "")
            target = f"{environ.get('SCRIPT_NAME', '')}/private/{new_token()}/"
            headers = {
                **plain_headers(),
                "Location": target + ("?" + query if query else ""),
                "Cache-Control": "no-store",
            }
            return Response(status=302, headers=headers)(environ, start_response)
        match = TOKEN.match(path)
        if not match:
            missing = Response("Not Found\n", 404, mimetype="text/plain", headers=plain_headers())
            return missing(environ, start_response)
        token = match.group(1)
        app = self.instances.get(self.example, token)
        environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + f"/private/{token}"
        environ["PATH_INFO"] = match.group(2) or "/"
        return app.server(environ, start_response)
