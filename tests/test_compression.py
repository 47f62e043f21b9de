"""What the site gzips, and what it leaves alone, for a browser that accepts gzip."""

import gzip
import json
import re

import flask
import pytest
from conftest import ROOT

from gotchas.serving.compression import compress_responses

GZIP = {"Accept-Encoding": "gzip, deflate, br"}
KEY = "duplicate-outputs/broken"
LESSON = "/lessons/duplicate-outputs"
PAGE_CONTENT = {
    "output": ".._pages_content.children..._pages_store.data..",
    "outputs": [
        {"id": "_pages_content", "property": "children"},
        {"id": "_pages_store", "property": "data"},
    ],
    "inputs": [
        {"id": "_pages_location", "property": "pathname", "value": LESSON},
        {"id": "_pages_location", "property": "search", "value": ""},
    ],
    "changedPropIds": [],
    "state": [],
}


@pytest.fixture(scope="module")
def client(site_app):
    return site_app.server.test_client()


def both(client, method, path, **kwargs):
    """The same request without and with gzip accepted."""
    send = getattr(client, method)
    return send(path, **kwargs), send(path, headers=GZIP, **kwargs)


def assert_gzipped(plain, zipped):
    assert plain.status_code == zipped.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"]
    assert gzip.decompress(zipped.data) == plain.data
    return len(zipped.data) / len(plain.data)


def test_shared_bundles(client):
    html = client.get(f"/examples/{KEY}/").get_data(as_text=True)
    src = next(s for s in re.findall(r'<script src="([^"]+)"', html) if "dash_renderer" in s)
    assert src.startswith("/_dash-component-suites/")
    assert assert_gzipped(*both(client, "get", src)) < 1 / 3


def test_site_assets_and_revalidation(client):
    css = ROOT / "assets" / "00-bootstrap-5.3.6.min.css"
    plain, zipped = both(client, "get", f"/assets/{css.name}")
    assert plain.data == css.read_bytes()
    assert assert_gzipped(plain, zipped) < 1 / 5

    # The gzipped bytes have their own tag, and a browser revalidating with it gets a 304.
    tag = plain.headers["ETag"]
    assert zipped.headers["ETag"] == tag[:-1] + '-gzip"'
    revalidate = {**GZIP, "If-None-Match": zipped.headers["ETag"]}
    again = client.get(f"/assets/{css.name}", headers=revalidate)
    assert again.status_code == 304
    assert again.data == b""


def test_a_lessons_content(client):
    plain, zipped = both(client, "post", "/_dash-update-component", json=PAGE_CONTENT)
    assert assert_gzipped(plain, zipped) < 1 / 5
    assert json.loads(plain.data)["response"]["_pages_content"]["children"]


def test_the_page_itself(client):
    zipped = client.get(LESSON, headers=GZIP)
    assert zipped.headers["Content-Encoding"] == "gzip"
    html = gzip.decompress(zipped.data).decode()
    assert html.startswith("<!DOCTYPE html>") and 'id="react-entry-point"' in html


@pytest.mark.parametrize(
    "path",
    [
        f"/examples/{KEY}.py",  # downloads stay byte for byte what the file holds
        f"/examples/{KEY}/",  # an example's own responses are its app's business
        f"/examples/{KEY}/_dash-layout",
    ],
)
def test_left_alone(client, path):
    response = client.get(path, headers=GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers


def test_small_responses_and_errors_are_left_alone():
    app = flask.Flask(__name__)
    app.add_url_rule("/text/<int:size>", "text", lambda size: "x" * size)
    app.add_url_rule("/missing", "missing", lambda: flask.abort(404, "x" * 2000))
    compress_responses(app)
    client = app.test_client()

    assert "Content-Encoding" not in client.get("/text/499", headers=GZIP).headers
    assert client.get("/text/500", headers=GZIP).headers["Content-Encoding"] == "gzip"
    missing = client.get("/missing", headers=GZIP)
    assert missing.status_code == 404 and "Content-Encoding" not in missing.headers
