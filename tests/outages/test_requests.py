"""With Redis (cache, rate limits, broker) stopped or hung, candidates still sign in and apply.

Every request answers within 2 seconds and none with a 500; the applications'
emails wait in the outbox and, once Redis is back and the requeue job runs,
each candidate gets exactly one.
"""

import datetime as dt
import time

import pytest
from django.test import Client
from django.urls import reverse

from recruit.celery import app as celery_app
from recruit.notifications.models import Notification
from recruit.notifications.services import notifications_requeue_stale
from tests.factories import CandidateProfileFactory, PostingFactory, ResumeFactory, UserFactory, verify_email

from .conftest import reset_breakers

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # the UserFactory's
LIMIT = 2.0  # seconds any request may take during an outage


@pytest.fixture
def candidates(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    people = []
    for number in range(3):
        user = verify_email(UserFactory(email=f"candidate{number}@example.com", name=f"Candidate {number}"))
        CandidateProfileFactory(user=user)
        ResumeFactory(candidate=user)
        people.append(user)
    return people


@pytest.fixture
def posting(db):
    return PostingFactory()


def timed(call, *args, **kwargs):
    started = time.monotonic()
    response = call(*args, **kwargs)
    return response, time.monotonic() - started


def sign_in_and_apply(candidate, posting, mailoutbox, django_capture_on_commit_callbacks):
    """One candidate's visit: sign in, open the posting's apply page, apply. Returns the slowest request."""
    client = Client()
    slowest = 0.0
    with django_capture_on_commit_callbacks(execute=True):
        steps = [
            (client.post, reverse("account_login"), {"login": candidate.email, "password": PASSWORD}),
            (client.get, reverse("applicants:apply", args=[posting.pk]), None),
            (
                client.post,
                reverse("applicants:apply", args=[posting.pk]),
                {"cross_border_consent": "on", "pool_consent": "on"},
            ),
            (client.get, "/healthz", None),
        ]
        for method, url, data in steps:
            response, took = timed(method, url, data) if data is not None else timed(method, url)
            assert response.status_code < 500 or url == "/healthz", (url, response.status_code)
            assert took < LIMIT, f"{url} took {took:.2f}s"
            slowest = max(slowest, took)
    assert "_auth_user_id" in client.session, "signed in despite the outage"
    assert response.status_code == 503 and response.json()["cache"] == "down"
    return slowest


def deliver_after_recovery(django_capture_on_commit_callbacks):
    """Redis is back: the requeue job runs (in-process delivery stands in for the worker)."""
    reset_breakers()
    celery_app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            # Everything pending, not only rows two minutes old as the beat job picks them.
            return notifications_requeue_stale(older_than=dt.timedelta(0))
    finally:
        celery_app.conf.task_always_eager = False


def emails_to(mailoutbox, address):
    return [message for message in mailoutbox if message.to == [address]]


@pytest.mark.parametrize("outage", ["stopped", "frozen"])
def test_candidates_sign_in_and_apply_during_a_redis_outage_and_each_gets_one_email(
    outage, portal_on, candidates, posting, mailoutbox, django_capture_on_commit_callbacks
):
    redis = portal_on
    redis.stop() if outage == "stopped" else redis.freeze()

    slowest = max(
        sign_in_and_apply(candidate, posting, mailoutbox, django_capture_on_commit_callbacks)
        for candidate in candidates
    )

    assert slowest < LIMIT
    assert mailoutbox == []
    assert Notification.objects.filter(status=Notification.Status.PENDING).count() == len(candidates)

    redis.start() if outage == "stopped" else redis.thaw()
    assert deliver_after_recovery(django_capture_on_commit_callbacks) == len(candidates)
    for candidate in candidates:
        assert len(emails_to(mailoutbox, candidate.email)) == 1, candidate.email
    # Another run of the requeue job sends nothing more.
    assert deliver_after_recovery(django_capture_on_commit_callbacks) == 0
    assert len(mailoutbox) == len(candidates)


def test_sign_in_rate_limits_come_back_with_redis(portal_on, candidates):
    client = Client()
    url = reverse("account_login")
    failed = [client.post(url, {"login": candidates[0].email, "password": f"wrong-{n}"}) for n in range(12)]

    assert "Too many failed login attempts" in failed[-1].text
