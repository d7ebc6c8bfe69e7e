"""A pool entry follows the events that change whether other units may be suggested the candidate, in the
event's own transaction."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from applicants import services as applicants
from applicants.models import Application
from applicants.workflow import Mover
from talentpool import availability
from talentpool.availability import PastApplication, PoolFacts
from talentpool.models import PoolEntry, Suggestion
from talentpool.services import (
    entries_due_reminder,
    entries_expire,
    entry_mark_reminded,
    entry_refresh,
    pool_leave,
    pool_rejoin,
)
from tests.applicants import pdfs
from tests.factories import PostingFactory, RejectionReasonFactory, UnitMembershipFactory

from .factories import pool_candidate, skills

S = Application.Status
AVAILABLE, UNAVAILABLE, LEFT, EXPIRED = PoolEntry.Status
NOW = dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC)


def days(n):
    return dt.timedelta(days=n)


def entry_of(user) -> PoolEntry:
    return PoolEntry.objects.get(candidate=user)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def alice(db):
    return pool_candidate("Alice")


@pytest.fixture
def recruiter(unit_a):
    return UnitMembershipFactory(unit=unit_a).user


@pytest.fixture
def posting_a(unit_a):
    return PostingFactory(unit=unit_a)


@pytest.fixture
def conduct(db):
    return RejectionReasonFactory(code="conduct", name="Integrity or conduct concern", allows_resurfacing=False)


def apply(candidate, posting):
    return applicants.application_submit(candidate=candidate, posting=posting)


def reject(application, recruiter, reason):
    return applicants.application_reject(application=application, actor=recruiter, rejection_reason=reason)


# --- The rule ------------------------------------------------------------------------------


def facts(**kwargs):
    return PoolFacts(**{"consent_at": NOW - days(10), "has_resume": True, **kwargs})


def decide(**kwargs):
    return availability.availability(facts(**kwargs), now=NOW, retention_days=365)


def test_a_consenting_candidate_with_a_resume_and_nothing_under_way_is_available():
    decision = decide()
    assert decision.status == AVAILABLE and decision.reasons == []
    assert decision.expires_at == NOW - days(10) + days(365)


def test_every_reason_an_entry_is_unavailable_is_given():
    under_way = PastApplication(status=S.INTERVIEW, status_since=NOW, created_at=NOW - days(3))
    decision = decide(consent_at=None, has_resume=False, applications=[under_way])
    assert decision.status == UNAVAILABLE
    assert decision.reasons == ["no_consent", "no_resume", "active_application"]


def test_a_hire_in_the_program_makes_the_candidate_unavailable():
    hired = PastApplication(status=S.HIRED, status_since=NOW - days(1), created_at=NOW - days(40))
    assert decide(applications=[hired]).reasons == ["hired"]


def test_a_rejection_that_rules_out_other_units_holds_until_the_candidate_applies_again():
    blocked = PastApplication(
        S.REJECTED, status_since=NOW - days(5), created_at=NOW - days(30), allows_resurfacing=False
    )
    assert decide(applications=[blocked]).reasons == ["not_resurfaced"]
    # Giving consent again later does not lift it.
    assert decide(applications=[blocked], consent_at=NOW - days(1)).reasons == ["not_resurfaced"]
    again = PastApplication(S.WITHDRAWN, status_since=NOW - days(1), created_at=NOW - days(2))
    assert decide(applications=[blocked, again]).status == AVAILABLE


def test_consent_past_retention_expires_the_entry_and_leaving_wins_over_everything():
    assert decide(consent_at=NOW - days(365)).status == EXPIRED
    assert decide(consent_at=NOW - days(364)).status == AVAILABLE
    assert decide(consent_at=None, left_at=NOW - days(1)).status == LEFT
    assert decide(consent_at=NOW, left_at=NOW - days(1)).status == AVAILABLE  # rejoined


# --- The events --------------------------------------------------------------------------


def test_applying_makes_the_entry_unavailable_in_the_same_transaction(alice, posting_a):
    assert entry_of(alice).status == AVAILABLE
    apply(alice, posting_a)
    entry = entry_of(alice)
    assert entry.status == UNAVAILABLE and entry.unavailable_reasons == ["active_application"]
    assert entry.available_since is None
    assert entry.highest_stage_reached == S.SUBMITTED


def test_an_entry_change_rolls_back_with_its_event(alice, posting_a):
    with pytest.raises(RuntimeError), transaction.atomic():
        apply(alice, posting_a)
        raise RuntimeError
    assert entry_of(alice).status == AVAILABLE


def test_a_rejection_with_a_reason_that_allows_resurfacing_makes_the_candidate_available_again(
    alice, posting_a, recruiter, rejection_reason
):
    application = apply(alice, posting_a)
    applicants.applications_move(applications=[application], target=S.SCREENING, actor=recruiter)
    reject(application, recruiter, rejection_reason)
    entry = entry_of(alice)
    assert entry.status == AVAILABLE and entry.available_since is not None
    assert entry.highest_stage_reached == S.SCREENING and entry.highest_stage_unit_id == posting_a.unit_id
    (turndown,) = entry.turndowns.all()
    assert (turndown.unit_id, turndown.category_id) == (posting_a.unit_id, posting_a.category_id)
    assert turndown.allows_resurfacing and turndown.stage_reached == S.SCREENING


def test_a_rejection_whose_reason_rules_out_other_units_keeps_the_candidate_out_until_they_apply_again(
    alice, posting_a, recruiter, conduct, unit_b, rejection_reason
):
    reject(apply(alice, posting_a), recruiter, conduct)
    entry = entry_of(alice)
    assert entry.status == UNAVAILABLE and entry.unavailable_reasons == ["not_resurfaced"]
    assert entry.turndowns.get().allows_resurfacing is False

    applicants.pool_consent_give(candidate=alice)
    assert entry_of(alice).unavailable_reasons == ["not_resurfaced"]

    elsewhere = apply(alice, PostingFactory(unit=unit_b))
    assert entry_of(alice).unavailable_reasons == ["active_application"]
    reject(elsewhere, UnitMembershipFactory(unit=unit_b).user, rejection_reason)
    assert entry_of(alice).status == AVAILABLE


def test_withdrawing_makes_the_candidate_available(alice, posting_a):
    applicants.application_withdraw(application=apply(alice, posting_a), candidate=alice)
    entry = entry_of(alice)
    assert entry.status == AVAILABLE and not entry.turndowns.exists()


def test_a_hire_makes_the_candidate_unavailable_and_records_the_offer_reached(alice, posting_a, recruiter):
    application = apply(alice, posting_a)
    for stage in (S.SCREENING, S.INTERVIEW, S.OFFER, S.HIRED):
        applicants.application_move(application=application, target=stage, actor=recruiter, by=Mover.RECRUITER)
    entry = entry_of(alice)
    assert entry.status == UNAVAILABLE and entry.unavailable_reasons == ["hired"]
    assert entry.highest_stage_reached == S.OFFER


def test_consent_withdrawn_erases_the_pool_copy_and_given_again_restores_it(db):
    (cuda,) = skills("CUDA")
    bob = pool_candidate("Bob", resume_text="Wrote CUDA kernels.")
    assert list(entry_of(bob).skills.all()) == [cuda]

    applicants.pool_consent_withdraw(candidate=bob)
    entry = entry_of(bob)
    assert entry.status == UNAVAILABLE and entry.unavailable_reasons == ["no_consent"]
    assert entry.resume_text == "" and not entry.skills.exists() and entry.consent_at is None

    applicants.pool_consent_give(candidate=bob)
    entry = entry_of(bob)
    assert entry.status == AVAILABLE and entry.consent_version and entry.consent_at
    assert entry.resume_text == "Wrote CUDA kernels." and list(entry.skills.all()) == [cuda]


def test_an_uploaded_resume_makes_the_candidate_available_with_the_skills_it_names(
    db, django_capture_on_commit_callbacks
):
    cuda, go, kubernetes, _rust = skills("CUDA", "Go", "Kubernetes", "Rust")
    kubernetes.name_zh_hans = "容器编排"
    kubernetes.save()
    carol = pool_candidate("Carol", resume=False)
    assert entry_of(carol).unavailable_reasons == ["no_resume"]

    upload = SimpleUploadedFile("cv.pdf", pdfs.valid("Carol - CUDA and Go; good to go"), "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        applicants.resume_upload(candidate=carol, uploaded_file=upload)
    entry = entry_of(carol)
    assert entry.status == AVAILABLE
    assert "CUDA" in entry.resume_text
    assert set(entry.skills.all()) == {cuda, go}


def test_a_skill_named_in_chinese_in_the_resume_counts(db):
    (kubernetes,) = skills("Kubernetes")
    kubernetes.name_zh_hans = "容器编排"
    kubernetes.save()
    dan = pool_candidate("Dan", resume_text="熟悉容器编排与分布式训练")
    assert list(entry_of(dan).skills.all()) == [kubernetes]


def test_profile_skills_count_and_follow_the_profile(db):
    python, go = skills("Python", "Go")
    erin = pool_candidate("Erin", skills=[python])
    assert list(entry_of(erin).skills.all()) == [python]
    erin.candidate_profile.skills.add(go)
    assert set(entry_of(erin).skills.all()) == {python, go}


def test_deleting_the_only_resume_makes_the_candidate_unavailable(alice):
    applicants.resume_delete(resume=alice.resumes.get())
    assert entry_of(alice).unavailable_reasons == ["no_resume"]


def test_leaving_erases_the_copy_and_rejoining_brings_the_candidate_back(alice):
    entry = pool_leave(candidate=alice)
    assert entry.status == LEFT and entry.left_at is not None
    assert entry.resume_text == "" and entry.consent_at is None
    alice.candidate_profile.refresh_from_db()
    assert not alice.candidate_profile.has_pool_consent

    entry = pool_rejoin(candidate=alice)
    assert entry.status == AVAILABLE and entry.left_at is None and entry.consent_at is not None


def test_a_left_candidate_stays_out_whatever_else_happens(alice, posting_a):
    pool_leave(candidate=alice)
    applicants.application_withdraw(application=apply(alice, posting_a), candidate=alice)
    assert entry_of(alice).status == LEFT


def test_an_entry_expires_after_retention_and_renewing_consent_brings_it_back(db, settings):
    settings.TALENT_POOL_RETENTION_DAYS = 100
    now = timezone.now()
    frank = pool_candidate("Frank", consent_at=now - days(99), resume_text="Python")
    entry = entry_of(frank)
    assert entry.status == AVAILABLE and entry.expires_at == entry.consent_at + days(100)
    Suggestion.objects.create(entry=entry, posting=PostingFactory(), score=1, reasons=[])

    assert entries_expire(now) == 0
    assert entries_expire(now + days(2)) == 1
    assert entries_expire(now + days(2)) == 0
    entry = entry_of(frank)
    assert entry.status == EXPIRED and entry.resume_text == "" and not entry.suggestions.exists()

    applicants.pool_consent_give(candidate=frank)
    entry = entry_of(frank)
    assert entry.status == AVAILABLE and entry.expires_at > now + days(99)


def test_candidates_are_reminded_once_thirty_days_before_expiry(db):
    now = timezone.now()
    soon = pool_candidate("Gina", consent_at=now - days(340))
    pool_candidate("Hank", consent_at=now - days(300))
    pool_candidate("Ivy", consent=False)
    due = list(entries_due_reminder(now))
    assert [entry.candidate for entry in due] == [soon]

    assert entry_mark_reminded(entry=due[0], now=now) is True
    assert entry_mark_reminded(entry=due[0], now=now) is False
    assert not entries_due_reminder(now).exists()

    # Renewing starts a new period, reminded afresh when it nears its end.
    applicants.pool_consent_give(candidate=soon, now=now)
    assert entry_of(soon).reminded_at is None
    assert list(entries_due_reminder(now + days(340))) == [entry_of(soon)]


def test_a_refresh_of_a_current_entry_changes_nothing(alice):
    before = entry_of(alice)
    after = entry_refresh(alice)
    fields = ["status", "unavailable_reasons", "available_since", "expires_at", "consent_at", "resume_text"]
    assert [getattr(before, f) for f in fields] == [getattr(after, f) for f in fields]


def test_a_skill_written_right_after_chinese_counts(db):
    kubernetes, cuda, _go = skills("Kubernetes", "CUDA", "Go")
    fei = pool_candidate("Fei", resume_text="熟悉Kubernetes与CUDA，了解Golang")
    assert set(entry_of(fei).skills.all()) == {kubernetes, cuda}
