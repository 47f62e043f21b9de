"""plotly/dash#3971: a fresh threaded worker must answer its very first concurrent callbacks.

Dash finishes setting an app up on its first request; threads that arrive at
the same moment used to find no callback and answer 500. The site sets up
itself and every example before it serves anyone.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from conftest import Server

THREADS = 8


def first_requests(site_app):
    """Callback requests for the site's page router and every example's callbacks."""
    calls = [
        (
            "/_dash-update-component",
            {
                # Dash's key for the pages router's two outputs.
                "output": ".._pages_content.children..._pages_store.data..",
                "outputs": [
                    {"id": "_pages_content", "property": "children"},
                    {"id": "_pages_store", "property": "data"},
                ],
                "inputs": [
                    {"id": "_pages_location", "property": "pathname", "value": "/"},
                    {"id": "_pages_location", "property": "search", "value": ""},
                ],
                "changedPropIds": ["_pages_location.pathname"],
            },
        )
    ]
    for key, item in site_app.EXAMPLES.items():
        if item.example.private:
            continue  # their own tests cover them: each token is a fresh instance
        for spec in item.app._callback_list:
            if spec["clientside_function"] or spec["no_output"] or spec["output"].startswith(".."):
                continue  # the router above covers multi-output callbacks
            out_id, prop = spec["output"].split("@")[0].rsplit(".", 1)
            calls.append(
                (
                    f"/examples/{key}/_dash-update-component",
                    {
                        "output": spec["output"],
                        "outputs": {"id": out_id, "property": prop},
                        "inputs": [dict(dep, value=1) for dep in spec["inputs"]],
                        "state": [dict(dep, value=None) for dep in spec["state"]],
                        "changedPropIds": [],
                    },
                )
            )
    return calls


@pytest.mark.parametrize("preload", [False, True], ids=["worker-loads", "preloaded"])
def test_concurrent_first_requests_all_succeed(site_app, preload):
    calls = first_requests(site_app) * 3
    server = Server(workers=1, threads=THREADS, preload=preload)
    try:
        with ThreadPoolExecutor(max_workers=len(calls)) as pool:
            responses = list(
                pool.map(lambda c: requests.post(server.url + c[0], json=c[1], timeout=60), calls)
            )
    finally:
        server.stop()
    # The inputs are made up, so an example's own code may raise (500); what must
    # never happen is a callback that cannot be found (#3971): Dash's KeyError,
    # or the 400 the site's guard answers for an unknown callback.
    failures = [
        (url, body["output"], response.status_code, response.text[:120])
        for (url, body), response in zip(calls, responses, strict=True)
        if response.text == "Unknown callback.\n" or "Callback function not found" in response.text
    ]
    assert failures == []
    assert len(calls) > 10
    assert sum(response.status_code == 200 for response in responses) > len(calls) // 2
