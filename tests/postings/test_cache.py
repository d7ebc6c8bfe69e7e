"""Cached public pages are never stale and never personal; a broken cache only costs speed."""

import datetime as dt

import pytest
from django.utils import timezone

from postings.cache import Catalogue, catalogue_version
from postings.models import CatalogueVersion, Posting, Program
from postings.publishing import posting_approve
from postings.services import postings_close_expired
from recruit import cache as fail_open
from tests.factories import (
    BusinessUnitFactory,
    CandidateProfileFactory,
    InfoSessionFactory,
    LocationFactory,
    PostingFactory,
    RoleCategoryFactory,
    close_posting,
    verify_email,
)

pytestmark = pytest.mark.django_db


def board(client, query=""):
    response = client.get(f"/jobs/{query}")
    assert response.status_code == 200
    return response.text


@pytest.fixture
def role(unit_a):
    return PostingFactory(title="Agent Evaluation Intern", unit=unit_a)


def test_a_repeated_board_request_is_served_from_the_cache(client, role, django_assert_num_queries):
    first = board(client)
    with django_assert_num_queries(1):
        assert board(client) == first


def test_publishing_a_draft_shows_on_the_next_request(client, role, admin_user):
    draft = PostingFactory(title="Fresh Draft Intern", status=Posting.Status.DRAFT, published_at=None)
    assert "Fresh Draft Intern" not in board(client)
    posting_approve(posting=draft, actor=admin_user)
    assert "Fresh Draft Intern" in board(client)
    assert "2 open roles" in board(client)


def test_closing_a_posting_takes_it_off_the_cached_board_and_page(client, role):
    assert "Agent Evaluation Intern" in board(client)
    assert client.get(f"/jobs/{role.pk}/").status_code == 200
    close_posting(role)
    assert "Agent Evaluation Intern" not in board(client)
    assert client.get(f"/jobs/{role.pk}/").status_code == 404


def test_moving_a_posting_to_another_unit_updates_the_counts(client, role, unit_b):
    assert board(client, f"?unit={unit_b.slug}").count("Agent Evaluation Intern") == 0
    role.unit = unit_b
    role.save()
    text = board(client, f"?unit={unit_b.slug}")
    assert "Agent Evaluation Intern" in text
    assert "1 open role" in text


def test_a_bulk_update_like_the_closing_task_bumps_the_version(client, role):
    Posting.objects.filter(pk=role.pk).update(closes_at=timezone.now() + dt.timedelta(hours=1))
    assert "Agent Evaluation Intern" in board(client)
    before = catalogue_version()
    Posting.objects.filter(pk=role.pk).update(status=Posting.Status.CLOSED)
    assert catalogue_version() != before
    assert "Agent Evaluation Intern" not in board(client)


@pytest.mark.parametrize(
    "change",
    [
        lambda role: BusinessUnitFactory(name="Brand New Unit"),
        lambda role: RoleCategoryFactory(name="Quantum Engineer"),
        lambda role: LocationFactory(name="Frankfurt", country="Germany", country_code="DE"),
        lambda role: role.locations.add(LocationFactory(name="Beijing")),
        lambda role: Program.objects.update(name="Renamed Program"),
        lambda role: InfoSessionFactory(),
        lambda role: Posting.objects.filter(pk=role.pk).delete(),
    ],
)
def test_every_kind_of_catalogue_write_changes_the_version(role, change):
    before = catalogue_version()
    change(role)
    assert catalogue_version() != before


def test_a_closing_date_passing_takes_the_role_off_without_any_write(client, role, monkeypatch):
    closes = timezone.now() + dt.timedelta(minutes=5)
    Posting.objects.filter(pk=role.pk).update(closes_at=closes)
    assert "Agent Evaluation Intern" in board(client)
    later = closes + dt.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Agent Evaluation Intern" not in board(client)
    assert client.get(f"/jobs/{role.pk}/").status_code == 404
    assert postings_close_expired(now=later) == 1


def test_a_program_opening_later_appears_when_it_opens(client, role, monkeypatch):
    opens = timezone.now() + dt.timedelta(hours=2)
    future = Program.objects.create(
        name="Star Program 2027",
        slug="2027-star",
        graduation_start=dt.date(2026, 11, 1),
        graduation_end=dt.date(2027, 10, 30),
        applications_open=opens,
        applications_close=opens + dt.timedelta(days=30),
    )
    PostingFactory(title="Foundation Model Researcher", program=future)
    assert "Foundation Model Researcher" not in board(client)
    assert "1 open role" in board(client)
    monkeypatch.setattr(timezone, "now", lambda: opens)
    assert "Foundation Model Researcher" in board(client)


def test_a_role_published_for_later_appears_at_its_time_and_not_before(client, role, ready_candidate, monkeypatch):
    publishes = timezone.now() + dt.timedelta(hours=1)
    scheduled = PostingFactory(title="Scheduled Agent Intern", unit=role.unit, published_at=publishes)
    assert "Scheduled Agent Intern" not in board(client)
    assert client.get(f"/jobs/{scheduled.pk}/").status_code == 404
    client.force_login(ready_candidate)
    apply_page = client.get(f"/me/apply/{scheduled.pk}/")
    assert apply_page.status_code == 404
    assert "Scheduled Agent Intern" not in apply_page.text
    client.logout()
    monkeypatch.setattr(timezone, "now", lambda: publishes)
    assert "Scheduled Agent Intern" in board(client)
    assert client.get(f"/jobs/{scheduled.pk}/").status_code == 200


def test_home_figures_follow_a_change(client, role):
    first = client.get("/").text
    assert ">1</dd>" in first
    PostingFactory.create_batch(2, headcount=3)
    assert ">3</dd>" in client.get("/").text


def test_home_and_posting_pages_are_cached(client, role, django_assert_num_queries):
    client.get("/")
    client.get(f"/jobs/{role.pk}/")
    with django_assert_num_queries(1):
        client.get("/")
    with django_assert_num_queries(1):
        client.get(f"/jobs/{role.pk}/")


def test_the_navigation_is_never_shared_between_visitors_and_users(client, role, candidate):
    assert "Sign in" in board(client)
    client.force_login(candidate)
    signed_in = board(client)
    assert "Sign out" in signed_in
    assert "Sign in</a>" not in signed_in
    client.logout()
    client.cookies.clear()
    text = board(client)
    assert "Sign out" not in text
    assert "Sign in" in text


def test_a_signed_in_candidate_gets_the_apply_button_on_a_cached_posting_page(client, role, ready_candidate):
    client.get(f"/jobs/{role.pk}/")
    client.force_login(ready_candidate)
    text = client.get(f"/jobs/{role.pk}/").text
    assert f'href="/me/apply/{role.pk}/"' in text
    assert "Sign in to apply" not in text


def test_a_signed_in_user_sees_fresh_data_too(client, role, candidate):
    client.force_login(candidate)
    assert "Agent Evaluation Intern" in board(client)
    close_posting(role)
    assert "Agent Evaluation Intern" not in board(client)


def test_messages_are_shown_not_swallowed_by_a_cached_page(client, role, candidate):
    board(client)
    client.force_login(candidate)
    client.post("/accounts/logout/")
    assert "You have signed out." in board(client)


def test_roles_i_can_apply_to_are_cached_per_profile_not_per_person(client, role, ready_candidate, other_candidate):
    CandidateProfileFactory(user=other_candidate, degree_level="bachelor")
    Posting.objects.filter(pk=role.pk).update(degree_levels=["master"])
    client.force_login(ready_candidate)
    assert "Agent Evaluation Intern" in board(client, "?open_to=1")
    client.force_login(verify_email(other_candidate))
    assert "Agent Evaluation Intern" not in board(client, "?open_to=1")


BROKEN_CACHE = {
    "default": {
        # The backend production uses with REDIS_URL; nothing listens on port 1.
        "BACKEND": "recruit.cache.FailOpenRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture
def broken_cache(settings):
    settings.CACHES = BROKEN_CACHE
    yield
    fail_open.reset()


def test_a_cache_that_is_down_never_breaks_a_page(client, role, broken_cache, candidate):
    assert "Agent Evaluation Intern" in board(client)
    assert "Agent Evaluation Intern" in board(client, "?q=agent&ai=1")
    assert client.get("/").status_code == 200
    assert client.get(f"/jobs/{role.pk}/").status_code == 200
    client.force_login(candidate)
    assert "Agent Evaluation Intern" in board(client)
    close_posting(role)
    assert "Agent Evaluation Intern" not in board(client)


def test_a_flushed_version_row_is_put_back_with_a_new_token(role):
    before = catalogue_version()
    CatalogueVersion.objects.all().delete()
    after = catalogue_version()
    assert after != before
    close_posting(role)
    assert catalogue_version() != after


def test_an_entry_expires_at_the_next_time_driven_change(role):
    closes = timezone.now() + dt.timedelta(minutes=10)
    Posting.objects.filter(pk=role.pk).update(closes_at=closes)
    assert Catalogue().valid_until() == closes + dt.timedelta(microseconds=1)


def test_an_admin_bulk_action_shows_on_the_next_board_request(client, admin_user):
    drafts = PostingFactory.create_batch(2, status=Posting.Status.DRAFT, published_at=None)
    assert "0 open roles" in board(client)
    staff = client.__class__()
    staff.force_login(admin_user)
    staff.post("/admin/postings/posting/", {"action": "publish_postings", "_selected_action": [p.pk for p in drafts]})
    assert "2 open roles" in board(client)
    staff.post("/admin/postings/posting/", {"action": "close_postings", "_selected_action": [drafts[0].pk]})
    assert "1 open role" in board(client)


def test_a_cached_home_page_shows_each_visitor_their_own_time_of_the_sessions(client, role):
    InfoSessionFactory(
        program=role.program, university="Technical University of Munich", city="Munich", time_zone="Europe/Berlin"
    )
    assert "Your time:" not in client.get("/").text
    client.cookies["time_zone"] = "America/Los_Angeles"
    assert "Los Angeles time" in client.get("/").text
    client.cookies["time_zone"] = "Asia/Singapore"
    singapore = client.get("/").text
    assert "Singapore time" in singapore
    assert "Los Angeles time" not in singapore
    del client.cookies["time_zone"]
    assert "Your time:" not in client.get("/").text
