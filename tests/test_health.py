import datetime as dt
from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_is_ok_with_in_process_tasks(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "broker": "in-process",
        "cache": "ok",
        "oldest_pending_notification_seconds": None,
    }


def test_healthz_is_ok_when_the_broker_answers(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "memory://"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["broker"] == "ok"


def test_healthz_answers_503_when_the_broker_is_down(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "ok",
        "broker": "down",
        "cache": "ok",
        "oldest_pending_notification_seconds": None,
    }


def test_healthz_answers_503_when_the_database_is_down(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with mock.patch("recruit.health.connection.cursor", side_effect=OperationalError("gone")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_healthz_is_never_cached(client):
    assert "no-cache" in client.get("/healthz")["Cache-Control"]


def test_healthz_is_ok_against_a_real_redis_broker(client, settings):
    import os

    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    assert response.json()["broker"] == "ok"


def _pending(age_seconds: float, status="pending"):
    from django.utils import timezone

    from recruit.notifications.models import Notification

    notification = Notification.objects.create(
        email="alice@example.com", event="application_received", key=str(age_seconds), subject="S", body_text="T"
    )
    Notification.objects.filter(pk=notification.pk).update(
        status=status, created_at=timezone.now() - dt.timedelta(seconds=age_seconds)
    )


def test_healthz_reports_no_pending_notification_as_null(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    _pending(3600, status="sent")
    _pending(7200, status="failed")

    assert client.get("/healthz").json()["oldest_pending_notification_seconds"] is None


def test_healthz_reports_the_oldest_pending_notifications_age_in_seconds(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    _pending(30)
    _pending(1200)
    _pending(99999, status="sent")

    response = client.get("/healthz")

    assert 1200 <= response.json()["oldest_pending_notification_seconds"] < 1260


def test_an_old_pending_notification_is_reported_but_leaves_the_portal_healthy(client, settings):
    """A stopped worker is no reason to take the web processes out of service: 200, with the age to alert on."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    _pending(24 * 3600)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["oldest_pending_notification_seconds"] >= 24 * 3600


def test_healthz_reads_the_pending_age_with_one_query(client, settings, django_assert_max_num_queries):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    for age in range(5):
        _pending(age)

    # SELECT 1 for the database's state, then the oldest pending row.
    with django_assert_max_num_queries(2):
        client.get("/healthz")
