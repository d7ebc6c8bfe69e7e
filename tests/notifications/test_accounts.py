"""allauth's account emails go through the outbox, and say what allauth says."""

import re

import pytest

from recruit.notifications.models import Notification

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-and-unusual-passphrase-2027"


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    # allauth's rate limits count in a cache the whole run shares; they are
    # allauth's to test, and would make these tests depend on their order.
    settings.ACCOUNT_RATE_LIMITS = False


def sign_up(client, email):
    return client.post(
        "/accounts/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def test_signing_up_writes_one_confirmation_notification_and_sends_it_after_commit(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, "carol@example.com")

    assert response.status_code == 302
    notification = Notification.objects.get()
    assert notification.event == "email_confirmation_signup"
    assert notification.email == "carol@example.com"
    assert notification.recipient.email == "carol@example.com"
    assert notification.status == Notification.Status.SENT
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["carol@example.com"]
    assert message.subject.startswith("[Campus Recruitment 2027] ")
    link = re.search(r"https?://testserver(/accounts/confirm-email/[^\s]+/)", message.body)
    assert link, message.body
    assert client.get(link.group(1)).status_code == 200


def test_nothing_is_sent_before_the_sign_up_commits(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sign_up(client, "carol@example.com")

    assert mailoutbox == []
    assert len(callbacks) == 1


def test_a_password_reset_for_a_registered_address_writes_a_reset_notification(
    client, candidate, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "alice@example.com"})

    notification = Notification.objects.get()
    assert notification.event == "password_reset_key"
    assert notification.recipient == candidate
    assert "/accounts/password/reset/key/" in mailoutbox[0].body


def test_the_reset_page_answers_the_same_for_an_unknown_address(client, candidate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/accounts/password/reset/", {"email": "alice@example.com"})
        unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    unknown_row = Notification.objects.get(email="nobody@example.com")
    assert unknown_row.recipient is None
    assert unknown_row.event == "unknown_account"


def test_each_resend_is_its_own_notification(client, candidate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "alice@example.com"})
        client.post("/accounts/password/reset/", {"email": "alice@example.com"})

    assert Notification.objects.filter(event="password_reset_key").count() == 2
