"""Notifications carry text attachments (an interview's .ics): kept in the outbox row, sent with the email."""

import datetime as dt
import io

import pytest
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from recruit.accounts.models import PersonalVersion
from recruit.notifications.mail import ConsoleBackend
from recruit.notifications.models import Notification
from recruit.notifications.services import (
    attachment_part,
    notification_deliver,
    notifications_purge,
    notify_rendered,
)

pytestmark = pytest.mark.django_db

ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nSUMMARY:面试\r\nEND:VCALENDAR\r\n"
INVITATION = {"filename": "interview.ics", "content_type": "text/calendar; method=REQUEST", "content": ICS}


def write(**kwargs):
    defaults = {
        "recipient": None,
        "email": "alice@example.com",
        "event": "interview_scheduled",
        "key": "interview-1-0",
        "subject": "Interview",
        "body_text": "Text",
        "body_html": "<p>HTML</p>",
        "attachments": [INVITATION],
    }
    return notify_rendered(**(defaults | kwargs))


def test_the_outbox_keeps_the_attachment(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        notification = write()
    notification.refresh_from_db()
    assert notification.attachments == [INVITATION]


def test_delivery_attaches_the_file_with_its_type_and_parameters(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        write()
    [email] = mailoutbox
    message = email.message()
    [part] = [part for part in message.walk() if part.get_filename()]
    assert part.get_filename() == "interview.ics"
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST"
    assert part.is_attachment()
    assert part.get_content().replace("\r\n", "\n") == ICS.replace("\r\n", "\n")
    # The text and HTML bodies are still there, as alternatives.
    assert {p.get_content_type() for p in message.walk()} >= {"text/plain", "text/html", "text/calendar"}


def test_a_notification_without_attachments_sends_none(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        write(attachments=None)
    assert not [part for part in mailoutbox[0].message().walk() if part.get_filename()]


@pytest.mark.parametrize(
    "attachment",
    [
        {"filename": "../../etc/passwd", "content_type": "text/plain", "content": "x"},
        {"filename": "a\r\nBcc: x@example.com", "content_type": "text/plain", "content": "x"},
        {"filename": "x.ics", "content_type": "application/octet-stream", "content": "x"},
        {"filename": "x.ics", "content_type": "text/calendar; method=REQUEST\r\nX: y", "content": "x"},
        {"filename": "x.ics", "content_type": "text/calendar", "content": b"bytes"},
        {"filename": "x.ics", "content_type": "text/calendar"},
    ],
)
def test_an_attachment_that_is_not_a_plain_text_file_is_a_programming_error(attachment):
    with pytest.raises(ValueError):
        write(attachments=[attachment])
    assert not Notification.objects.exists()


def test_purging_old_bodies_drops_the_attachments_too(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = write(recipient=None)
    Notification.objects.filter(pk=notification.pk).update(
        recipient=None, sent_at=timezone.now() - dt.timedelta(days=400)
    )
    # An erased recipient's sent rows are deleted outright; one with a recipient keeps its subject only.
    assert notifications_purge(retention=dt.timedelta(days=30)) == (0, 1)


def test_purging_old_bodies_of_a_kept_row_blanks_its_attachments(candidate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = write(recipient=candidate)
    Notification.objects.filter(pk=notification.pk).update(sent_at=timezone.now() - dt.timedelta(days=400))
    assert notifications_purge(retention=dt.timedelta(days=30)) == (1, 0)
    notification.refresh_from_db()
    assert notification.attachments == []
    assert notification.subject == "Interview"


def test_the_in_app_list_leaves_the_attachments_in_the_database(candidate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        write(recipient=candidate)
    listed = Notification.objects.visible_to(candidate).for_list().get()
    assert "attachments" in listed.get_deferred_fields()


def test_a_redelivered_task_sends_the_attachment_once(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = write()
    assert notification_deliver(notification_id=notification.pk) is False
    assert len(mailoutbox) == 1


def test_the_console_mailer_prints_the_invitation_readable_and_still_attached():
    message = EmailMultiAlternatives("Interview", "Text", to=["alice@example.com"])
    message.attach(attachment_part(INVITATION))
    stream = io.StringIO()
    ConsoleBackend(stream=stream).send_messages([message])
    printed = stream.getvalue()
    assert "SUMMARY:面试" in printed
    assert 'filename="interview.ics"' in printed
    assert 'method="REQUEST"' in printed
    assert "Content-Disposition: attachment" in printed


def test_the_outbox_still_changes_the_recipients_personal_version(candidate, django_capture_on_commit_callbacks):
    """The migration that added attachments rebuilt the table on SQLite: its triggers are there again."""

    def token():
        return PersonalVersion.objects.filter(user_id=candidate.pk).values_list("token", flat=True).first()

    before = token()
    with django_capture_on_commit_callbacks(execute=False):
        notification = write(recipient=candidate)
    after_insert = token()
    Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())
    after_read = token()
    assert before != after_insert != after_read
