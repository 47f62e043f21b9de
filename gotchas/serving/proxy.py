"""Behind a reverse proxy: the visitor's address and the public URL, not the proxy's.

PROXY_HOPS says how many proxies in front of the site append to
X-Forwarded-For/-Proto/-Host (1 on a PaaS router or one nginx; 0 when the
site faces clients itself, so they cannot claim another address).
"""

import os

from werkzeug.middleware.proxy_fix import ProxyFix


def behind_proxies(server):
    hops = int(os.environ.get("PROXY_HOPS", "1"))
    if hops:
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
