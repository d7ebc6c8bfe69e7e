"""A unit's dashboard: open postings with their stages, what is new since the last visit, who waits longest,
this week's interviews, postings waiting for approval; who may see it, and what it costs in queries."""

import datetime as dt
import re

import pytest
from django.db.models import F
from django.utils import timezone

from applicants import figures
from applicants.figures import VISIT_GAP, visit_recorded, week_of
from applicants.models import Application, Interview, PipelineVersion, StageChange
from postings.models import Posting, PostingStatusChange, UnitMembership
from tests.factories import (
    ApplicationFactory,
    CandidateProfileFactory,
    PostingFactory,
    UnitMembershipFactory,
    UserFactory,
)
from tests.workspace.pipeline_data import without_tokens

pytestmark = pytest.mark.django_db

S = Application.Status


def dashboard(client, unit):
    return client.get(f"/recruit/units/{unit.slug}/")


def text(response) -> str:
    """The page's text, tags and runs of spaces removed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def newest(response) -> list[str]:
    return [application.candidate.name for application in response.context["board"].newest]


def applicant(posting, *, status=S.SUBMITTED, name="Candidate", days_in_stage=0, released_days_ago=0, school=""):
    """An application in `status`, released `released_days_ago` and in its stage for `days_in_stage`, with the
    stage changes that say so."""
    user = UserFactory(name=name)
    if school:
        CandidateProfileFactory(user=user, school=school)
    now = timezone.now()
    released = None if status == S.QUEUED else now - dt.timedelta(days=released_days_ago)
    entered = now - dt.timedelta(days=days_in_stage)
    application = ApplicationFactory(
        posting=posting, candidate=user, status=status, submitted_at=released, stage_entered_at=entered
    )
    first_stage = S.QUEUED if released is None else S.SUBMITTED
    first = StageChange.objects.create(application=application, to_status=first_stage)
    StageChange.objects.filter(pk=first.pk).update(created_at=released or entered)
    if status not in (S.SUBMITTED, S.QUEUED):
        change = StageChange.objects.create(application=application, from_status=S.SUBMITTED, to_status=status)
        StageChange.objects.filter(pk=change.pk).update(created_at=entered)
    return application


def release(application, moment):
    """Move the application's release (and its stage change) to `moment`."""
    Application.objects.filter(pk=application.pk).update(submitted_at=moment)
    StageChange.objects.filter(application=application, to_status=S.SUBMITTED).update(created_at=moment)


@pytest.fixture
def posting_a(unit_a):
    return PostingFactory(unit=unit_a, title="Agent Engineer Intern", title_zh_hans="智能体工程师实习生")


# --- What it shows ------------------------------------------------------------------


def test_open_postings_show_their_applications_per_stage(client, recruiter_a, unit_a, posting_a):
    for status in (S.SUBMITTED, S.SUBMITTED, S.SCREENING, S.INTERVIEW, S.OFFER, S.HIRED, S.REJECTED, S.QUEUED):
        applicant(posting_a, status=status)
    other = PostingFactory(unit=unit_a, title="Quiet Intern")
    PostingFactory(unit=unit_a, title="Closed Intern", status=Posting.Status.CLOSED)
    client.force_login(recruiter_a)

    response = dashboard(client, unit_a)

    assert response.status_code == 200
    rows = response.context["board"].postings
    assert [row.posting for row in rows] == [posting_a, other]
    # submitted, screening, assessment, interview, offer; the queued one is the unit's to see later.
    assert (rows[0].stages, rows[0].hired, rows[0].active) == ([2, 1, 0, 1, 1], 1, 5)
    assert (rows[1].stages, rows[1].active) == ([0, 0, 0, 0, 0], 0)
    assert response.context["board"].totals.stages == [2, 1, 0, 1, 1]
    assert "Closed Intern" not in text(response)
    assert "Agent Engineer Intern" in text(response)


def test_new_applications_since_the_previous_visit(client, recruiter_a, unit_a, posting_a, monkeypatch):
    applicant(posting_a, name="Old Olga", released_days_ago=20)
    applicant(posting_a, name="Last Week Lena", released_days_ago=3)
    client.force_login(recruiter_a)

    # A first visit has nothing to compare with: the last seven days.
    first = dashboard(client, unit_a)
    assert "New in the last 7 days" in text(first)
    assert first.context["board"].new_count == 1
    assert newest(first) == ["Last Week Lena"]

    # Two hours later, a new applicant has arrived: new since the previous visit.
    started = UnitMembership.objects.get(user=recruiter_a).last_visit_at
    later = started + dt.timedelta(hours=2)
    release(applicant(posting_a, name="New Nora"), started + dt.timedelta(hours=1))
    monkeypatch.setattr(timezone, "now", lambda: later)
    second = dashboard(client, unit_a)
    assert "New since your last visit" in text(second)
    assert second.context["board"].since.moment == started
    assert second.context["board"].new_count == 1
    assert newest(second) == ["New Nora"]

    # Reloading within the same visit keeps the same starting point.
    monkeypatch.setattr(timezone, "now", lambda: later + dt.timedelta(minutes=10))
    assert dashboard(client, unit_a).context["board"].since.moment == started


def test_new_applications_are_counted_up_to_a_bound(client, recruiter_a, unit_a, posting_a, monkeypatch):
    monkeypatch.setattr(figures, "NEW_COUNTED", 3)
    for number in range(5):
        applicant(posting_a, name=f"New {number}", released_days_ago=1)
    client.force_login(recruiter_a)

    response = dashboard(client, unit_a)

    board = response.context["board"]
    assert (board.new_count, board.more_new) == (3, True)
    assert "3+" in text(response)


def test_a_visit_starts_after_half_an_hour(recruiter_a, unit_a):
    now = timezone.now()
    membership = UnitMembership.objects.get(user=recruiter_a)

    assert not visit_recorded(user=recruiter_a, unit=unit_a, now=now).last_visit
    assert not visit_recorded(user=recruiter_a, unit=unit_a, now=now + VISIT_GAP).last_visit
    since = visit_recorded(user=recruiter_a, unit=unit_a, now=now + VISIT_GAP + dt.timedelta(seconds=1))

    assert since.last_visit and since.moment == now
    membership.refresh_from_db()
    assert (membership.previous_visit_at, membership.last_visit_at) == (now, now + VISIT_GAP + dt.timedelta(seconds=1))


def test_an_admin_without_membership_sees_the_last_seven_days_and_records_nothing(client, admin_user, unit_a):
    client.force_login(admin_user)

    response = dashboard(client, unit_a)

    assert response.status_code == 200
    assert "New in the last 7 days" in text(response)
    assert not UnitMembership.objects.filter(user=admin_user).exists()


def test_the_applications_waiting_longest_in_an_active_stage(client, recruiter_a, recruiter_b, unit_a, posting_a):
    posting_b = PostingFactory(unit=recruiter_b.unit_memberships.get().unit)
    for days in range(12):
        applicant(posting_a, status=S.SCREENING, name=f"Waiting {days:02d}", days_in_stage=days, released_days_ago=30)
    applicant(posting_a, status=S.HIRED, name="Ended Erin", days_in_stage=90, released_days_ago=100)
    applicant(posting_a, status=S.QUEUED, name="Queued Quinn", days_in_stage=80)
    applicant(posting_b, status=S.SCREENING, name="Other Unit Otto", days_in_stage=70)
    client.force_login(recruiter_a)

    response = dashboard(client, unit_a)

    waiting = response.context["board"].waiting
    assert [application.candidate.name for application in waiting] == [
        f"Waiting {days:02d}" for days in range(11, 1, -1)
    ]
    page = text(response)
    assert "11 days" in page
    for hidden in ("Ended Erin", "Queued Quinn", "Other Unit Otto"):
        assert hidden not in page


def test_blind_screening_hides_names_on_the_dashboard(client, recruiter_a, unit_a):
    blind = PostingFactory(unit=unit_a, blind_screening=True)
    hidden = applicant(blind, name="Hidden Hana", days_in_stage=5)
    applicant(blind, status=S.INTERVIEW, name="Seen Sam", days_in_stage=4)
    client.force_login(recruiter_a)

    page = text(dashboard(client, unit_a))

    assert "Hidden Hana" not in page
    assert f"Applicant {hidden.pk}" in page
    assert "Seen Sam" in page


def test_interviews_this_week_in_the_viewers_time_zone(client, recruiter_a, unit_a, posting_a):
    recruiter_a.time_zone = "America/Los_Angeles"
    recruiter_a.save(update_fields=["time_zone"])
    start, end = week_of(timezone.now(), "America/Los_Angeles")
    interviews = {
        "This Week Theo": (start + dt.timedelta(hours=1), Interview.Status.SCHEDULED),
        "Sunday Night Sue": (end - dt.timedelta(minutes=30), Interview.Status.SCHEDULED),
        "Cancelled Cleo": (start + dt.timedelta(hours=2), Interview.Status.CANCELLED),
        "Last Week Liam": (start - dt.timedelta(hours=1), Interview.Status.SCHEDULED),
        "Next Week Nina": (end, Interview.Status.SCHEDULED),
    }
    for name, (starts_at, status) in interviews.items():
        interview = Interview.objects.create(
            application=applicant(posting_a, status=S.INTERVIEW, name=name),
            starts_at=starts_at,
            time_zone="Asia/Shanghai",
            status=status,
            place="Room 42",
        )
        interview.interviewers.set([recruiter_a])
    client.force_login(recruiter_a)

    response = dashboard(client, unit_a)

    listed = [interview.application.candidate.name for interview in response.context["board"].interviews]
    assert listed == ["This Week Theo", "Sunday Night Sue"]
    page = text(response)
    assert "Rita Recruiter" in page and "Room 42" in page
    # Each interview in its own zone, and in the viewer's.
    assert "Shanghai time" in page and "Los Angeles time" in page


def test_week_of_runs_monday_to_monday_in_the_zone():
    # Monday 7 December 2026, 01:00 in Shanghai is still Sunday in Los Angeles.
    now = dt.datetime(2026, 12, 6, 17, 0, tzinfo=dt.UTC)

    shanghai = week_of(now, "Asia/Shanghai")
    los_angeles = week_of(now, "America/Los_Angeles")

    assert [moment.isoformat() for moment in shanghai] == ["2026-12-07T00:00:00+08:00", "2026-12-14T00:00:00+08:00"]
    assert [moment.isoformat() for moment in los_angeles] == [
        "2026-11-30T00:00:00-08:00",
        "2026-12-07T00:00:00-08:00",
    ]


def test_postings_waiting_for_approval(client, recruiter_a, unit_a, recruiter_b):
    waiting = PostingFactory(unit=unit_a, title="Memory Intern", status=Posting.Status.SUBMITTED, published_at=None)
    PostingStatusChange.objects.create(posting=waiting, actor=recruiter_a, from_status="draft", to_status="submitted")
    PostingFactory(unit=unit_a, title="Draft Intern", status=Posting.Status.DRAFT, published_at=None)
    PostingFactory(
        unit=recruiter_b.unit_memberships.get().unit,
        title="Other Unit Intern",
        status=Posting.Status.SUBMITTED,
        published_at=None,
    )
    client.force_login(recruiter_a)

    response = dashboard(client, unit_a)

    assert response.context["board"].pending == [waiting]
    assert response.context["board"].pending[0].submitted_on is not None
    page = text(response)
    assert "Memory Intern" in page and "Draft Intern" not in page and "Other Unit Intern" not in page


def test_a_viewer_sees_the_postings_figures_but_no_applicant(client, unit_a, posting_a):
    viewer = UnitMembershipFactory(unit=unit_a, role=UnitMembership.Role.VIEWER, user__name="Vera Viewer").user
    applicant(posting_a, name="Private Pia", days_in_stage=3)
    client.force_login(viewer)

    response = dashboard(client, unit_a)

    assert response.status_code == 200
    board = response.context["board"]
    assert not board.reviews
    assert board.postings[0].stages[0] == 1
    assert board.newest == board.waiting == board.interviews == []
    page = text(response)
    assert "Private Pia" not in page
    assert "Waiting longest" not in page
    assert "recruiters and hiring managers" in page


# --- Who may see it -------------------------------------------------------------------


def test_another_units_recruiter_gets_404(client, recruiter_b, unit_a):
    client.force_login(recruiter_b)

    assert dashboard(client, unit_a).status_code == 404
    assert not UnitMembership.objects.filter(user=recruiter_b, unit=unit_a).exists()


def test_a_candidate_gets_404_and_a_visitor_is_sent_to_sign_in(client, candidate, unit_a):
    response = dashboard(client, unit_a)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")

    client.force_login(candidate)
    assert dashboard(client, unit_a).status_code == 404


def test_an_unknown_unit_is_404(client, recruiter_a):
    client.force_login(recruiter_a)

    assert client.get("/recruit/units/no-such-unit/").status_code == 404


def test_the_dashboard_links_to_the_units_figures(client, recruiter_a, unit_a):
    client.force_login(recruiter_a)

    response = dashboard(client, unit_a)

    assert f'href="/recruit/units/{unit_a.slug}/figures/"' in response.content.decode()


# --- Speed ----------------------------------------------------------------------------


def _season_of(unit, count):
    """`count` applications over three postings of `unit`, in every stage, with interviews this week."""
    postings = [PostingFactory(unit=unit) for _ in range(3)]
    start, _end = week_of(timezone.now(), "Asia/Shanghai")
    stages = [S.INTERVIEW, S.SUBMITTED, S.SCREENING, S.ASSESSMENT, S.OFFER, S.HIRED, S.REJECTED, S.QUEUED]
    for number in range(count):
        application = applicant(
            postings[number % 3], status=stages[number % len(stages)], days_in_stage=number, school="Fudan University"
        )
        if application.status == S.INTERVIEW:
            interview = Interview.objects.create(
                application=application, starts_at=start + dt.timedelta(hours=number), time_zone="Asia/Shanghai"
            )
            interview.interviewers.set([UserFactory()])
    PostingFactory(unit=unit, status=Posting.Status.SUBMITTED, published_at=None)


def test_the_dashboard_counts_again_when_an_application_moves(client, recruiter_a, unit_a, posting_a):
    moving = applicant(posting_a)
    client.force_login(recruiter_a)
    assert dashboard(client, unit_a).context["board"].totals.stages[:2] == [1, 0]

    StageChange.objects.create(application=moving, from_status=S.SUBMITTED, to_status=S.SCREENING)
    Application.objects.filter(pk=moving.pk).update(status=S.SCREENING)

    assert dashboard(client, unit_a).context["board"].totals.stages[:2] == [0, 1]


@pytest.mark.parametrize("count", [3, 40])
def test_the_dashboard_costs_the_same_queries_whatever_the_data(
    client, recruiter_a, unit_a, count, django_assert_num_queries
):
    _season_of(unit_a, count)
    client.force_login(recruiter_a)
    # The first request of a visit records it, which changes the user's personal version (the navigation's
    # cached parts follow on the next request); from then on the page only reads.
    dashboard(client, unit_a)
    dashboard(client, unit_a)
    PipelineVersion.objects.filter(unit_id=unit_a.pk).update(token=F("token") + 1)  # nothing kept from before

    with django_assert_num_queries(QUERIES):
        response = dashboard(client, unit_a)
    assert response.status_code == 200
    with django_assert_num_queries(CACHED_QUERIES):
        assert without_tokens(dashboard(client, unit_a).content) == without_tokens(response.content)


# Session and user; whether the user has a workspace, the unit, the membership (visits), the unit's pipeline
# version and whether the user reviews the unit; the catalogue version and the last stage change (the open
# postings' counts come from the cache while neither changes), those waiting for approval; the new applications
# (the latest hundred and one), those waiting longest, this week's interviews (the first twenty, and one more) and
# their interviewers; the frame's units (the session is saved only when the unit worked in changes); the panels
# other apps add (the talent pool's figures: one). The navigation's parts come from the user's personal cache.
QUERIES = 16
# Kept in the cache: session, user, whether the user has a workspace, the unit, the membership, the version.
CACHED_QUERIES = 6
