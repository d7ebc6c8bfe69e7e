"""Sign-in rate limits: shared by every process, per client behind the proxy, open when Redis is down."""

import logging

import pytest
from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.factories import verify_email

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # the UserFactory's
PROXY = "10.0.0.2"  # every request reaches gunicorn from the proxy


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()
    yield
    cache.clear()


def limited() -> str:
    return str(get_adapter().error_messages["too_many_login_attempts"])


def sign_in(client, email, password=PASSWORD, **headers):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **headers)


def guess_until_locked(client, **headers) -> None:
    """Wrong passwords for many addresses from one client: its address gets locked."""
    for attempt in range(12):
        response = sign_in(client, f"nobody{attempt}@example.com", password="wrong", **headers)
    assert limited() in response.text


@pytest.fixture
def database_cache(settings):
    """The production cache without REDIS_URL: a table every process shares."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "recruit_cache"}
    }


def test_without_redis_the_counts_live_in_the_database_for_every_process(database_cache, candidate):
    verify_email(candidate)
    guess_until_locked(Client())

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM recruit_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert any("allauth:rl:" in key and ":login_failed:" in key for key in keys)
    # Another process (a fresh client, the same address) is refused too, even with the right password.
    assert limited() in sign_in(Client(), candidate.email).text


def test_behind_the_proxy_one_clients_failures_do_not_lock_out_another(settings, candidate):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    verify_email(candidate)

    guess_until_locked(Client(), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7")
    response = sign_in(Client(), candidate.email, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.20")

    assert response.status_code == 302


def test_without_the_proxy_count_everyone_behind_the_proxy_shares_one_count(candidate):
    verify_email(candidate)

    guess_until_locked(Client(), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7")

    response = sign_in(Client(), candidate.email, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert limited() in response.text


def test_with_redis_down_sign_in_works_without_rate_limits_and_says_so_in_the_log(settings, candidate, caplog):
    from recruit import cache as fail_open_cache

    verify_email(candidate)
    settings.CACHES = {
        "default": {
            "BACKEND": "recruit.cache.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    fail_open_cache.reset()
    client = Client()

    with caplog.at_level(logging.WARNING, logger="recruit.cache"):
        response = sign_in(client, candidate.email)

    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    assert "serving without cache and sign-in rate limits" in caplog.text
    fail_open_cache.reset()
