"""The recruiters' digest of new matches: one email a day per recruiter, in their language, through the outbox."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from postings.models import UnitMembership
from recruit.notifications.models import Notification
from talentpool import digest
from talentpool.digest import digest_send
from talentpool.matching import suggestions_refresh
from talentpool.models import Digest, Suggestion
from tests.factories import PostingFactory, close_posting

from . import jobs_data
from .factories import pool_candidate
from .jobs_data import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def pool_world(unit_a, unit_b, recruiter_a, recruiter_b):
    return jobs_data.pool_world(unit_a, unit_b)


@pytest.fixture
def refreshed(pool_world):
    suggestions_refresh([pool_world["posting_a"].pk, pool_world["posting_b"].pk])
    return pool_world


def send(capture, **kwargs):
    with capture(execute=True):
        return digest_send(**kwargs)


def emails_to(mailoutbox, user):
    return [email for email in mailoutbox if email.to == [user.email]]


def test_each_recruiter_gets_one_email_of_their_units_new_matches(
    refreshed, recruiter_a, recruiter_b, unit_a, unit_b, mailoutbox, django_capture_on_commit_callbacks
):
    both = member(unit_a, email="lin@example.com", name="Lin Both")
    UnitMembership.objects.create(user=both, unit=unit_b, role=UnitMembership.Role.HIRING_MANAGER)

    sent = send(django_capture_on_commit_callbacks)

    assert sent.recipients_count == 3
    assert sent.suggestions_count == 3
    (to_rita,) = emails_to(mailoutbox, recruiter_a)
    assert "Infrastructure Intern" in to_rita.body
    assert "Data Intern" not in to_rita.body
    (to_ron,) = emails_to(mailoutbox, recruiter_b)
    assert "Data Intern" in to_ron.body
    assert "Infrastructure Intern" not in to_ron.body
    (to_lin,) = emails_to(mailoutbox, both)
    assert "Infrastructure Intern" in to_lin.body
    assert "Data Intern" in to_lin.body
    assert len(mailoutbox) == 3


def test_the_email_counts_the_matches_and_gives_the_best_with_their_reasons_and_a_link(
    refreshed, recruiter_a, mailoutbox, django_capture_on_commit_callbacks
):
    send(django_capture_on_commit_callbacks)

    (email,) = emails_to(mailoutbox, recruiter_a)
    posting = refreshed["posting_a"]
    assert email.subject == "2 new talent-pool matches for your open roles"
    assert "2 new matches" in email.body
    # Ann first (the category and both skills), with the reasons in words.
    assert email.body.index("Ann") < email.body.index("Cai")
    assert "AI Infrastructure Engineer preferred; 2 of 2 skills: CUDA, Go" in email.body
    assert f"http://testserver/recruit/pool/postings/{posting.pk}/" in email.body
    html = email.alternatives[0][0]
    assert "Ann" in html
    assert f"/recruit/pool/postings/{posting.pk}/" in html


def test_the_email_is_in_the_recipient_s_language(
    refreshed, unit_a, recruiter_a, mailoutbox, django_capture_on_commit_callbacks
):
    mei = member(unit_a, email="mei@example.com", name="Mei", role="hiring_manager", language="zh-hans")

    send(django_capture_on_commit_callbacks)

    (chinese,) = emails_to(mailoutbox, mei)
    assert "基础设施实习生" in chinese.body
    assert "AI基础设施工程师" in chinese.body
    assert "Infrastructure Intern" not in chinese.body
    (english,) = emails_to(mailoutbox, recruiter_a)
    assert "Infrastructure Intern" in english.body
    assert "基础设施实习生" not in english.body


def test_viewers_and_inactive_recruiters_get_no_digest(
    refreshed, unit_a, recruiter_a, recruiter_b, mailoutbox, django_capture_on_commit_callbacks
):
    viewer = member(unit_a, email="vic@example.com", name="Vic", role=UnitMembership.Role.VIEWER)
    gone = member(unit_a, email="gus@example.com", name="Gus")
    gone.is_active = False
    gone.save(update_fields=["is_active"])

    send(django_capture_on_commit_callbacks)

    assert not emails_to(mailoutbox, viewer)
    assert not emails_to(mailoutbox, gone)
    assert {email.to[0] for email in mailoutbox} == {recruiter_a.email, recruiter_b.email}


def test_the_digest_goes_through_the_outbox_one_per_recipient_and_day(
    refreshed, recruiter_a, django_capture_on_commit_callbacks
):
    send(django_capture_on_commit_callbacks)

    notification = Notification.objects.get(event="pool_digest", recipient=recruiter_a)
    assert notification.key == f"pool-digest-{timezone.localdate().isoformat()}"
    assert notification.status == Notification.Status.SENT
    assert notification.link == "/recruit/pool/"


def test_a_second_run_the_same_day_sends_nothing_and_new_matches_wait_for_the_next_day(
    refreshed, unit_a, recruiter_a, mailoutbox, django_capture_on_commit_callbacks
):
    send(django_capture_on_commit_callbacks)
    later = PostingFactory(unit=unit_a, category=refreshed["posting_a"].category, title="Later Intern")
    suggestions_refresh([later.pk])

    assert send(django_capture_on_commit_callbacks) is None
    assert len(emails_to(mailoutbox, recruiter_a)) == 1

    tomorrow = send(django_capture_on_commit_callbacks, now=timezone.now() + dt.timedelta(days=1))
    assert tomorrow.suggestions_count == 1
    second = emails_to(mailoutbox, recruiter_a)[1]
    assert "Later Intern" in second.body
    assert "Infrastructure Intern" not in second.body
    assert Digest.objects.count() == 2


def test_nothing_is_sent_when_nothing_is_new(pool_world, recruiter_a, mailoutbox, django_capture_on_commit_callbacks):
    assert send(django_capture_on_commit_callbacks) is None
    assert not Digest.objects.exists()
    assert not mailoutbox


def test_suggestions_acted_on_or_of_closed_postings_are_not_announced(
    refreshed, recruiter_a, recruiter_b, mailoutbox, django_capture_on_commit_callbacks
):
    Suggestion.objects.filter(posting=refreshed["posting_a"]).update(state=Suggestion.State.DISMISSED)
    close_posting(refreshed["posting_b"])

    assert send(django_capture_on_commit_callbacks) is None
    assert not mailoutbox


def test_a_long_list_names_the_busiest_postings_and_counts_the_rest(
    pool_world, unit_a, recruiter_a, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(digest, "MAX_POSTINGS", 1)
    quiet = PostingFactory(unit=unit_a, category=pool_world["posting_b"].category, title="Quiet Intern")
    pool_candidate("Dan", categories=[quiet.category])
    suggestions_refresh([pool_world["posting_a"].pk, quiet.pk])

    send(django_capture_on_commit_callbacks)

    (email,) = mailoutbox
    assert email.subject == "3 new talent-pool matches for your open roles"
    assert "Infrastructure Intern" in email.body
    assert "Quiet Intern" not in email.body
    assert "And 1 more posting with new matches." in email.body


def test_the_digest_costs_the_same_queries_however_many_matches(
    refreshed, unit_a, recruiter_a, recruiter_b, django_capture_on_commit_callbacks
):
    def queries_of_a_digest(now):
        with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=False):
            assert digest_send(now=now) is not None
        return len(queries)

    few = queries_of_a_digest(timezone.now())
    infra = refreshed["posting_a"].category
    for name in ("Dan", "Eli", "Fay", "Gil", "Hal"):
        pool_candidate(name, categories=[infra])
    pool_candidate("Ivy", skills=list(refreshed["posting_b"].skills.all()))
    more = PostingFactory(unit=unit_a, category=infra, title="Another Intern")
    suggestions_refresh([refreshed["posting_a"].pk, refreshed["posting_b"].pk, more.pk])

    # Five more for the first posting, the five and Ann for the new one, Ivy for unit B's: the same two recipients.
    assert Suggestion.objects.filter(digest__isnull=True).count() == 12
    assert queries_of_a_digest(timezone.now() + dt.timedelta(days=1)) == few
