"""seed_demo's recruiter workspace: Alibaba Cloud's applicants in every stage, reviews by two reviewers, interviews
this week and next, a posting waiting for the demo admin's approval; application rows that agree with their
history and reviews."""

import datetime as dt
import io
import statistics
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from applicants.figures import week_of
from applicants.models import Application, Interview, Review, StageChange
from demo.data import workspace as data
from demo.workspace import interview_slots
from postings.models import Posting, PostingStatusChange, UnitMembership
from postings.publishing import posting_approve
from recruit.accounts.models import User

pytestmark = pytest.mark.django_db

S = Application.Status
RECRUITER = ("recruiter@demo.example", "demo-recruiter-2027")
REVIEWER = ("reviewer@demo.example", "demo-reviewer-2027")


def run(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="class")
def seed(django_db_setup, django_db_blocker, tmp_path_factory):
    """seed_demo with a few dozen other candidates, once for the class (rolled back after it)."""
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        override_settings(DEBUG=True, MEDIA_ROOT=tmp_path_factory.mktemp("media"), PASSWORD_HASHERS=hashers),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield SimpleNamespace(output=run("--candidates", "40"), now=timezone.now())
        transaction.set_rollback(True)


def recruiter() -> User:
    return User.objects.get(email=RECRUITER[0])


def unit_applications():
    return Application.objects.reviewed_by(recruiter()).filter(posting__unit__slug="alibaba-cloud")


class TestTheWorkspaceDemo:
    def test_the_recruiters_unit_has_applicants_in_every_stage(self, seed):
        statuses = set(unit_applications().values_list("status", flat=True))

        assert {S.SUBMITTED, S.SCREENING, S.ASSESSMENT, S.INTERVIEW, S.OFFER, S.HIRED} <= statuses
        assert {S.REJECTED, S.WITHDRAWN, S.DECLINED} <= statuses

    def test_some_arrived_since_yesterday_and_some_wait_for_weeks(self, seed):
        now = seed.now
        released = unit_applications().values_list("submitted_at", flat=True)

        assert any(moment > now - dt.timedelta(days=2) for moment in released)
        waiting = unit_applications().filter(status__in=[S.SUBMITTED, S.SCREENING, S.ASSESSMENT, S.INTERVIEW])
        assert waiting.filter(stage_entered_at__lt=now - dt.timedelta(days=14)).exists()

    def test_every_application_entered_its_stage_at_its_last_stage_change(self, seed):
        for application in Application.objects.prefetch_related("stage_changes"):
            last = max(application.stage_changes.all(), key=lambda change: (change.created_at, change.pk))
            assert application.stage_entered_at == last.created_at, application

    def test_rejected_applications_carry_a_reason_from_the_list_and_a_note(self, seed):
        rejected = Application.objects.filter(status=S.REJECTED).select_related("rejection_reason")

        assert rejected.exists()
        assert unit_applications().filter(status=S.REJECTED).exists()
        for application in rejected:
            assert application.rejection_reason is not None and application.rejection_reason.is_active
            assert StageChange.objects.get(application=application, to_status=S.REJECTED).reason.strip()
        assert not Application.objects.exclude(status=S.REJECTED).exclude(rejection_reason=None).exists()

    def test_two_reviewers_of_the_unit_reviewed_and_the_averages_match(self, seed):
        reviewer = User.objects.get(email=REVIEWER[0])
        assert UnitMembership.objects.get(user=reviewer).role == UnitMembership.Role.HIRING_MANAGER
        reviews = Review.objects.filter(application__in=unit_applications())

        assert set(reviews.values_list("reviewer", flat=True)) == {recruiter().pk, reviewer.pk}
        for review in reviews:
            assert set(review.scores) == set(data.COMPETENCIES)
            assert all(1 <= score <= 4 for score in review.scores.values())
            assert review.score == pytest.approx(statistics.fmean(review.scores.values()), abs=0.01)
            assert review.notes and review.created_at < seed.now
        for application in Application.objects.prefetch_related("reviews"):
            scores = [review.score for review in application.reviews.all()]
            assert application.review_count == len(scores)
            if scores:
                assert application.average_score == pytest.approx(statistics.fmean(scores), abs=0.01)
            else:
                assert application.average_score is None
        # Nobody reviews before the unit has screened the application.
        assert not reviews.filter(application__status=S.SUBMITTED).exists()

    def test_interviews_this_week_and_next_with_the_units_interviewers(self, seed):
        interviews = Interview.objects.filter(application__in=unit_applications()).prefetch_related("interviewers")
        this_week = week_of(seed.now, "Asia/Shanghai")
        next_week = (this_week[1], this_week[1] + dt.timedelta(days=7))

        assert interviews.count() >= 3
        members = set(UnitMembership.objects.filter(unit__slug="alibaba-cloud").values_list("user", flat=True))
        for interview in interviews:
            assert interview.status == Interview.Status.SCHEDULED
            assert interview.application.status == S.INTERVIEW
            assert interview.starts_at > interview.application.stage_entered_at
            assert {person.pk for person in interview.interviewers.all()} <= members
            assert interview.place or interview.video_link
        starts = [interview.starts_at for interview in interviews]
        assert any(next_week[0] <= moment < next_week[1] for moment in starts)
        if interview_slots(seed.now)[0]:  # unless seeded in the last hour of a week
            assert any(this_week[0] <= moment < this_week[1] for moment in starts)

    def test_the_demo_candidate_has_an_interview_with_the_demo_recruiters_unit(self, seed):
        candidate = User.objects.get(email="candidate@demo.example")

        assert Interview.objects.filter(application__candidate=candidate).count() == 1

    def test_a_posting_waits_for_the_demo_admins_approval(self, seed):
        waiting = Posting.objects.get(status=Posting.Status.SUBMITTED)

        assert waiting.unit.slug == "alibaba-cloud"
        assert waiting.title_zh_hans and waiting.description_zh_hans
        assert waiting.published_at is None
        assert waiting.locations.exists() and waiting.skills.exists()
        history = list(PostingStatusChange.objects.filter(posting=waiting).order_by("created_at"))
        assert [(change.from_status, change.to_status, change.actor) for change in history] == [
            ("", Posting.Status.DRAFT, recruiter()),
            (Posting.Status.DRAFT, Posting.Status.SUBMITTED, recruiter()),
        ]
        assert history[-1].comment

    def test_it_prints_the_workspace_and_the_reviewers_credentials(self, seed):
        assert "the demo recruiter's unit:" in seed.output
        assert "1 posting(s) waiting for approval" in seed.output
        assert REVIEWER[0] in seed.output and REVIEWER[1] in seed.output

    def test_the_demo_recruiter_and_reviewer_sign_in_to_a_full_dashboard(self, seed, client):
        for email, password in (RECRUITER, REVIEWER):
            assert client.login(email=email, password=password)
            response = client.get("/recruit/units/alibaba-cloud/")
            assert response.status_code == 200
            board = response.context["board"]
            assert board.reviews and board.waiting and board.postings
            assert board.new_count >= 1
            assert len(board.pending) == 1

    def test_a_second_run_adds_no_review_interview_or_posting(self, seed):
        counts = (Review.objects.count(), Interview.objects.count(), Posting.objects.count())

        run("--candidates", "40")

        assert (Review.objects.count(), Interview.objects.count(), Posting.objects.count()) == counts


def test_an_approved_posting_stays_approved_on_the_next_run(settings, tmp_path, admin_user):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    run("--candidates", "0")
    waiting = Posting.objects.get(status=Posting.Status.SUBMITTED)
    posting_approve(posting=waiting, actor=admin_user)

    run("--candidates", "0")

    waiting.refresh_from_db()
    assert waiting.status == Posting.Status.PUBLISHED
    assert not Posting.objects.filter(status=Posting.Status.SUBMITTED).exists()
    assert PostingStatusChange.objects.filter(posting=waiting).count() == 3


def test_interview_slots_late_on_friday_go_to_the_weekend_then_next_week():
    friday_evening = dt.datetime(2026, 12, 11, 18, 0, tzinfo=dt.UTC)  # Saturday 02:00 in Shanghai

    this_week, next_week = interview_slots(friday_evening)

    assert this_week and all(moment.weekday() >= 5 for moment in this_week)
    assert next_week[0].isoformat() == "2026-12-14T10:00:00+08:00"
    assert all(moment.weekday() < 5 for moment in next_week)
