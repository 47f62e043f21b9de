"""The site's HTTP surface, without a browser: downloads, 404s, guards, errors, bundles."""

import json
import re

import pytest
from conftest import ROOT
from fixture_apps import click_go, mount

from gotchas.serving.compression import GzipCache, file_key

KEY = "duplicate-outputs/broken"


@pytest.fixture(scope="module")
def client(site_app):
    return site_app.server.test_client()


def dash_config(html):
    found = re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1))


def test_download_serves_the_file_byte_for_byte(client, site_app):
    for key, item in site_app.EXAMPLES.items():
        response = client.get(f"/examples/{key}.py")
        assert response.status_code == 200
        assert response.data == item.example.path.read_bytes()
        assert response.headers["Content-Disposition"] == (
            f'attachment; filename="{item.example.path.name}"'
        )


@pytest.mark.parametrize(
    "path",
    [
        "/examples/duplicate-outputs/nope.py",
        "/examples/nope/broken.py",
        "/examples/duplicate-outputs/../../app.py",
        "/examples/duplicate-outputs/%2e%2e%2fapp.py",
    ],
)
def test_unknown_downloads_are_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"mount_examples(" not in response.data


@pytest.mark.parametrize("path", ["/lessons/no-such-lesson", "/nowhere", "/examples/a/b/"])
def test_unknown_pages_answer_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/", "/lessons/duplicate-outputs", "/lessons/duplicate-outputs/"])
def test_known_pages_answer_200(client, path):
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("prefix", ["", f"/examples/{KEY}"])
@pytest.mark.parametrize(
    "body, status",
    [
        ("not json", 400),
        ("[1, 2]", 400),
        ('{"output": 5}', 400),
        ('{"output": "message.children", "outputs": {}, "inputs": 3}', 400),
        ('{"output": "nope.children", "outputs": {"id": "nope", "property": "children"}}', 400),
    ],
)
def test_malformed_callback_requests_get_a_clear_4xx(client, prefix, body, status):
    response = client.post(
        f"{prefix}/_dash-update-component", data=body, content_type="application/json"
    )
    assert response.status_code == status
    assert response.mimetype == "text/plain"
    assert b"Traceback" not in response.data


@pytest.mark.parametrize("prefix", ["", f"/examples/{KEY}"])
def test_unknown_bundles_are_404(client, prefix):
    response = client.get(f"{prefix}/_dash-component-suites/nopkg/x.js", follow_redirects=True)
    assert response.status_code == 404


def test_examples_fetch_bundles_from_the_one_shared_copy(client):
    html = client.get(f"/examples/{KEY}/").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    suites = [src for src in scripts if "_dash-component-suites" in src]
    assert suites and all(src.startswith("/_dash-component-suites/") for src in suites)
    for src in suites:
        assert client.get(src).status_code == 200
    # What the renderer asks for at run time under the example's prefix is redirected.
    late = client.get(f"/examples/{KEY}/_dash-component-suites/plotly/package_data/plotly.min.js")
    assert late.status_code == 308
    assert late.headers["Location"] == "/_dash-component-suites/plotly/package_data/plotly.min.js"


def test_example_settings_come_from_its_own_file(client):
    loud = dash_config(client.get("/examples/duplicate-outputs/broken/").get_data(as_text=True))
    quiet = dash_config(
        client.get("/examples/duplicate-outputs/broken_quiet/").get_data(as_text=True)
    )
    assert loud["ui"] is True and quiet["ui"] is False
    for config in (loud, quiet):
        assert config["requests_pathname_prefix"].startswith("/examples/duplicate-outputs/")
        assert "hot_reload" not in config
        assert config["disable_version_check"] is True


def test_no_werkzeug_debugger_anywhere(client):
    for prefix in ("", f"/examples/{KEY}"):
        response = client.get(f"{prefix}/?__debugger__=yes&cmd=resource&f=debugger.js")
        assert response.mimetype == "text/html"
        assert b"Werkzeug Debugger" not in response.data and b"EVALEX" not in response.data


def callback_error(name):
    response = click_go(mount(name))
    assert response.status_code == 500
    return response.get_data(as_text=True)


def test_a_callback_error_with_dev_tools_shows_only_the_example_frames():
    text = callback_error("raises")
    assert 'File "tests/fixtures/examples/raises.py", line 9, in explode' in text
    assert "ValueError: cannot read tests/fixtures/examples/raises.py" in text
    assert str(ROOT) not in text and "site-packages" not in text


def test_a_callback_error_without_dev_tools_says_nothing_of_the_server():
    text = callback_error("raises_quiet")
    assert "Internal Server Error" in text
    assert "raises_quiet" not in text and str(ROOT) not in text


def test_an_answer_past_the_cap_is_refused():
    response = click_go(mount("huge_answer"))
    assert response.status_code == 422
    assert response.get_data(as_text=True) == "The answer to this request would be too large.\n"


def test_the_gzip_cache_is_keyed_by_file_and_bounded_in_bytes():
    kept = GzipCache(limit=3_000)
    for n in range(20):  # one file under twenty made-up fingerprints
        path = f"/_dash-component-suites/dash/x.v9_{n}m{n}.min.js"
        kept.get(file_key(path), b"a" * 10_000)
    assert list(kept.entries) == ["/_dash-component-suites/dash/x.min.js"]
    for n in range(20):  # twenty files: only the newest fit
        kept.get(f"/assets/{n}.js", bytes(range(256)) * 40)
    assert kept.size <= 3_000 and len(kept.entries) < 20
    assert "/assets/19.js" in kept.entries


def test_versioned_files_are_kept_a_year_and_the_rest_revalidated(client):
    page = client.get("/lessons/duplicate-outputs").get_data(as_text=True)
    assets = re.findall(r'(?:href|src)="(/assets/[^"]+\?m=[^"]+)"', page)
    bundles = re.findall(r'src="(/_dash-component-suites/[^"]+)"', page)
    assert assets and bundles
    for url in assets:
        assert client.get(url).headers["Cache-Control"] == "public, max-age=31536000, immutable"
    for url in bundles:
        assert "max-age=31536000" in client.get(url).headers["Cache-Control"]
    bare = client.get("/assets/10-site.css")
    assert bare.headers["Cache-Control"] == "no-cache" and bare.headers["ETag"]
    index = client.get("/lessons/duplicate-outputs")
    assert "max-age" not in index.headers.get("Cache-Control", "")
    # The probe and stylesheet each example frame loads are versioned too.
    example = client.get(f"/examples/{KEY}/").get_data(as_text=True)
    for url in re.findall(r'(?:href|src)="(/assets/example/[^"]+)"', example):
        assert client.get(url).headers["Cache-Control"] == "public, max-age=31536000, immutable"
