import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from applicants.models import Application, CandidateProfile, StageChange
from applicants.services import ApplicationRefused, application_move, application_submit, application_withdraw
from postings.models import Posting, Program
from tests.factories import LocationFactory, PostingFactory, ProgramFactory, verify_email

pytestmark = pytest.mark.django_db
S = Application.Status


@pytest.fixture
def program(db):
    return ProgramFactory()


@pytest.fixture
def first(program, unit_a):
    return PostingFactory(program=program, unit=unit_a, title="Agent Runtime Intern")


@pytest.fixture
def second(program, unit_b):
    return PostingFactory(program=program, unit=unit_b, title="Maps Routing Intern")


def refusal(**kwargs):
    with pytest.raises(ApplicationRefused) as caught:
        application_submit(**kwargs)
    return caught.value.reasons


def test_an_eligible_candidate_applies_and_it_is_recorded(ready_candidate, first, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        application = application_submit(candidate=ready_candidate, posting=first)
    assert application.status == S.SUBMITTED
    assert application.rank == 1
    assert application.resume == ready_candidate.resumes.get()
    assert application.submitted_at is not None
    change = StageChange.objects.get(application=application)
    assert (change.from_status, change.to_status, change.actor) == ("", S.SUBMITTED, ready_candidate)
    assert len(callbacks) == 1, "the notification is queued after commit"


def test_an_unverified_email_is_refused(ready_candidate, first):
    ready_candidate.emailaddress_set.update(verified=False)
    assert refusal(candidate=ready_candidate, posting=first) == [
        "Verify your email address first: open the link we sent you."
    ]
    assert not Application.objects.exists()


def test_an_incomplete_profile_and_no_resume_list_everything_missing(candidate, first):
    verify_email(candidate)
    reasons = refusal(candidate=candidate, posting=first)
    assert "Add school or university to your profile." in reasons
    assert "Add expected graduation date to your profile." in reasons
    assert "Upload your resume (PDF) first." in reasons


@pytest.mark.parametrize(
    "change",
    [
        {"status": Posting.Status.DRAFT, "published_at": None},
        {"status": Posting.Status.CLOSED},
    ],
)
def test_drafts_and_closed_postings_are_refused(ready_candidate, first, change):
    Posting.objects.filter(pk=first.pk).update(**change)
    assert "This role is not open for applications." in refusal(candidate=ready_candidate, posting=first)
    assert not Application.objects.exists()


def test_a_posting_past_its_deadline_is_refused(ready_candidate, first):
    Posting.objects.filter(pk=first.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    reasons = refusal(candidate=ready_candidate, posting=first)
    assert reasons[0].startswith("Applications to this role closed on")


def test_applying_twice_is_refused_and_leaves_one_application(ready_candidate, first):
    application_submit(candidate=ready_candidate, posting=first)
    assert refusal(candidate=ready_candidate, posting=first) == ["You have already applied to this role."]
    assert Application.objects.count() == 1


def test_a_withdrawn_application_cannot_be_reopened(ready_candidate, first):
    application = application_submit(candidate=ready_candidate, posting=first)
    application_withdraw(application=application, candidate=ready_candidate)
    assert refusal(candidate=ready_candidate, posting=first) == [
        "You applied to this role before; an ended application cannot be reopened."
    ]


def test_the_cap_of_active_applications_holds(ready_candidate, program, first, second):
    application_submit(candidate=ready_candidate, posting=first)
    application_submit(candidate=ready_candidate, posting=second)
    third = PostingFactory(program=program)
    assert "the most this program allows" in refusal(candidate=ready_candidate, posting=third)[0]
    assert Application.objects.count() == 2


def test_ended_applications_free_a_place_under_the_cap(ready_candidate, program, first, second):
    one = application_submit(candidate=ready_candidate, posting=first)
    application_submit(candidate=ready_candidate, posting=second)
    application_withdraw(application=one, candidate=ready_candidate)
    assert application_submit(candidate=ready_candidate, posting=PostingFactory(program=program))


def test_the_second_preference_waits_unseen_by_its_unit(ready_candidate, first, second, recruiter_b):
    application_submit(candidate=ready_candidate, posting=first)
    waiting = application_submit(candidate=ready_candidate, posting=second)
    assert (waiting.status, waiting.rank, waiting.submitted_at) == (S.QUEUED, 2, None)
    assert not Application.objects.visible_to_unit_of(recruiter_b).exists()


@pytest.mark.parametrize(
    ("target", "by", "reason"), [(S.REJECTED, "recruiter", "Not a fit"), (S.WITHDRAWN, "candidate", "")]
)
def test_the_second_preference_is_released_once_when_the_first_ends(
    ready_candidate, first, second, recruiter_a, recruiter_b, target, by, reason
):
    one = application_submit(candidate=ready_candidate, posting=first)
    two = application_submit(candidate=ready_candidate, posting=second)
    actor = recruiter_a if by == "recruiter" else ready_candidate
    application_move(application=one, target=target, actor=actor, by=by, reason=reason)
    two.refresh_from_db()
    assert two.status == S.SUBMITTED
    assert two.submitted_at is not None
    assert list(two.stage_changes.values_list("from_status", "to_status")) == [("", S.QUEUED), (S.QUEUED, S.SUBMITTED)]
    assert list(Application.objects.visible_to_unit_of(recruiter_b)) == [two]


def test_the_second_preference_is_not_released_when_the_first_is_hired(ready_candidate, first, second, recruiter_a):
    one = application_submit(candidate=ready_candidate, posting=first)
    two = application_submit(candidate=ready_candidate, posting=second)
    for target in (S.SCREENING, S.INTERVIEW, S.OFFER, S.HIRED):
        application_move(application=one, target=target, actor=recruiter_a, by="recruiter")
    two.refresh_from_db()
    assert two.status == S.QUEUED


def test_with_parallel_review_both_preferences_go_to_their_units(ready_candidate, program, first, second):
    Program.objects.filter(pk=program.pk).update(review=Program.Review.PARALLEL)
    application_submit(candidate=ready_candidate, posting=first)
    two = application_submit(candidate=ready_candidate, posting=second)
    assert two.status == S.SUBMITTED


def test_a_rejection_needs_a_reason(ready_candidate, first, recruiter_a):
    from django.core.exceptions import ValidationError

    one = application_submit(candidate=ready_candidate, posting=first)
    with pytest.raises(ValidationError):
        application_move(application=one, target=S.REJECTED, actor=recruiter_a, by="recruiter", reason=" ")
    one.refresh_from_db()
    assert one.status == S.SUBMITTED


def test_a_role_abroad_needs_the_cross_border_consent(ready_candidate, program):
    singapore = LocationFactory(name="Singapore", country="Singapore", country_code="SG", in_mainland_china=False)
    abroad = PostingFactory(program=program, locations=[singapore])
    assert refusal(candidate=ready_candidate, posting=abroad) == [
        "This role is outside mainland China: to apply, agree to the transfer of your application data abroad."
    ]
    application = application_submit(candidate=ready_candidate, posting=abroad, cross_border_consent=True)
    assert application.cross_border_consent_at is not None
    assert application.cross_border_consent_version


def test_a_role_in_mainland_china_records_no_cross_border_consent(ready_candidate, first):
    application = application_submit(candidate=ready_candidate, posting=first, cross_border_consent=True)
    assert application.cross_border_consent_at is None


def test_talent_pool_consent_is_recorded_with_its_version_and_time(ready_candidate, first):
    application_submit(candidate=ready_candidate, posting=first, pool_consent=True)
    profile = CandidateProfile.objects.get(user=ready_candidate)
    assert profile.pool_consent_version == "2026-11"
    assert profile.pool_consent_at is not None


def test_applying_without_pool_consent_works_and_records_none(ready_candidate, first):
    application_submit(candidate=ready_candidate, posting=first)
    assert not CandidateProfile.objects.get(user=ready_candidate).has_pool_consent


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writes need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_identical_submissions_create_one_application(ready_candidate, first):
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        from django.db import connection as thread_connection

        barrier.wait()
        try:
            application_submit(candidate=ready_candidate, posting=first)
            outcomes.append("applied")
        except ApplicationRefused:
            outcomes.append("refused")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["applied", "refused"]
    assert Application.objects.filter(candidate=ready_candidate, posting=first).count() == 1


def test_preferences_are_renumbered_when_one_ends(ready_candidate, first, second):
    one = application_submit(candidate=ready_candidate, posting=first)
    two = application_submit(candidate=ready_candidate, posting=second)
    application_withdraw(application=one, candidate=ready_candidate)
    two.refresh_from_db()
    assert two.rank == 1


def test_shifting_a_preference_swaps_it_with_its_neighbour_only(ready_candidate, first, second):
    from applicants.services import application_shift_preference

    one = application_submit(candidate=ready_candidate, posting=first)
    two = application_submit(candidate=ready_candidate, posting=second)
    assert not application_shift_preference(candidate=ready_candidate, application=one, direction="up")
    assert application_shift_preference(candidate=ready_candidate, application=one, direction="down")
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.rank, two.rank) == (2, 1)
    assert one.status == S.SUBMITTED, "the application with its unit stays there"
