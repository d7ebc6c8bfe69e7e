"""/healthz with Redis hung: a quick 503 that names what is down, then 200 once it is back."""

import time

import pytest

from .conftest import reset_breakers

pytestmark = pytest.mark.django_db


def test_healthz_answers_503_within_two_seconds_while_redis_hangs_and_200_once_it_is_back(client, portal_on):
    portal_on.freeze()
    started = time.monotonic()
    response = client.get("/healthz")
    took = time.monotonic() - started

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "ok",
        "broker": "down",
        "cache": "down",
        "oldest_pending_notification_seconds": None,
    }
    assert took < 2.0, f"/healthz took {took:.2f}s"

    portal_on.thaw()
    reset_breakers()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "broker": "ok",
        "cache": "ok",
        "oldest_pending_notification_seconds": None,
    }


def test_healthz_answers_503_at_once_when_redis_is_stopped(client, portal_on):
    portal_on.stop()
    started = time.monotonic()

    response = client.get("/healthz")

    assert response.status_code == 503
    assert time.monotonic() - started < 1.0
