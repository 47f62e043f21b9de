"""Private instances: one per visitor, bounded in number, lifetime and size; none sees another.

The browser side (a token per browser, kept across reloads) and the lesson's own
claims are in test_lesson_callbacks_at_startup.py; here the mechanism itself.
"""

import secrets
from types import SimpleNamespace

import pytest
import requests
from requestkit import dependencies, well_formed

from gotchas.examples import instances
from gotchas.examples.instances import Instances

PRIVATE = "/examples/callbacks-at-startup/broken/"


class Clock:
    now = 0.0

    def __call__(self):
        return self.now


def fake_app(callbacks=0):
    return SimpleNamespace(_callback_list=[{}] * callbacks)


def example(key="lesson/broken"):
    return SimpleNamespace(key=key)


def test_the_least_recently_used_instance_goes_first():
    made = []
    pool = Instances(lambda ex, token: made.append(token) or fake_app(), limit=3, clock=Clock())
    for token in "abc":
        pool.get(example(), token)
    pool.get(example(), "a")  # a is used again: b is now the oldest
    pool.get(example(), "d")
    assert len(pool) == 3
    pool.get(example(), "a")
    pool.get(example(), "b")
    assert made == ["a", "b", "c", "d", "b"]


def test_a_copy_dropped_at_the_limit_is_logged_without_its_token(caplog):
    clock = Clock()
    pool = Instances(lambda ex, token: fake_app(), limit=2, clock=clock)
    for token in ("secret-a", "secret-b"):
        pool.get(example(), token)
        clock.now += 30
    assert caplog.records == []
    pool.get(example(), "secret-c")
    (record,) = caplog.records
    assert record.levelname == "WARNING"
    assert "limit of 2" in record.getMessage() and "lesson/broken" in record.getMessage()
    assert "last used 60 s ago" in record.getMessage() and "secret" not in record.getMessage()


def test_an_idle_or_old_instance_comes_back_fresh():
    clock, made = Clock(), []
    pool = Instances(lambda ex, token: made.append(token) or fake_app(), clock=clock)
    first = pool.get(example(), "a")
    clock.now += instances.IDLE_SECONDS - 1
    assert pool.get(example(), "a") is first
    clock.now += instances.IDLE_SECONDS + 1
    assert pool.get(example(), "a") is not first
    for _ in range(instances.LIFETIME_SECONDS // 600 + 1):
        clock.now += 600  # used every ten minutes, never idle, yet too old at last
        pool.get(example(), "a")
    assert made.count("a") >= 3


def test_an_instance_past_its_callbacks_is_replaced():
    sizes = iter([instances.MAX_CALLBACKS + 1, 0])
    pool = Instances(lambda ex, token: fake_app(next(sizes)), clock=Clock())
    grown = pool.get(example(), "a")
    assert pool.get(example(), "a") is not grown


def test_tokens_and_examples_each_have_their_own():
    pool = Instances(lambda ex, token: fake_app(), clock=Clock())
    apps = [pool.get(example(key), token) for key in ("x/a", "x/b") for token in ("1", "2")]
    assert len({id(app) for app in apps}) == 4


def test_the_shared_address_hands_out_a_fresh_private_one(site):
    first = requests.get(site + PRIVATE, allow_redirects=False, timeout=30)
    second = requests.get(site + PRIVATE, allow_redirects=False, timeout=30)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] != second.headers["Location"]
    assert first.headers["Location"].startswith(PRIVATE + "private/")
    assert requests.get(site + PRIVATE + "_dash-dependencies", timeout=30).status_code == 404


@pytest.mark.parametrize("token", ["short", "a" * 65, "bad$token" * 3, "../../etc"])
def test_a_malformed_token_is_404(site, token):
    response = requests.get(f"{site}{PRIVATE}private/{token}/", timeout=30)
    assert response.status_code == 404
    assert token not in response.text


def test_no_script_can_change_another_visitors_instance(site):
    mine, theirs = (f"{PRIVATE}private/{secrets.token_urlsafe(18)}/" for _ in range(2))
    before = dependencies(site, theirs)
    spec = before[0]
    session = requests.Session()
    for clicks in range(1, 31):
        body = well_formed(spec)
        body["inputs"][0]["value"] = clicks
        answer = session.post(f"{site}{mine}_dash-update-component", json=body, timeout=30)
        assert answer.status_code == 200
    # Mine grew (in whichever worker answered); theirs is what it was, in every worker.
    for _ in range(6):
        assert dependencies(site, theirs) == before
