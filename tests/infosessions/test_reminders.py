"""Reminders a day and an hour before: sent by the beat task once each, never as broker messages scheduled ahead."""

import datetime as dt

import pytest
from django.utils import timezone

from infosessions import tasks
from infosessions.models import Registration
from infosessions.services import check_in, registration_create, session_cancel, session_reminders_send
from recruit.celery import app as celery_app
from recruit.notifications.models import Notification
from tests.infosessions.conftest import make_session, person

pytestmark = pytest.mark.django_db


def reminders():
    return list(Notification.objects.filter(event="session_reminder").order_by("pk").values_list("key", flat=True))


@pytest.fixture
def registered(unit_a):
    """Alice registered two days before a session that starts at `start`."""
    start = timezone.now() + dt.timedelta(days=2)
    session = make_session(units=[unit_a], starts_at=start)
    return registration_create(user=person(1), session=session, now=start - dt.timedelta(days=2))


def test_the_day_before_reminder_is_sent_once(registered):
    start = registered.session.starts_at
    at = start - dt.timedelta(hours=23)
    assert session_reminders_send(now=at) == 1
    assert session_reminders_send(now=at) == 0
    assert session_reminders_send(now=at + dt.timedelta(minutes=5)) == 0
    assert reminders() == [f"registration-{registered.pk}-24h"]


def test_the_hour_before_reminder_follows_once(registered):
    start = registered.session.starts_at
    session_reminders_send(now=start - dt.timedelta(hours=23))
    assert session_reminders_send(now=start - dt.timedelta(minutes=55)) == 1
    assert session_reminders_send(now=start - dt.timedelta(minutes=50)) == 0
    assert reminders() == [f"registration-{registered.pk}-24h", f"registration-{registered.pk}-1h"]


def test_nothing_is_sent_too_early_or_after_the_start(registered):
    start = registered.session.starts_at
    assert session_reminders_send(now=start - dt.timedelta(hours=25)) == 0
    assert session_reminders_send(now=start + dt.timedelta(minutes=1)) == 0
    assert reminders() == []


def test_a_beat_run_that_missed_the_day_sends_only_the_hour_reminder(registered):
    start = registered.session.starts_at
    assert session_reminders_send(now=start - dt.timedelta(minutes=30)) == 1
    assert session_reminders_send(now=start - dt.timedelta(minutes=20)) == 0
    assert reminders() == [f"registration-{registered.pk}-1h"]
    registered.refresh_from_db()
    assert registered.reminded_24h_at is not None


def test_a_seat_taken_hours_before_gets_no_day_before_reminder(unit_a):
    start = timezone.now() + dt.timedelta(hours=5)
    session = make_session(units=[unit_a], starts_at=start)
    registration_create(user=person(1), session=session)
    assert session_reminders_send(now=timezone.now()) == 0
    assert session_reminders_send(now=start - dt.timedelta(minutes=45)) == 1


def test_people_waiting_cancelled_or_at_a_cancelled_session_get_none(unit_a):
    start = timezone.now() + dt.timedelta(days=2)
    early = start - dt.timedelta(days=2)
    full = make_session(units=[unit_a], starts_at=start, capacity=1)
    registration_create(user=person(1), session=full, now=early)
    registration_create(user=person(2), session=full, now=early)  # waitlisted
    called_off = make_session(units=[unit_a], starts_at=start)
    registration_create(user=person(3), session=called_off, now=early)
    session_cancel(session=called_off)
    assert session_reminders_send(now=start - dt.timedelta(hours=20)) == 1
    assert Notification.objects.get(event="session_reminder").recipient.email == "student1@example.com"


def test_the_beat_task_sends_due_reminders_and_runs_twice_harmlessly(registered, monkeypatch):
    start = registered.session.starts_at
    monkeypatch.setattr(timezone, "now", lambda: start - dt.timedelta(hours=12))
    tasks.session_reminders_send.delay()
    tasks.session_reminders_send.delay()
    assert len(reminders()) == 1


def test_the_beat_entry_runs_every_few_minutes():
    entry = celery_app.conf.beat_schedule["session-reminders"]
    assert entry["task"] == "infosessions.tasks.session_reminders_send"
    assert entry["schedule"] <= 600


def test_the_reminder_carries_the_code_and_both_times(unit_a):
    start = dt.datetime(2027, 3, 24, 19, 0, tzinfo=dt.UTC)
    session = make_session(units=[unit_a], starts_at=start, time_zone="America/Los_Angeles", university="Stanford")
    alice = person(1)
    alice.set_time_zone("Asia/Shanghai")
    registration = registration_create(user=alice, session=session, now=start - dt.timedelta(days=3))
    session_reminders_send(now=start - dt.timedelta(hours=10))
    body = Notification.objects.get(event="session_reminder").body_text
    assert registration.check_in_code_grouped in body
    assert "Wed 24 Mar 2027, 12:00–14:00 Los Angeles time (PDT)" in body
    assert "Your time: Thu 25 Mar 2027, 03:00–05:00 Shanghai time (CST)" in body


def test_a_checked_in_person_gets_no_hour_reminder(registered):
    start = registered.session.starts_at
    check_in(session=registered.session, code=registered.check_in_code, now=start - dt.timedelta(hours=2))
    assert session_reminders_send(now=start - dt.timedelta(minutes=30)) == 0
    assert Registration.objects.get().state == Registration.State.ATTENDED


def test_someone_who_turned_reminders_off_gets_none_but_keeps_the_essential_emails(registered):
    from recruit.notifications.kinds import topics_for
    from recruit.notifications.preferences import preferences_set

    person = registered.user
    assert "session_reminders" in [topic.slug for topic in topics_for(person)]
    preferences_set(user=person, choices={"session_reminders": False})
    start = registered.session.starts_at
    session_reminders_send(now=start - dt.timedelta(hours=20))
    session_reminders_send(now=start - dt.timedelta(minutes=30))
    assert reminders() == []
    assert Notification.objects.filter(recipient=person, event="session_registered").exists()


def test_the_reminder_email_carries_its_unsubscribe_link(registered):
    session_reminders_send(now=registered.session.starts_at - dt.timedelta(hours=20))
    notification = Notification.objects.get(event="session_reminder")
    assert notification.unsubscribe_url
    assert not Notification.objects.get(event="session_registered").unsubscribe_url


def test_only_people_who_registered_are_offered_the_reminders_topic(registered):
    from recruit.notifications.kinds import topics_for

    assert "session_reminders" not in [topic.slug for topic in topics_for(person(99))]
