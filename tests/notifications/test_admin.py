import pytest
from django.urls import reverse

from recruit.notifications.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(email="root@example.com", is_staff=True, is_superuser=True))
    return client


def make(key, status, **fields):
    return Notification.objects.create(
        email=f"{key}@example.com",
        event="application_received",
        key=key,
        subject=f"Subject {key}",
        body_text="T",
        status=status,
        **fields,
    )


def test_the_admin_lists_the_outbox_without_the_bodies(superuser_client, django_assert_max_num_queries):
    for n in range(10):
        make(f"n{n}", "sent", body_html="<p>secret reset link</p>")

    with django_assert_max_num_queries(12):
        response = superuser_client.get(reverse("admin:notifications_notification_changelist"))

    assert response.status_code == 200
    assert "n9@example.com" in response.text
    change = superuser_client.get(
        reverse("admin:notifications_notification_change", args=[Notification.objects.first().pk])
    )
    assert change.status_code == 200
    assert "secret reset link" not in change.text


def test_the_admin_cannot_write_a_notification(superuser_client):
    assert superuser_client.get(reverse("admin:notifications_notification_add")).status_code == 403


def test_send_again_resets_only_failed_notifications_and_sends_them(
    superuser_client, mailoutbox, django_capture_on_commit_callbacks
):
    failed = make("failed", "failed", attempts=5, last_error="SMTPServerDisconnected")
    sent = make("sent", "sent", attempts=1)

    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(
            reverse("admin:notifications_notification_changelist"),
            {"action": "send_again", "_selected_action": [failed.pk, sent.pk]},
            follow=True,
        )

    assert "1 failed notification will be sent again." in response.text
    failed.refresh_from_db()
    assert failed.status == Notification.Status.SENT
    assert failed.attempts == 1
    assert [message.to for message in mailoutbox] == [["failed@example.com"]]
