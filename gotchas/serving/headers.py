"""Security headers on every response of the site and of every example.

Scripts run only from this origin, plus Dash's own inline scripts by hash
(the renderer's start and any inline clientside callbacks: Dash computes them,
`app.csp_hashes()`). Pages may be framed by this site only, types are never
sniffed, and no page address leaks to another host. Styles may be inline:
Dash's components set style attributes, which hashes cannot cover.
"""

from flask import current_app

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "frame-src": "'self'",
    "frame-ancestors": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "same-origin",
}
CSP_KEY = "CALLBACK_GOTCHAS_CSP"


def policy(script_hashes=()):
    parts = dict(POLICY, **{"script-src": " ".join(["'self'", *script_hashes])})
    return "; ".join(f"{name} {value}" for name, value in parts.items())


def plain_headers():
    """For responses made outside any Flask app (a redirect, a 404): no scripts at all."""
    return {**HEADERS, "Content-Security-Policy": policy()}


def allow_inline_scripts_of(dash_app):
    """Once the app is set up (after its first request): hash its inline scripts in."""
    dash_app.server.config[CSP_KEY] = policy(dash_app.csp_hashes())


def add_security_headers(server):
    server.config.setdefault(CSP_KEY, policy())

    @server.after_request
    def secure(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers.setdefault("Content-Security-Policy", current_app.config[CSP_KEY])
        return response
