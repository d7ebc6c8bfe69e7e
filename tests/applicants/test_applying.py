import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from applicants.models import Application, CandidateProfile, StageChange
from applicants.services import (
    ApplicationRefused,
    PreferenceNotMoved,
    application_move,
    application_shift_preference,
    application_submit,
    application_withdraw,
)
from applicants.workflow import Mover
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
    (reason,) = refusal(candidate=ready_candidate, posting=first)
    assert reason.startswith("You withdrew your application to this role.")
    assert "cannot apply to that role again" in reason


def test_the_cap_of_active_applications_holds(ready_candidate, program, first, second):
    application_submit(candidate=ready_candidate, posting=first)
    application_submit(candidate=ready_candidate, posting=second)
    third = PostingFactory(program=program)
    assert "the most it allows" in refusal(candidate=ready_candidate, posting=third)[0]
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
    assert not Application.objects.visible_to(recruiter_b).exists()


@pytest.mark.parametrize(
    ("target", "by", "reason"), [(S.REJECTED, Mover.RECRUITER, "Not a fit"), (S.WITHDRAWN, Mover.CANDIDATE, "")]
)
def test_the_second_preference_is_released_once_when_the_first_ends(
    ready_candidate, first, second, recruiter_a, recruiter_b, target, by, reason, rejection_reason
):
    one = application_submit(candidate=ready_candidate, posting=first)
    two = application_submit(candidate=ready_candidate, posting=second)
    actor = recruiter_a if by == Mover.RECRUITER else ready_candidate
    because = rejection_reason if target == S.REJECTED else None
    application_move(application=one, target=target, actor=actor, by=by, reason=reason, rejection_reason=because)
    two.refresh_from_db()
    assert two.status == S.SUBMITTED
    assert two.submitted_at is not None
    assert list(two.stage_changes.values_list("from_status", "to_status")) == [("", S.QUEUED), (S.QUEUED, S.SUBMITTED)]
    assert list(Application.objects.visible_to(recruiter_b)) == [two]


def test_the_second_preference_is_not_released_when_the_first_is_hired(ready_candidate, first, second, recruiter_a):
    one = application_submit(candidate=ready_candidate, posting=first)
    two = application_submit(candidate=ready_candidate, posting=second)
    for target in (S.SCREENING, S.INTERVIEW, S.OFFER, S.HIRED):
        application_move(application=one, target=target, actor=recruiter_a, by=Mover.RECRUITER)
    two.refresh_from_db()
    assert two.status == S.QUEUED


def test_with_parallel_review_both_preferences_go_to_their_units(ready_candidate, program, first, second):
    Program.objects.filter(pk=program.pk).update(review=Program.Review.PARALLEL)
    application_submit(candidate=ready_candidate, posting=first)
    two = application_submit(candidate=ready_candidate, posting=second)
    assert two.status == S.SUBMITTED


def test_a_rejection_needs_a_reason_from_the_list(ready_candidate, first, recruiter_a):
    from django.core.exceptions import ValidationError

    one = application_submit(candidate=ready_candidate, posting=first)
    with pytest.raises(ValidationError):
        application_move(
            application=one, target=S.REJECTED, actor=recruiter_a, by=Mover.RECRUITER, reason="A note, no reason"
        )
    one.refresh_from_db()
    assert (one.status, one.rejection_reason) == (S.SUBMITTED, None)


def test_a_rejection_records_its_reason_and_the_note(ready_candidate, first, recruiter_a, rejection_reason):
    one = application_submit(candidate=ready_candidate, posting=first)
    application_move(
        application=one,
        target=S.REJECTED,
        actor=recruiter_a,
        by=Mover.RECRUITER,
        reason="Strong, but no CUDA yet",
        rejection_reason=rejection_reason,
    )
    one.refresh_from_db()
    assert (one.status, one.rejection_reason) == (S.REJECTED, rejection_reason)
    assert one.stage_changes.last().reason == "Strong, but no CUDA yet"


def test_each_move_restarts_the_days_in_stage(ready_candidate, first, recruiter_a):
    import datetime as dt

    from django.utils import timezone

    one = application_submit(candidate=ready_candidate, posting=first)
    assert one.days_in_stage() == 0
    Application.objects.filter(pk=one.pk).update(stage_entered_at=timezone.now() - dt.timedelta(days=9, hours=1))
    one.refresh_from_db()
    assert one.days_in_stage() == 9
    application_move(application=one, target=S.SCREENING, actor=recruiter_a, by=Mover.RECRUITER)
    one.refresh_from_db()
    assert one.days_in_stage() == 0


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


def test_waiting_preferences_swap_among_themselves(ready_candidate, program, first, second):
    Program.objects.filter(pk=program.pk).update(max_active_applications=3)
    one = application_submit(candidate=ready_candidate, posting=first)
    two = application_submit(candidate=ready_candidate, posting=second)
    three = application_submit(candidate=ready_candidate, posting=PostingFactory(program=program))
    application_shift_preference(candidate=ready_candidate, application=three, direction="up")
    for application in (one, two, three):
        application.refresh_from_db()
    assert [(one.rank, one.status), (three.rank, three.status), (two.rank, two.status)] == [
        (1, S.SUBMITTED),
        (2, S.QUEUED),
        (3, S.QUEUED),
    ]


@pytest.mark.parametrize(("which", "direction"), [("one", "down"), ("two", "up"), ("two", "down")])
def test_the_application_under_review_keeps_its_place(ready_candidate, first, second, which, direction):
    apps = {
        "one": application_submit(candidate=ready_candidate, posting=first),
        "two": application_submit(candidate=ready_candidate, posting=second),
    }
    with pytest.raises(PreferenceNotMoved):
        application_shift_preference(candidate=ready_candidate, application=apps[which], direction=direction)
    assert list(Application.objects.order_by("rank").values_list("posting", "rank")) == [(first.pk, 1), (second.pk, 2)]


def test_an_ended_application_is_not_reordered(ready_candidate, first):
    one = application_submit(candidate=ready_candidate, posting=first)
    application_withdraw(application=one, candidate=ready_candidate)
    with pytest.raises(PreferenceNotMoved, match="ended"):
        application_shift_preference(candidate=ready_candidate, application=one, direction="up")


def test_a_posting_that_no_longer_exists_is_refused_not_a_crash(ready_candidate, first):
    gone = Posting(pk=first.pk + 1000)
    assert refusal(candidate=ready_candidate, posting=gone) == ["This role is not open for applications."]


@pytest.mark.parametrize(
    ("path", "event"),
    [
        ([S.SCREENING], "application_screening"),
        ([S.SCREENING, S.ASSESSMENT], "application_assessment"),
        ([S.SCREENING, S.INTERVIEW], "application_interview"),
        ([S.SCREENING, S.INTERVIEW, S.OFFER], "application_offer"),
        ([S.SCREENING, S.INTERVIEW, S.OFFER, S.HIRED], "application_hired"),
    ],
)
def test_every_recruiter_move_tells_the_candidate(ready_candidate, first, recruiter_a, path, event):
    from recruit.notifications.models import Notification

    application = application_submit(candidate=ready_candidate, posting=first)
    for target in path:
        application_move(application=application, target=target, actor=recruiter_a, by=Mover.RECRUITER)
    assert Notification.objects.filter(recipient=ready_candidate, event=event).count() == 1


def test_a_rejection_tells_the_candidate_without_the_recruiters_reason(
    ready_candidate, first, recruiter_a, rejection_reason
):
    from recruit.notifications.models import Notification

    application = application_submit(candidate=ready_candidate, posting=first)
    application_move(
        application=application,
        target=S.REJECTED,
        actor=recruiter_a,
        by=Mover.RECRUITER,
        reason="Weak C++ skills",
        rejection_reason=rejection_reason,
    )
    email = Notification.objects.get(recipient=ready_candidate, event="application_rejected")
    assert "Weak C++" not in email.body_text + email.body_html + email.subject
    assert "talent pool" not in email.body_text, "no pool promise without consent"
    assert rejection_reason.name not in email.body_text + email.body_html + email.subject


def test_declining_an_offer_tells_the_candidate_and_releases_the_next(ready_candidate, first, second, recruiter_a):
    from recruit.notifications.models import Notification

    one = application_submit(candidate=ready_candidate, posting=first)
    two = application_submit(candidate=ready_candidate, posting=second)
    for target in (S.SCREENING, S.INTERVIEW, S.OFFER):
        application_move(application=one, target=target, actor=recruiter_a, by=Mover.RECRUITER)
    application_move(application=one, target=S.DECLINED, actor=ready_candidate, by=Mover.CANDIDATE)
    two.refresh_from_db()
    assert two.status == S.SUBMITTED
    assert Notification.objects.filter(event="application_declined").count() == 1
    assert Notification.objects.filter(event="application_released").count() == 1


def test_a_candidate_cannot_make_a_recruiters_move(ready_candidate, first):
    from applicants.workflow import IllegalMove

    application = application_submit(candidate=ready_candidate, posting=first)
    with pytest.raises(IllegalMove):
        application_move(application=application, target=S.SCREENING, actor=ready_candidate, by=Mover.CANDIDATE)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


@pytest.mark.parametrize("consented", [True, False])
def test_the_withdrawal_email_states_the_rule_and_promises_the_pool_only_with_consent(
    ready_candidate, first, consented
):
    from applicants.eligibility import REAPPLY_RULE
    from recruit.notifications.models import Notification

    application = application_submit(candidate=ready_candidate, posting=first, pool_consent=consented)
    application_withdraw(application=application, candidate=ready_candidate)
    email = Notification.objects.get(event="application_withdrawn")
    assert str(REAPPLY_RULE) in " ".join(email.body_text.split())
    assert "apply again" not in email.body_text
    assert ("stays in the talent pool" in email.body_text) is consented
    assert ("stays in the talent pool" in email.body_html) is consented
