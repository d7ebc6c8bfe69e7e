"""The outbox keeps no usable secret, one Message-ID per notification, and forgets erased people."""

import datetime as dt
import logging
import smtplib

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from recruit.notifications import services
from recruit.notifications.models import Notification
from recruit.notifications.services import notification_deliver, notifications_purge, notify_rendered

pytestmark = pytest.mark.django_db


def write(*, recipient=None, email="alice@example.com", holds_secret=False, key="1"):
    return notify_rendered(
        recipient=recipient,
        email=email,
        event="password_reset_key",
        key=key,
        subject="Subject",
        body_text="Open https://portal.example.com/accounts/password/reset/key/1-secret/",
        body_html='<a href="https://portal.example.com/accounts/password/reset/key/1-secret/">Reset</a>',
        holds_secret=holds_secret,
    )


def test_a_secret_link_is_sent_then_blanked_from_the_outbox(candidate, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = write(recipient=candidate, holds_secret=True)

    assert "1-secret" in mailoutbox[0].body
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.body_text == notification.body_html == ""
    # What the in-app list shows stays.
    assert notification.subject == "Subject"


def test_an_ordinary_notification_keeps_its_text_once_sent(candidate, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = write(recipient=candidate)

    notification.refresh_from_db()
    assert "1-secret" in notification.body_text


def test_a_pending_secret_keeps_its_body_until_it_is_sent(candidate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        notification = write(recipient=candidate, holds_secret=True)

    notification.refresh_from_db()
    assert "1-secret" in notification.body_text


def test_every_try_of_a_notification_carries_the_same_message_id(
    candidate, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        notification = write(recipient=candidate)
    real_send = EmailBackend.send_messages
    sent_ids = []

    def send_then_fail_once(backend, messages):
        sent_ids.extend(message.extra_headers["Message-ID"] for message in messages)
        if len(sent_ids) == 1:
            # The server took the message, then the connection broke: a retry sends it again.
            raise smtplib.SMTPServerDisconnected("gone")
        return real_send(backend, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_then_fail_once)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        notification_deliver(notification_id=notification.pk)
    assert notification_deliver(notification_id=notification.pk) is True

    notification.refresh_from_db()
    assert notification.message_id.startswith("<") and notification.message_id.endswith(">")
    assert sent_ids == [notification.message_id, notification.message_id]
    assert mailoutbox[0].message()["Message-ID"] == notification.message_id


def test_each_notification_has_its_own_message_id(candidate):
    first, second = write(recipient=candidate, key="1"), write(recipient=candidate, key="2")

    assert first.message_id != second.message_id
    assert "@testserver>" in first.message_id


def test_the_purge_blanks_bodies_sent_before_the_retention_period(candidate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        old, recent = write(recipient=candidate, key="old"), write(recipient=candidate, key="recent")
    Notification.objects.filter(pk=old.pk).update(sent_at=timezone.now() - dt.timedelta(days=31))

    assert notifications_purge(retention=dt.timedelta(days=30)) == (1, 0)

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.body_text == old.body_html == ""
    assert old.subject == "Subject"
    assert "1-secret" in recent.body_text


def test_the_purge_deletes_sent_rows_of_erased_accounts_but_waits_for_unsent_ones(
    candidate, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        erased = write(email="gone@example.com", key="sent")
    with django_capture_on_commit_callbacks(execute=False):
        waiting = write(email="gone@example.com", key="pending")
    kept = write(recipient=candidate, key="kept")

    assert notifications_purge()[1] == 1

    assert not Notification.objects.filter(pk=erased.pk).exists()
    assert Notification.objects.filter(pk__in=[waiting.pk, kept.pk]).count() == 2


def test_the_purge_uses_the_retention_setting(candidate, settings, django_capture_on_commit_callbacks):
    settings.NOTIFICATION_BODY_RETENTION_DAYS = 2
    with django_capture_on_commit_callbacks(execute=True):
        notification = write(recipient=candidate)
    Notification.objects.filter(pk=notification.pk).update(sent_at=timezone.now() - dt.timedelta(days=3))

    assert notifications_purge() == (1, 0)


@pytest.fixture
def broker_down(monkeypatch):
    """Publishing to the broker fails, as it does when Redis is down."""
    from recruit.celery import app
    from recruit.notifications.tasks import notification_deliver

    calls = []

    def delay(*args):
        calls.append(args)
        raise ConnectionError("Error 111 connecting to the broker")

    monkeypatch.setattr(notification_deliver, "delay", delay)
    monkeypatch.setattr(services, "_broker_down_until", 0.0)
    app.conf.task_always_eager = False
    yield calls
    app.conf.task_always_eager = True


def test_with_the_broker_down_the_row_stays_pending_and_only_the_first_publish_waits(
    candidate, broker_down, caplog, django_capture_on_commit_callbacks
):
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        first = write(recipient=candidate, key="1")
        second = write(recipient=candidate, key="2")

    assert len(broker_down) == 1  # the second did not ask the broker again
    assert "stays pending for the requeue job" in caplog.text
    assert set(Notification.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)) == {
        Notification.Status.PENDING
    }
