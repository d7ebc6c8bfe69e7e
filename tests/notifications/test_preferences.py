"""Preferences: a topic turned off stops its notifications and nothing else; the one-click unsubscribe link and
headers (RFC 8058) work without a session and refuse what the portal did not sign."""

import pytest
from django.core import signing
from django.db import transaction
from django.test import Client

from recruit.notifications.kinds import UnknownEvent
from recruit.notifications.models import Notification, NotificationPreference
from recruit.notifications.preferences import SALT, preferences_set, topic_enabled, unsubscribe_token
from recruit.notifications.services import notify, notify_rendered
from tests.factories import UserFactory
from tests.notifications.examples import all_examples

pytestmark = pytest.mark.django_db

EXAMPLES = all_examples()
ONE_CLICK = {"List-Unsubscribe": "One-Click"}


def send(event, recipient, key="1"):
    return notify(recipient=recipient, event=event, key=key, context=EXAMPLES[event](), link="/me/pool/")


def turn_off(user, topic):
    preferences_set(user=user, choices={topic: False})


def path_of(url: str) -> str:
    return url.removeprefix("http://testserver")


# --- Preferences in notify --------------------------------------------------------------------


def test_a_topic_is_on_until_its_user_turns_it_off(candidate):
    assert topic_enabled(user=candidate, topic="pool_invitations")
    assert send("pool_invitation", candidate) is not None


def test_a_topic_turned_off_writes_and_sends_nothing(candidate, mailoutbox, django_capture_on_commit_callbacks):
    turn_off(candidate, "pool_invitations")

    with django_capture_on_commit_callbacks(execute=True):
        assert send("pool_invitation", candidate) is None

    assert not Notification.objects.exists()
    assert mailoutbox == []


def test_turning_one_topic_off_leaves_the_others_and_other_people_alone(candidate, other_candidate):
    turn_off(candidate, "pool_invitations")

    assert send("pool_expiry_reminder", candidate) is not None
    assert send("pool_invitation", other_candidate) is not None


def test_essential_notifications_go_out_whatever_is_turned_off(candidate):
    preferences_set(user=candidate, choices=dict.fromkeys(EVENTS_TOPICS, False))

    for event in ("application_offer", "application_rejected", "interview_scheduled", "account_deleted"):
        assert send(event, candidate, key=event) is not None, event


EVENTS_TOPICS = ["pool_invitations", "pool_expiry_reminder", "pool_digest", "posting_workflow"]


def test_the_choice_is_read_in_the_events_transaction(candidate):
    with transaction.atomic():
        turn_off(candidate, "pool_invitations")
        assert send("pool_invitation", candidate) is None


def test_turning_a_topic_on_again_sends_it_again(candidate):
    turn_off(candidate, "pool_invitations")
    preferences_set(user=candidate, choices={"pool_invitations": True})

    assert send("pool_invitation", candidate) is not None


def test_an_address_without_an_account_gets_a_non_essential_email_without_an_unsubscribe_link():
    notification = notify(
        email="nobody@example.com", event="pool_invitation", key="1", context=EXAMPLES["pool_invitation"]()
    )

    assert notification.unsubscribe_url == ""
    assert "Unsubscribe" not in notification.body_text


def test_already_rendered_notifications_follow_the_topic_too(candidate):
    turn_off(candidate, "pool_digest")
    written = notify_rendered(
        recipient=candidate,
        email=candidate.email,
        event="pool_digest",
        key="1",
        subject="S",
        body_text="T",
        body_html="",
    )

    assert written is None


@pytest.mark.parametrize("write", ["notify", "notify_rendered"])
def test_an_undeclared_event_is_a_programming_error_and_writes_nothing(candidate, write):
    with pytest.raises(UnknownEvent):
        if write == "notify":
            notify(recipient=candidate, event="no_such_event", key="1", context={})
        else:
            notify_rendered(
                recipient=candidate,
                email=candidate.email,
                event="no_such_event",
                key="1",
                subject="S",
                body_text="T",
                body_html="",
            )
    assert not Notification.objects.exists()


def test_preferences_refuse_an_unknown_topic(candidate):
    with pytest.raises(ValueError):
        preferences_set(user=candidate, choices={"no_such_topic": False})


# --- Headers at delivery ----------------------------------------------------------------------------


def test_a_non_essential_email_carries_the_one_click_unsubscribe_headers(
    candidate, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = send("pool_invitation", candidate)

    message = mailoutbox[0].message()
    assert message["List-Unsubscribe"] == f"<{notification.unsubscribe_url}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert notification.topic == "pool_invitations"
    assert notification.unsubscribe_url.startswith("http://testserver/unsubscribe/")


def test_an_essential_email_has_no_unsubscribe_headers(candidate, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = send("application_offer", candidate)

    message = mailoutbox[0].message()
    assert message["List-Unsubscribe"] is None
    assert message["List-Unsubscribe-Post"] is None
    assert (notification.topic, notification.unsubscribe_url) == ("", "")


def test_the_link_is_in_the_recipients_language(candidate):
    candidate.language = "zh-hans"
    candidate.save(update_fields=["language"])

    notification = send("pool_invitation", candidate)

    assert notification.unsubscribe_url.startswith("http://testserver/zh-hans/unsubscribe/")


# --- The unsubscribe page ----------------------------------------------------------------------------


def test_the_link_from_the_email_asks_to_confirm_and_changes_nothing(candidate):
    url = path_of(send("pool_invitation", candidate).unsubscribe_url)

    response = Client().get(url)

    assert response.status_code == 200
    assert "Invitations from other units to apply to their roles" in response.text
    assert 'name="List-Unsubscribe" value="One-Click"' in response.text
    assert "no-cache" in response["Cache-Control"]
    assert 'name="robots" content="noindex"' in response.text
    assert topic_enabled(user=candidate, topic="pool_invitations")


def test_the_pages_button_unsubscribes_without_a_session_or_csrf_token(candidate):
    url = path_of(send("pool_invitation", candidate).unsubscribe_url)

    response = Client(enforce_csrf_checks=True).post(url, ONE_CLICK)

    assert response.status_code == 200
    assert "You are unsubscribed" in response.text
    assert not topic_enabled(user=candidate, topic="pool_invitations")
    assert send("pool_invitation", candidate, key="2") is None


def test_a_mail_programs_one_click_post_round_trips_from_the_header(
    candidate, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send("pool_digest", candidate)
    header = mailoutbox[0].message()["List-Unsubscribe"]

    response = Client(enforce_csrf_checks=True).post(
        path_of(header.strip("<>")),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not topic_enabled(user=candidate, topic="pool_digest")


def test_unsubscribing_twice_is_fine(candidate):
    url = path_of(send("pool_invitation", candidate).unsubscribe_url)
    client = Client()

    assert client.post(url, ONE_CLICK).status_code == 200
    assert client.post(url, ONE_CLICK).status_code == 200
    assert "You are unsubscribed" in client.get(url).text
    assert NotificationPreference.objects.filter(user=candidate).count() == 1


def test_a_post_without_the_one_click_field_changes_nothing(candidate):
    url = path_of(send("pool_invitation", candidate).unsubscribe_url)

    response = Client().post(url, {"List-Unsubscribe": "yes"})

    assert response.status_code == 400
    assert topic_enabled(user=candidate, topic="pool_invitations")


def forged_tokens(user):
    genuine = unsubscribe_token(user=user, topic="pool_invitations")
    value, signature = genuine.rsplit(":", 1)
    return [
        f"{value}:{signature[:-2]}xx",  # a changed signature
        signing.dumps([user.pk, "pool_invitations"]),  # signed by the portal, for another purpose (no salt)
        signing.dumps([user.pk, "pool_invitations"], salt=SALT, key="another-secret"),  # another key
        signing.dumps({"user": user.pk}, salt=SALT),  # the portal's, but not a link's shape
        signing.dumps([str(user.pk), "pool_invitations"], salt=SALT),
        signing.dumps([True, "pool_invitations"], salt=SALT),
        "not-a-token",
        "x" * 2000,
    ]


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_forged_or_mangled_link_answers_400_and_changes_nothing(candidate, method):
    client = Client()
    for token in forged_tokens(candidate):
        url = f"/unsubscribe/{token}/"
        response = client.get(url) if method == "GET" else client.post(url, ONE_CLICK)
        assert response.status_code == 400, token
        assert "This unsubscribe link does not work" in response.text
    assert not NotificationPreference.objects.exists()


def test_a_link_of_a_deleted_account_or_a_topic_gone_answers_404(candidate):
    gone_topic = signing.dumps([candidate.pk, "no_such_topic"], salt=SALT)
    gone_user = unsubscribe_token(user=UserFactory(email="gone@example.com"), topic="pool_invitations")
    UserFactory._meta.model.objects.filter(email="gone@example.com").delete()

    for token in (gone_topic, gone_user):
        assert Client().post(f"/unsubscribe/{token}/", ONE_CLICK).status_code == 404
    assert not NotificationPreference.objects.exists()


def test_anothers_link_turns_off_that_persons_topic_never_the_signed_in_users(client, candidate, other_candidate):
    """Bob, signed in, follows Alice's link (forwarded to him): it is Alice's topic, as the link says."""
    url = path_of(send("pool_invitation", candidate).unsubscribe_url)
    client.force_login(other_candidate)

    assert client.post(url, ONE_CLICK).status_code == 200

    assert not topic_enabled(user=candidate, topic="pool_invitations")
    assert topic_enabled(user=other_candidate, topic="pool_invitations")


def test_the_chinese_link_opens_the_page_in_chinese(candidate):
    candidate.language = "zh-hans"
    candidate.save(update_fields=["language"])
    url = path_of(send("pool_invitation", candidate).unsubscribe_url)

    response = Client().get(url)

    assert response.status_code == 200
    assert '<html lang="zh-Hans"' in response.text


def test_the_page_runs_a_fixed_number_of_queries(candidate, django_assert_max_num_queries):
    url = path_of(send("pool_invitation", candidate).unsubscribe_url)
    client = Client()
    with django_assert_max_num_queries(3):
        client.get(url)


def test_the_data_export_holds_the_notification_settings(client, candidate):
    from tests.factories import verify_email

    verify_email(candidate)
    turn_off(candidate, "pool_invitations")
    client.force_login(candidate)

    response = client.get("/me/privacy/export/")

    assert response.status_code == 200
    assert response.json()["notification_settings"] == {"pool_invitations": False}
