"""Dash's dev-tools renderer reaches the frames without its inline source map."""

import gzip
import re
from pathlib import Path

import dash
import pytest

GZIP = {"Accept-Encoding": "gzip"}
DEV_RENDERER = Path(dash.__file__).parent / "dash-renderer" / "build" / "dash_renderer.dev.js"
MAP = b"//# sourceMappingURL=data:"


@pytest.fixture(scope="module")
def client(site_app):
    return site_app.server.test_client()


def dev_renderer_url(client):
    # A dev-tools example's page names the renderer it runs.
    html = client.get("/examples/duplicate-outputs/broken/").get_data(as_text=True)
    return next(s for s in re.findall(r'<script src="([^"]+)"', html) if "dash_renderer" in s)


def test_the_dev_renderer_is_served_whole_but_for_its_trailing_map(client):
    url = dev_renderer_url(client)
    assert url.endswith(".dev.js")
    original = DEV_RENDERER.read_bytes()
    plain, zipped = client.get(url), client.get(url, headers=GZIP)
    assert plain.status_code == zipped.status_code == 200
    assert gzip.decompress(zipped.data) == plain.data
    # Everything up to the map's line, byte for byte; the map was most of the file.
    assert original.startswith(plain.data) and original[len(plain.data) :].startswith(MAP)
    assert len(plain.data) < len(original) / 2
    assert len(zipped.data) < 700_000


def test_maps_inside_code_and_other_bundles_are_left_alone(client):
    plain = client.get(dev_renderer_url(client)).data
    # style-loader builds a map into a string inside the renderer: that is code.
    assert plain.count(b"sourceMappingURL=data:") == 2
    # The site's own renderer, minified, carries no map: served as it is.
    html = client.get("/lessons/duplicate-outputs").get_data(as_text=True)
    src = next(s for s in re.findall(r'<script src="([^"]+)"', html) if "dash_renderer" in s)
    assert src.endswith(".min.js")
    assert client.get(src).data == (DEV_RENDERER.parent / "dash_renderer.min.js").read_bytes()
