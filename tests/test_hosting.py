"""Hosting: health, headers on every response, safe logs, proxies, slow clients, bounded memory.

Each check that abuses a server gets a server of its own, as the Procfile runs it.
"""

import base64
import hashlib
import logging
import re
import secrets
import socket
import threading
import time

import pytest
import requests
from conftest import Server
from requestkit import dependencies, well_formed

from gotchas.examples.instances import MAX_INSTANCES
from gotchas.serving.logs import SafeRecords

RENDERER = "/_dash-component-suites/dash/dash-renderer/build/dash_renderer.v{}m1.dev.js"
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "same-origin",
}


def started(**kwargs):
    server = Server(**kwargs)
    deadline = time.monotonic() + 90
    while requests.get(server.url + "/healthz", timeout=30).status_code != 200:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    return server


def test_health_answers_for_the_balancer(site, site_app):
    response = requests.get(f"{site}/healthz", timeout=10)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "examples": len(site_app.EXAMPLES)}


def responses_of_every_kind(site, site_app):
    key, item = next(iter(site_app.EXAMPLES.items()))
    private = next(i for i in site_app.EXAMPLES.values() if i.example.private)
    urls = [
        "/",
        "/lessons/duplicate-outputs",
        "/no-such-page",
        "/assets/10-site.css",
        "/assets/nope.css",
        "/_dash-layout",
        f"/examples/{key}/",
        f"/examples/{key}/_dash-dependencies",
        f"/examples/{key}.py",
        private.example.url,
        f"{private.example.url}private/{secrets.token_urlsafe(18)}/",
        "/healthz",
    ]
    for url in urls:
        yield url, requests.get(site + url, timeout=30, allow_redirects=False)
    yield "POST refused", requests.post(f"{site}/_dash-update-component", data="x", timeout=30)


def test_every_response_carries_the_security_headers(site, site_app):
    for url, response in responses_of_every_kind(site, site_app):
        for name, value in HEADERS.items():
            assert response.headers.get(name) == value, (url, name)
        policy = response.headers.get("Content-Security-Policy", "")
        assert "frame-ancestors 'self'" in policy and "object-src 'none'" in policy, url
        assert re.search(r"script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*;", policy), url


def test_each_app_allows_its_own_inline_scripts_only(site, site_app):
    for url in ["/", "/examples/duplicate-outputs/broken/", "/examples/prevent-update/fixed/"]:
        response = requests.get(site + url, timeout=30)
        # Scripts inside comments (Dash's "[if IE]" notice) never run.
        page = re.sub(r"<!--.*?-->", "", response.text, flags=re.DOTALL)
        inline = re.findall(
            r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", page, re.DOTALL
        )
        policy = response.headers["Content-Security-Policy"]
        assert inline and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        for script in inline:
            digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy, url


@pytest.fixture(scope="module")
def logged(tmp_path_factory):
    log = tmp_path_factory.mktemp("logs") / "server.log"
    server = started(workers=1, log=log)
    yield server, log
    server.stop()


def test_request_text_cannot_forge_or_flood_log_lines(logged):
    server, log = logged
    requests.get(server.url + "/x%0A[CRITICAL] forged%0D%0Aline", timeout=30)
    requests.get(server.url + "/" + "y" * 4000, timeout=30)
    time.sleep(1)
    lines = log.read_text().splitlines()
    assert any("forged" in line for line in lines)
    assert not any(line.startswith("[CRITICAL]") for line in lines)
    assert any("y" * 1000 in line for line in lines)
    assert max(len(line) for line in lines) <= 2100


def test_a_log_record_is_one_escaped_line_of_bounded_length():
    record = logging.LogRecord(
        "x", logging.ERROR, "f", 1, "%s", ("a\n[CRITICAL] b" + "z" * 9000,), None
    )
    SafeRecords().filter(record)
    assert "\n" not in record.getMessage() and "\\n[CRITICAL]" in record.getMessage()
    assert len(record.getMessage()) < 2100


def test_client_addresses_behind_a_proxy(logged):
    server, log = logged
    requests.get(server.url + "/healthz", headers={"X-Forwarded-For": "203.0.113.9"}, timeout=30)
    time.sleep(1)
    hits = [line for line in log.read_text().splitlines() if "/healthz" in line]
    assert hits and hits[-1].startswith("203.0.113.9 ")


# ---- slow clients --------------------------------------------------------------------------


def drip_headers(url, stop):
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        try:
            while not stop.wait(1):
                sock.sendall(b"X-Slow: 1\r\n")
        except OSError:
            pass  # the server may drop a client this slow: that is allowed too


def read_slowly(url, stop):
    host, port = url.removeprefix("http://").split(":")
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect((host, int(port)))
    with sock:
        sock.sendall(f"GET {RENDERER.format('4_4_1')} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        while not stop.wait(1):
            sock.recv(1024)  # a kilobyte a second


def test_slow_clients_do_not_make_others_wait():
    server = started(workers=2)
    stop = threading.Event()
    clients = [threading.Thread(target=drip_headers, args=(server.url, stop)) for _ in range(10)]
    clients += [threading.Thread(target=read_slowly, args=(server.url, stop)) for _ in range(10)]
    try:
        for client in clients:
            client.start()
        time.sleep(2)  # every slow connection is open and holding on
        waits = []
        for _ in range(12):
            began = time.monotonic()
            response = requests.get(server.url + "/lessons/duplicate-outputs", timeout=20)
            waits.append(time.monotonic() - began)
            assert response.status_code == 200
            time.sleep(0.5)
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=20)
        server.stop()
    assert max(waits) < 1, waits


# ---- memory ---------------------------------------------------------------------------------


# A WSGI app that tells what the collector of the worker answering it leaves alone.
FROZEN_APP = """
import gc


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [str(gc.get_freeze_count()).encode()]
"""


def test_workers_keep_what_the_master_loaded_out_of_the_collector(tmp_path):
    # A full collection in a worker would write to every object the master loaded and
    # so copy all its memory pages: each worker would then hold the whole site alone.
    (tmp_path / "frozen_app.py").write_text(FROZEN_APP)
    server = Server(workers=1, app="frozen_app:app", env={"PYTHONPATH": str(tmp_path)})
    try:
        frozen = int(requests.get(server.url + "/", timeout=30).text)
    finally:
        server.stop()
    assert frozen > 10_000  # the interpreter, gevent and gunicorn at least


def rss_mb(pid):
    status = open(f"/proc/{pid}/status").read()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def abuse(url):
    """What once grew a worker without bound, a round of each."""
    session = requests.Session()
    for n in range(30):  # a fresh gzip per made-up fingerprint
        session.get(url + RENDERER.format(f"9_{n}"), headers={"Accept-Encoding": "gzip"})
    add = "/examples/callbacks-at-startup/broken/private/{}/_dash-update-component"
    spec = dependencies(url, "/examples/callbacks-at-startup/broken/private/" + "a" * 24 + "/")[0]
    for _ in range(MAX_INSTANCES + 50):  # private instances past their bound, with callbacks
        token = secrets.token_urlsafe(18)
        body = well_formed(spec)
        for clicks in range(1, 3):
            body["inputs"][0]["value"] = clicks
            session.post(url + add.format(token), json=body)
    for _ in range(20):  # bodies past the limit
        session.post(url + "/_dash-update-component", data="x" * 5_000_000)


def test_worker_memory_stays_bounded_under_abuse():
    server = started(workers=1)
    try:
        (worker,) = server.worker_pids()
        requests.get(server.url + "/lessons/callbacks-at-startup", timeout=30)
        before = rss_mb(worker)
        abuse(server.url)
        once = rss_mb(worker)
        abuse(server.url)
        abuse(server.url)
        thrice = rss_mb(worker)
        assert server.worker_pids() == [worker], "the worker was not replaced"
    finally:
        server.stop()
    print(f"worker RSS: {before:.0f} MB, after one round {once:.0f} MB, three {thrice:.0f} MB")
    assert once - before < 200
    assert thrice - once < 40, "a second and third round must reuse, not add"
