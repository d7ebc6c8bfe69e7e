"""The pool's scheduled work: the nightly refresh in batches of postings, the expiry reminder and the expiry, and
the beat that runs them at night."""

import datetime as dt

import pytest
from celery.schedules import crontab
from django.utils import timezone

from recruit.celery import app
from recruit.notifications.models import Notification
from talentpool import matching, tasks
from talentpool.digest import digest_send
from talentpool.models import Digest, PoolEntry, Suggestion
from talentpool.services import pool_rejoin, retention_days
from tests.factories import close_posting

from . import jobs_data
from .factories import pool_candidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def pool_world(unit_a, unit_b, recruiter_a, recruiter_b):
    return jobs_data.pool_world(unit_a, unit_b)


def suggestions() -> set[tuple[int, int]]:
    return set(Suggestion.objects.values_list("entry__candidate__name", "posting_id"))


# --- The nightly refresh ------------------------------------------------------------------


def test_the_nightly_refresh_sends_one_batch_task_per_batch_of_postings(pool_world, settings, monkeypatch):
    settings.TALENT_POOL_REFRESH_BATCH = 1
    batches = []
    refresh = matching.suggestions_refresh
    monkeypatch.setattr(matching, "suggestions_refresh", lambda pks: batches.append(list(pks)) or refresh(pks))

    assert tasks.pool_refresh_nightly.delay().get() == 2

    posting_a, posting_b = pool_world["posting_a"], pool_world["posting_b"]
    assert sorted(batches) == sorted([[posting_a.pk], [posting_b.pk]])
    assert suggestions() == {("Ann", posting_a.pk), ("Cai", posting_a.pk), ("Ben", posting_b.pk)}


def test_batches_hold_the_setting_s_number_of_postings_and_every_open_posting_once(pool_world, settings):
    settings.TALENT_POOL_REFRESH_BATCH = 200
    assert tasks.refresh_batches() == [sorted([pool_world["posting_a"].pk, pool_world["posting_b"].pk])]
    settings.TALENT_POOL_REFRESH_BATCH = 1
    assert [len(batch) for batch in tasks.refresh_batches()] == [1, 1]


def test_a_closed_posting_with_new_suggestions_is_refreshed_once_more_to_lose_them(pool_world):
    posting_a = pool_world["posting_a"]
    tasks.pool_refresh_batch([posting_a.pk])
    close_posting(posting_a)

    assert posting_a.pk in {pk for batch in tasks.refresh_batches() for pk in batch}
    tasks.pool_refresh_nightly.delay()

    assert not Suggestion.objects.filter(posting=posting_a).exists()
    assert posting_a.pk not in {pk for batch in tasks.refresh_batches() for pk in batch}


def test_a_batch_run_twice_creates_the_same_suggestions_and_one_digest(
    pool_world, recruiter_a, mailoutbox, django_capture_on_commit_callbacks
):
    batch = [pool_world["posting_a"].pk, pool_world["posting_b"].pk]

    assert tasks.pool_refresh_batch.delay(batch).get() == 3
    first = dict(Suggestion.objects.values_list("pk", "score"))
    with django_capture_on_commit_callbacks(execute=True):
        tasks.pool_digest_daily.delay()

    assert tasks.pool_refresh_batch.delay(batch).get() == 0
    assert dict(Suggestion.objects.values_list("pk", "score")) == first
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.pool_digest_daily.delay().get() == 0

    assert Digest.objects.count() == 1
    assert Notification.objects.filter(event="pool_digest").count() == 2
    assert len(mailoutbox) == 2


def test_the_refresh_task_may_take_longer_than_the_default_limit_but_stops_before_redelivery(settings):
    assert tasks.pool_refresh_batch.soft_time_limit < tasks.pool_refresh_batch.time_limit
    assert tasks.pool_refresh_batch.time_limit < settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]


# --- Expiry and its reminder ----------------------------------------------------------------


def expiring_in(days: int, name: str = "Dee"):
    """A pool candidate whose consent ends in `days` days."""
    consent_at = timezone.now() - dt.timedelta(days=retention_days() - days)
    return pool_candidate(name, consent_at=consent_at, resume_text="Go and CUDA at a start-up")


def test_the_candidate_is_reminded_once_30_days_before_the_entry_expires(
    candidate, mailoutbox, django_capture_on_commit_callbacks
):
    dee = expiring_in(20)
    expiring_in(40, "Eve")

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.pool_expire_daily.delay().get() == {"reminded": 1, "expired": 0}
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.pool_expire_daily.delay().get() == {"reminded": 0, "expired": 0}

    (email,) = mailoutbox
    assert email.to == [dee.email]
    expires = timezone.localdate(dee.pool_entry.expires_at)
    assert expires.strftime("%Y") in email.subject
    assert "http://testserver/me/pool/" in email.body
    notification = Notification.objects.get(event="pool_expiry_reminder")
    assert notification.recipient == dee
    assert notification.link == "/me/pool/"
    dee.pool_entry.refresh_from_db()
    assert dee.pool_entry.reminded_at is not None


def test_the_reminder_is_in_the_candidate_s_language(django_capture_on_commit_callbacks, mailoutbox):
    dee = expiring_in(10)
    dee.language = "zh-hans"
    dee.save(update_fields=["language"])

    with django_capture_on_commit_callbacks(execute=True):
        tasks.pool_expire_daily.delay()

    (email,) = mailoutbox
    expires = timezone.localdate(dee.pool_entry.expires_at)
    # Dates in Chinese: 2027年6月30日.
    assert f"{expires.year}年{expires.month}月{expires.day}日" in email.body


def test_a_renewed_consent_is_reminded_again_when_its_own_period_ends(django_capture_on_commit_callbacks):
    dee = expiring_in(20)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.pool_expire_daily.delay()
    pool_rejoin(candidate=dee, now=timezone.now() - dt.timedelta(days=retention_days() - 15))

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.pool_expire_daily.delay().get()["reminded"] == 1
    assert Notification.objects.filter(event="pool_expiry_reminder", recipient=dee).count() == 2


def test_an_entry_past_retention_expires_and_its_resume_text_is_erased(pool_world):
    ann = pool_world["ann"]
    tasks.pool_refresh_batch([pool_world["posting_a"].pk])
    PoolEntry.objects.filter(candidate=ann).update(resume_text="Ann's resume: CUDA kernels, Go services")
    PoolEntry.objects.filter(candidate=ann).update(expires_at=timezone.now() - dt.timedelta(minutes=1))

    assert tasks.pool_expire_daily.delay().get() == {"reminded": 0, "expired": 1}

    entry = PoolEntry.objects.get(candidate=ann)
    assert entry.status == PoolEntry.Status.EXPIRED
    assert entry.resume_text == ""
    assert not entry.skills.exists()
    assert not Suggestion.objects.filter(entry=entry).exists()
    assert PoolEntry.objects.get(candidate=pool_world["ben"]).status == PoolEntry.Status.AVAILABLE


def test_nothing_expires_or_is_reminded_twice(pool_world):
    PoolEntry.objects.filter(candidate=pool_world["ann"]).update(expires_at=timezone.now() - dt.timedelta(days=1))
    assert tasks.pool_expire_daily.delay().get()["expired"] == 1
    assert tasks.pool_expire_daily.delay().get() == {"reminded": 0, "expired": 0}


# --- The beat --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "task"),
    [
        ("pool-refresh-nightly", tasks.pool_refresh_nightly),
        ("pool-expire-daily", tasks.pool_expire_daily),
        ("pool-digest-daily", tasks.pool_digest_daily),
    ],
)
def test_beat_runs_the_pool_jobs_once_a_day(name, task):
    entry = app.conf.beat_schedule[name]
    assert entry["task"] == task.name
    assert isinstance(entry["schedule"], crontab)
    assert len(entry["schedule"].hour) == 1
    assert len(entry["schedule"].minute) == 1


def test_the_refresh_and_the_expiry_run_at_night_and_the_digest_after_the_refresh():
    schedule = app.conf.beat_schedule

    def hour(name):
        (value,) = schedule[name]["schedule"].hour
        return value

    assert hour("pool-expire-daily") < 6
    assert hour("pool-refresh-nightly") < 6
    assert hour("pool-refresh-nightly") + 4 <= hour("pool-digest-daily") <= 8
    assert app.conf.timezone == timezone.get_default_timezone_name()


def test_the_digest_task_sends_nothing_without_new_matches(pool_world):
    assert digest_send() is None
    assert tasks.pool_digest_daily.delay().get() == 0
    assert not Digest.objects.exists()
