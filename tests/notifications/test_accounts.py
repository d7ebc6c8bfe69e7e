"""allauth's account emails go through the outbox, and say what allauth says."""

import io
import re

import pytest

from recruit.notifications.mail import ConsoleBackend
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


def test_account_emails_are_our_text_in_plain_and_html_with_links_on_the_site_url(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://careers.example.com"
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "carol@example.com")

    message = mailoutbox[0]
    assert message.subject == "[Campus Recruitment 2027] Confirm your email address"
    assert "Please confirm that carol@example.com is your address." in message.body
    assert "You're receiving this email because" not in message.body  # allauth's text
    link = re.search(r"^https://careers\.example\.com/accounts/confirm-email/\S+/$", message.body, flags=re.M)
    assert link, message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert f'href="{link.group(0)}"' in html
    assert "testserver" not in message.body + html


def test_a_password_reset_email_is_ours_and_links_to_the_site_url(
    client, candidate, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://careers.example.com"
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "alice@example.com"})

    message = mailoutbox[0]
    assert message.subject == "[Campus Recruitment 2027] Set a new password"
    assert "Hi Alice Candidate," in message.body
    assert re.search(r"^https://careers\.example\.com/accounts/password/reset/key/\S+/$", message.body, flags=re.M)
    assert "Choose a new password" in message.alternatives[0][0]


def test_in_development_links_follow_the_address_the_portal_is_served_on(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["192.168.1.20"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/signup/",
            {"email": "carol@example.com", "password1": PASSWORD, "password2": PASSWORD},
            HTTP_HOST="192.168.1.20:8000",
        )

    assert re.search(r"^http://192\.168\.1\.20:8000/accounts/confirm-email/\S+/$", mailoutbox[0].body, flags=re.M)


def test_once_sent_the_outbox_keeps_no_usable_verification_or_reset_link(
    client, candidate, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "carol@example.com")
        client.post("/accounts/password/reset/", {"email": "alice@example.com"})

    assert len(mailoutbox) == 2
    for notification in Notification.objects.all():
        assert notification.status == Notification.Status.SENT
        assert notification.holds_secret
        assert notification.body_text == notification.body_html == ""


def test_the_development_console_prints_each_email_readable_with_the_link_on_one_line(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.SITE_NAME = "校园招聘 2027"
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "zoe.student@example.com")
    console = io.StringIO()

    ConsoleBackend(stream=console).send_messages(mailoutbox)

    printed = console.getvalue()
    assert "Content-Transfer-Encoding: quoted-printable" not in printed
    assert "Content-Transfer-Encoding: 8bit" in printed
    assert "Please confirm that zoe.student@example.com is your address." in printed
    assert "The 校园招聘 2027 team" in printed
    assert re.search(r"^http://127\.0\.0\.1:8000/accounts/confirm-email/[^\s=]+/$", printed, flags=re.M), printed
