"""/me/notifications/settings/: the topics that concern the user, each with a checkbox, and what is always sent."""

import pytest

from recruit.notifications.models import NotificationPreference
from recruit.notifications.preferences import preferences_of, topic_enabled
from talentpool.models import PoolEntry

pytestmark = pytest.mark.django_db

URL = "/me/notifications/settings/"


@pytest.fixture
def pooled(candidate):
    """Alice, with a talent-pool entry: invitations and expiry reminders concern her."""
    PoolEntry.objects.create(candidate=candidate)
    return candidate


def test_a_visitor_is_asked_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_visitor_cannot_post_either(client):
    assert client.post(URL, {"pool_invitations": ""}).status_code == 302
    assert not NotificationPreference.objects.exists()


def test_a_candidate_in_the_pool_sees_her_topics_on_and_what_is_always_sent(client, pooled):
    client.force_login(pooled)

    response = client.get(URL)

    assert response.status_code == 200
    assert list(response.context["form"].fields) == ["pool_invitations", "pool_expiry_reminder"]
    assert 'id="id_pool_invitations" checked' in response.text
    assert "Always sent" in response.text
    assert "Your applications: that they arrived, every change of stage and every decision" in response.text
    assert "Your account: sign-in, address verification, password and deleting the account" in response.text
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]


def test_a_candidate_outside_the_pool_is_offered_nothing_to_turn_off(client, candidate):
    client.force_login(candidate)

    response = client.get(URL)

    assert response.status_code == 200
    assert list(response.context["form"].fields) == []
    assert "<button" not in response.text.split("Email notifications</h1>", 1)[1].split("Always sent", 1)[0]


def test_a_recruiter_gets_the_digest_and_the_postings_workflow(client, recruiter_a):
    client.force_login(recruiter_a)

    assert list(client.get(URL).context["form"].fields) == ["posting_workflow", "pool_digest"]


def test_an_admin_of_no_unit_gets_the_postings_workflow(client, admin_user):
    client.force_login(admin_user)

    assert list(client.get(URL).context["form"].fields) == ["posting_workflow"]


def test_unticking_a_topic_turns_it_off_and_ticking_it_turns_it_on(client, pooled):
    client.force_login(pooled)

    response = client.post(URL, {"pool_expiry_reminder": "on"}, follow=True)

    assert response.redirect_chain[-1][0] == URL
    assert "Your notification settings are saved." in response.text
    assert preferences_of(pooled) == {"pool_invitations": False}
    assert 'id="id_pool_invitations">' in response.text

    client.post(URL, {"pool_invitations": "on", "pool_expiry_reminder": "on"})
    assert topic_enabled(user=pooled, topic="pool_invitations")


def test_saving_without_a_change_writes_nothing(client, pooled):
    client.force_login(pooled)

    client.post(URL, {"pool_invitations": "on", "pool_expiry_reminder": "on"})

    assert not NotificationPreference.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"pool_digest": "", "posting_workflow": "", "no_such_topic": "", "pool_invitations": "on"},
        {"pool_invitations": ["on", "off", "x" * 5000], "pool_expiry_reminder": "\x00"},
        {"pool_invitations": "<script>alert(1)</script>", "csrfmiddlewaretoken": "junk"},
    ],
)
def test_odd_input_changes_only_the_users_own_topics_and_never_fails(client, pooled, data):
    """Topics that do not concern her (a recruiter's digest), unknown names, repeated or odd values."""
    client.force_login(pooled)

    response = client.post(URL, data)

    assert response.status_code == 302
    assert set(preferences_of(pooled)) <= {"pool_invitations", "pool_expiry_reminder"}


def test_the_page_runs_a_fixed_number_of_queries_whatever_the_choices(
    client, recruiter_a, django_assert_max_num_queries
):
    client.force_login(recruiter_a)
    client.post(URL, {})
    assert NotificationPreference.objects.filter(user=recruiter_a).count() == 2
    with django_assert_max_num_queries(10) as captured:
        client.get(URL)
    first = len(captured)
    NotificationPreference.objects.filter(user=recruiter_a).delete()
    with django_assert_max_num_queries(first):
        client.get(URL)


def test_the_account_menu_and_the_notification_list_link_the_settings(client, candidate):
    client.force_login(candidate)

    assert f'href="{URL}"' in client.get("/accounts/email/").text
    assert f'href="{URL}"' in client.get("/me/notifications/").text
