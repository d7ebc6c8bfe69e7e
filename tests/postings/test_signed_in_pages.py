"""Signed-in public pages: the shared shell from the cache, the personal parts always the user's own and current."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from applicants.services import application_submit
from recruit.notifications.models import Notification
from tests.factories import PostingFactory, ResumeFactory, UnitMembershipFactory

pytestmark = pytest.mark.django_db

PAGES = ["/", "/jobs/", "/jobs/?q=agent", "posting"]


@pytest.fixture
def role(unit_a):
    return PostingFactory(title="Agent Evaluation Intern", unit=unit_a)


def url(page, role):
    return f"/jobs/{role.pk}/" if page == "posting" else page


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.text


def notify(user, key="n1"):
    return Notification.objects.create(
        recipient=user, email=user.email, event="application_received", key=key, subject="Hello", body_text="Text"
    )


def unread(html: str) -> str:
    return re.search(r"Notifications \((\d+)", html)[1]


@pytest.mark.parametrize("page", PAGES)
def test_a_cached_signed_in_page_costs_three_queries_with_10_or_200_postings(
    client, ready_candidate, role, page, django_assert_num_queries
):
    client.force_login(ready_candidate)
    path = url(page, role)
    for count in (10, 200):
        PostingFactory.create_batch(count - 1 if count == 10 else 190)
        first = get(client, path)
        with django_assert_num_queries(3):  # the session, the user with their version, the catalogue version
            again = get(client, path)
        assert again == _without_token(again, first)


def _without_token(again: str, first: str) -> str:
    """`first` with its CSRF token swapped for `again`'s: the only part that differs between two requests."""
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    return token.sub(f'name="csrfmiddlewaretoken" value="{token.search(again)[1]}"', first)


@pytest.mark.parametrize("page", PAGES)
def test_no_marker_of_a_personal_part_reaches_anyone(client, candidate, role, page):
    path = url(page, role)
    for _ in range(2):
        assert "<!--personal" not in get(client, path)  # a visitor without cookies: the whole page
    client.cookies["csrftoken"] = "a" * 32
    for _ in range(2):
        assert "<!--personal" not in get(client, path)  # a visitor with a cookie: the shell, filled
    client.force_login(candidate)
    for _ in range(2):
        assert "<!--personal" not in get(client, path)


@pytest.mark.parametrize("page", PAGES)
def test_the_unread_count_follows_a_new_and_a_read_notification(client, candidate, role, page):
    client.force_login(candidate)
    path = url(page, role)
    assert unread(get(client, path)) == "0"
    notification = notify(candidate)
    assert unread(get(client, path)) == "1"
    Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())
    assert unread(get(client, path)) == "0"


@pytest.mark.parametrize("page", PAGES)
def test_each_user_gets_their_own_navigation_from_a_shared_shell(client, candidate, other_candidate, role, page):
    path = url(page, role)
    notify(candidate)
    client.force_login(candidate)
    assert unread(get(client, path)) == "1"
    bob = Client()
    bob.force_login(other_candidate)
    assert unread(get(bob, path)) == "0"
    visitor = Client()
    visitor.cookies["csrftoken"] = "a" * 32
    html = get(visitor, path)
    assert "Sign in" in html
    assert "Sign out" not in html


def test_the_sign_out_form_of_a_cached_navigation_carries_a_working_token(candidate, role):
    client = Client(enforce_csrf_checks=True)
    client.force_login(candidate)
    get(client, "/jobs/")
    html = get(client, "/jobs/")  # the navigation from the cache
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    response = client.post("/accounts/logout/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert "Sign in" in get(client, "/jobs/")


def test_becoming_staff_shows_the_admin_link_on_the_next_page(client, candidate, role):
    client.force_login(candidate)
    assert 'href="/admin/"' not in get(client, "/jobs/")
    candidate.is_staff = True
    candidate.save(update_fields=["is_staff"])
    assert 'href="/admin/"' in get(client, "/jobs/")


def test_the_navigation_marks_the_page_it_is_on(client, candidate, role):
    client.force_login(candidate)
    get(client, f"/jobs/{role.pk}/")
    assert 'href="/jobs/" aria-current="page"' in get(client, "/jobs/")
    assert 'href="/jobs/" aria-current' not in get(client, f"/jobs/{role.pk}/")


def test_the_apply_panel_follows_the_candidates_own_changes(client, candidate, role, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from tests.factories import CandidateProfileFactory, verify_email

    verify_email(candidate)
    CandidateProfileFactory(user=candidate)
    client.force_login(candidate)
    path = f"/jobs/{role.pk}/"
    assert "Upload a resume" in get(client, path) or "resume" in get(client, path).lower()
    assert "You may apply to this role." not in get(client, path)
    ResumeFactory(candidate=candidate)
    assert "You may apply to this role." in get(client, path)
    application_submit(candidate=candidate, posting=role)
    html = get(client, path)
    assert "You may apply to this role." not in html
    assert "You cannot apply to this role yet" in html


def test_two_candidates_see_their_own_apply_panels(client, ready_candidate, other_candidate, role):
    client.force_login(ready_candidate)
    assert "You may apply to this role." in get(client, f"/jobs/{role.pk}/")
    bob = Client()
    bob.force_login(other_candidate)  # no profile, no resume
    html = get(bob, f"/jobs/{role.pk}/")
    assert "You may apply to this role." not in html
    assert "You cannot apply to this role yet" in html


def test_a_message_shows_once_on_a_cached_page(client, candidate, role):
    client.force_login(candidate)
    get(client, "/jobs/")
    response = client.post("/time-zone/", {"time_zone": "Mars/Olympus_Mons", "next": "/jobs/"}, follow=True)
    assert response.status_code == 200
    messages = re.findall(r'<li class="message[^"]*">', response.text)
    assert len(messages) == 1
    assert not re.findall(r'<li class="message[^"]*">', get(client, "/jobs/"))


def test_a_new_unit_role_changes_nothing_it_should_not(client, candidate, role, unit_a):
    client.force_login(candidate)
    before = get(client, "/jobs/")
    UnitMembershipFactory(user=candidate, unit=unit_a)
    after = get(client, "/jobs/")
    assert unread(after) == unread(before)
