import datetime as dt
import smtplib

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from django.utils import timezone

from recruit.celery import app as celery_app
from recruit.notifications import tasks
from recruit.notifications.models import Notification
from recruit.notifications.services import (
    notification_deliver,
    notification_mark_read,
    notifications_mark_all_read,
    notifications_requeue_stale,
    notify,
    notify_rendered,
)
from tests.factories import PostingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(db):
    from applicants.models import Application

    posting = PostingFactory(title="AI Agent Optimization Engineer Intern", unit__name="Alibaba Cloud")
    return Application(posting=posting, rank=1, status=Application.Status.SUBMITTED)


def notify_received(candidate, application, key="1"):
    return notify(
        recipient=candidate,
        event="application_received",
        key=key,
        context={"application": application, "candidate_name": candidate.name, "queued": False},
        link="/me/",
    )


@pytest.fixture
def failing_mailer(monkeypatch):
    """The mail server fails the first `failures` sends, then accepts."""

    class Mailer:
        failures = 99
        calls = 0

    real_send = EmailBackend.send_messages

    def send_messages(backend, messages):
        Mailer.calls += 1
        if Mailer.calls <= Mailer.failures:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return real_send(backend, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)
    return Mailer


def test_notify_writes_one_row_per_event_key_and_address(candidate, application, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = notify_received(candidate, application)
        second = notify_received(candidate, application)

    assert first is not None
    assert second is None
    assert Notification.objects.count() == 1
    assert len(callbacks) == 1


def test_the_same_key_for_another_event_or_address_is_another_notification(candidate, other_candidate, application):
    notify_received(candidate, application)
    notify_received(other_candidate, application)
    notify(
        recipient=candidate,
        event="application_withdrawn",
        key="1",
        context={"application": application, "candidate_name": candidate.name},
    )

    assert Notification.objects.count() == 3


def test_notify_stores_the_rendered_email_for_the_recipient(candidate, application):
    notification = notify_received(candidate, application)

    assert notification.recipient == candidate
    assert notification.email == "alice@example.com"
    assert notification.status == Notification.Status.PENDING
    assert notification.subject == "We received your application: AI Agent Optimization Engineer Intern"
    assert "Hi Alice Candidate," in notification.body_text
    assert "Alibaba Cloud" in notification.body_html
    assert notification.link == "/me/"


def test_delivery_waits_for_the_commit(candidate, application, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = notify_received(candidate, application)

    assert mailoutbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT


def test_delivery_after_commit_sends_one_email_and_marks_it_sent(
    candidate, application, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify_received(candidate, application)

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["alice@example.com"]
    assert message.subject == notification.subject
    assert message.body == notification.body_text
    assert message.alternatives[0].mimetype == "text/html"
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.sent_at is not None
    assert notification.attempts == 1


def test_delivering_a_sent_notification_again_sends_nothing(
    candidate, application, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify_received(candidate, application)

    assert notification_deliver(notification_id=notification.pk) is False
    tasks.notification_deliver.delay(notification.pk)
    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.attempts == 1


def test_a_rolled_back_event_writes_and_sends_nothing(
    candidate, application, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        notify_received(candidate, application)
        raise RuntimeError("the event failed")

    assert Notification.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_notify_outside_a_transaction_delivers_at_once(candidate, application, mailoutbox):
    notify_received(candidate, application)

    assert len(mailoutbox) == 1
    assert Notification.objects.get().status == Notification.Status.SENT


def test_notify_to_an_address_without_an_account(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify_rendered(
            recipient=None,
            email="nobody@example.com",
            event="unknown_account",
            key="k1",
            subject="Hello",
            body_text="Text",
            body_html="",
        )

    assert notification.recipient is None
    assert mailoutbox[0].to == ["nobody@example.com"]
    assert mailoutbox[0].alternatives == []


@pytest.mark.parametrize(
    "link", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "/\\evil.example"]
)
def test_notify_refuses_a_link_off_this_site(candidate, application, link):
    with pytest.raises(ValueError, match="path on this site"):
        notify(
            recipient=candidate,
            event="application_received",
            key="1",
            context={"application": application, "candidate_name": "", "queued": False},
            link=link,
        )


def test_notify_refuses_an_event_that_is_not_a_slug(candidate):
    with pytest.raises(ValueError, match="short slug"):
        notify(recipient=candidate, event="../secret", key="1", context={})


def test_a_transient_smtp_error_leaves_the_notification_pending_with_the_error(
    candidate, application, failing_mailer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        notification = notify_received(candidate, application)

    with pytest.raises(smtplib.SMTPServerDisconnected):
        notification_deliver(notification_id=notification.pk)

    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING
    assert notification.attempts == 1
    assert notification.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert mailoutbox == []


@pytest.fixture
def deliver_with_retries():
    """Run the task in-process with its retries, at once, as a worker would run them later.

    In-process, Celery raises its Retry to the caller unless errors are not propagated.
    """

    def deliver(notification):
        tasks.notification_deliver.apply(args=[notification.pk])
        notification.refresh_from_db()

    previous = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = False
    yield deliver
    celery_app.conf.task_eager_propagates = previous


def test_the_task_retries_a_transient_error_then_sends(
    candidate, application, failing_mailer, deliver_with_retries, mailoutbox, django_capture_on_commit_callbacks
):
    failing_mailer.failures = 2
    with django_capture_on_commit_callbacks(execute=False):
        notification = notify_received(candidate, application)

    deliver_with_retries(notification)

    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 3
    assert notification.last_error == ""
    assert len(mailoutbox) == 1


def test_five_failed_attempts_mark_the_notification_failed(
    candidate, application, failing_mailer, deliver_with_retries, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        notification = notify_received(candidate, application)

    deliver_with_retries(notification)

    assert notification.status == Notification.Status.FAILED
    assert notification.attempts == Notification.MAX_ATTEMPTS == 5
    assert "SMTPServerDisconnected" in notification.last_error
    assert mailoutbox == []
    assert notification_deliver(notification_id=notification.pk) is False


def test_a_failed_delivery_after_commit_does_not_fail_the_request(
    candidate, application, failing_mailer, mailoutbox, django_capture_on_commit_callbacks
):
    # In-process tasks (no broker) raise into the on_commit callback; the
    # event is committed, so the error is logged and the row waits for requeue.
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify_received(candidate, application)

    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING
    assert "SMTPServerDisconnected" in notification.last_error
    assert mailoutbox == []


def test_an_error_that_is_not_transient_fails_the_notification_at_once(
    candidate, application, monkeypatch, django_capture_on_commit_callbacks
):
    def send_messages(backend, messages):
        raise ValueError("bad address")

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)
    with django_capture_on_commit_callbacks(execute=False):
        notification = notify_received(candidate, application)

    with pytest.raises(ValueError, match="bad address"):
        notification_deliver(notification_id=notification.pk)

    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert notification.attempts == 1


def make_row(key, status, age, claimed_age=None, attempts=0):
    now = timezone.now()
    notification = Notification.objects.create(
        email="alice@example.com", event="test", key=key, subject="S", body_text="T", attempts=attempts
    )
    Notification.objects.filter(pk=notification.pk).update(
        status=status,
        created_at=now - age,
        claimed_at=None if claimed_age is None else now - claimed_age,
    )
    return notification.pk


def test_requeue_picks_up_stale_pending_and_stuck_sending_notifications_only(
    mailoutbox, django_capture_on_commit_callbacks
):
    minutes = dt.timedelta(minutes=1)
    stale_pending = make_row("stale-pending", "pending", 30 * minutes)
    stuck_sending = make_row("stuck-sending", "sending", 30 * minutes, claimed_age=20 * minutes, attempts=1)
    make_row("fresh-pending", "pending", 2 * minutes)
    make_row("retrying", "pending", 30 * minutes, claimed_age=2 * minutes, attempts=2)
    make_row("busy-sending", "sending", 30 * minutes, claimed_age=1 * minutes, attempts=1)
    make_row("sent", "sent", 30 * minutes, claimed_age=30 * minutes, attempts=1)
    make_row("failed", "failed", 30 * minutes, claimed_age=30 * minutes, attempts=5)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert notifications_requeue_stale(older_than=10 * minutes) == 2

    assert len(callbacks) == 2
    assert set(Notification.objects.filter(status="sent", sent_at__isnull=False).values_list("pk", flat=True)) == {
        stale_pending,
        stuck_sending,
    }
    assert len(mailoutbox) == 2
    assert Notification.objects.get(key="busy-sending").status == "sending"
    assert Notification.objects.get(key="fresh-pending").status == "pending"
    assert Notification.objects.get(key="failed").status == "failed"


def test_requeue_fails_a_stuck_notification_that_used_its_last_attempt(django_capture_on_commit_callbacks):
    pk = make_row("stuck", "sending", dt.timedelta(hours=1), claimed_age=dt.timedelta(hours=1), attempts=5)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert notifications_requeue_stale() == 0

    assert callbacks == []
    notification = Notification.objects.get(pk=pk)
    assert notification.status == Notification.Status.FAILED
    assert notification.last_error == "The worker stopped while sending."


def test_marking_read_touches_only_the_users_own_notifications(candidate, other_candidate, application):
    alices = notify_received(candidate, application)
    bobs = notify_received(other_candidate, application)

    assert notification_mark_read(notification=bobs, user=candidate) is False
    assert notification_mark_read(notification=alices, user=candidate) is True
    assert notification_mark_read(notification=alices, user=candidate) is False
    bobs.refresh_from_db()
    assert bobs.read_at is None
    assert notifications_mark_all_read(user=other_candidate) == 1
