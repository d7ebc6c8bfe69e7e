"""The workspace's application page: what it shows, blind screening, previous/next applicant, the resume, and
the queries it runs. The candidate's own application page shows their interviews.

The helpers and fixtures here (an applicant with a full profile, a posting of unit A) serve the other
test_review_* files and test_interviews.py too.
"""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from applicants.models import Application, Interview, Review, StageChange
from tests.factories import (
    ApplicationFactory,
    CandidateProfileFactory,
    PostingFactory,
    ResumeFactory,
    SkillFactory,
    UnitMembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

S = Application.Status
RESUME_TEXT = "Alice Zhang — built a retrieval system <script>alert(1)</script>"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def applicant(posting, *, name="Alice Zhang", email=None, status=S.SUBMITTED, since=None, **profile) -> Application:
    """An application to `posting` from a new candidate with a complete profile and a resume that was read."""
    candidate = UserFactory(name=name, email=email or f"{name.lower().replace(' ', '.')}@example.com")
    skills = profile.pop("skills", None)
    record = CandidateProfileFactory(
        user=candidate,
        **{
            "school": "Zhejiang University",
            "major": "Computer Science",
            "languages": "Chinese, English",
            "links": "https://github.com/alice\nnot a link",
            **profile,
        },
    )
    if skills:
        record.skills.set(skills)
    resume = ResumeFactory(candidate=candidate, text=RESUME_TEXT, text_status="done")
    application = ApplicationFactory(
        candidate=candidate, posting=posting, resume=resume, status=status, stage_entered_at=since or timezone.now()
    )
    StageChange.objects.create(application=application, actor=candidate, from_status="", to_status=S.SUBMITTED)
    return application


def detail_url(application) -> str:
    return reverse("workspace:application_detail", args=[application.pk])


def page_queries(client, url) -> int:
    """The queries of one request for `url` (after a first one, which also remembers the unit in the session)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
    return len(queries)


@pytest.fixture
def posting(unit_a):
    return PostingFactory(unit=unit_a, title="Agent Engineer Intern")


@pytest.fixture
def application(posting):
    return applicant(posting, skills=[SkillFactory(name="Python")])


@pytest.fixture
def rita(client, recruiter_a):
    client.force_login(recruiter_a)
    return client


# --- What the page shows ---------------------------------------------------------


def test_the_page_shows_the_profile_the_resume_and_the_history(rita, application):
    html = rita.get(detail_url(application)).text

    for shown in (
        "Alice Zhang",
        "Zhejiang University",
        "Master&#x27;s",
        "Computer Science",
        "30 June 2027",
        "Python",
        "Chinese, English",
        'href="https://github.com/alice"',
        "not a link",
        "alice.zhang@example.com",
        "Agent Engineer Intern",
    ):
        assert shown in html, shown
    # The resume's text, escaped, and the authorizing view to open or download the PDF.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    resume_url = reverse("workspace:application_resume", args=[application.pk])
    assert f'href="{resume_url}"' in html and f'href="{resume_url}?download=1"' in html
    assert f'<iframe src="{resume_url}"' in html
    # The history names the candidate's own step without their name.
    assert re.search(r'data-label="Who">The candidate<', html)
    assert "photo" not in html.lower()


def test_the_history_shows_who_moved_it_and_their_internal_note(rita, application, recruiter_a):
    StageChange.objects.create(
        application=application, actor=recruiter_a, from_status=S.SUBMITTED, to_status=S.SCREENING, reason="<b>ok</b>"
    )
    html = rita.get(detail_url(application)).text
    assert "Rita Recruiter" in html
    assert "&lt;b&gt;ok&lt;/b&gt;" in html


def test_the_page_lists_the_candidates_other_applications_to_the_unit_only(rita, application, unit_a, unit_b):
    candidate = application.candidate
    same_unit = ApplicationFactory(candidate=candidate, posting=PostingFactory(unit=unit_a, title="Console Intern"))
    ApplicationFactory(candidate=candidate, posting=PostingFactory(unit=unit_b, title="Map Intern"))
    ApplicationFactory(
        candidate=candidate, posting=PostingFactory(unit=unit_a, title="Waiting Intern"), status="queued"
    )

    html = rita.get(detail_url(application)).text
    assert detail_url(same_unit) in html and "Console Intern" in html
    assert "Map Intern" not in html
    assert "Waiting Intern" not in html


def test_a_deleted_candidates_application_shows_what_is_left(rita, posting):
    application = ApplicationFactory(candidate=None, posting=posting, resume=None)
    html = rita.get(detail_url(application)).text
    assert "Deleted candidate" in html
    assert "The candidate deleted their account" in html


def test_a_candidate_without_a_profile_does_not_break_the_page(rita, posting):
    application = ApplicationFactory(posting=posting, candidate=UserFactory(name="Nia"))
    assert rita.get(detail_url(application)).status_code == 200


def test_the_move_buttons_are_the_stages_the_workflow_allows_from_here(rita, posting):
    cases = {
        S.SUBMITTED: ["screening"],
        S.SCREENING: ["assessment", "interview"],
        S.OFFER: ["hired"],
        S.HIRED: [],
        S.REJECTED: [],
    }
    for status, targets in cases.items():
        application = applicant(posting, name=f"Person {status}", status=status)
        response = rita.get(detail_url(application))
        moves = response.context["moves"]
        assert [move.target for move in moves] == targets, status
        assert [move.key for move in moves] == [str(n) for n in range(1, len(targets) + 1)]
        assert response.context["may_reject"] == (status not in Application.TERMINAL)
        try:
            move_url = reverse("workspace:application_move", args=[application.pk])
        except NoReverseMatch:
            # The move endpoint belongs to the pipeline part: until it is there, the page offers no move buttons.
            assert 'name="target"' not in response.text
        else:
            for target in targets:
                assert f'name="target" value="{target}"' in response.text
            if targets:
                assert f'action="{move_url}"' in response.text
                assert f'name="next" value="{detail_url(application)}"' in response.text


def test_the_page_documents_the_keyboard_shortcuts_and_loads_them(rita, application):
    html = rita.get(detail_url(application)).text
    assert "Keyboard shortcuts" in html
    assert "except while you type in a field" in html
    assert 'src="/static/js/workspace/review.js" defer' in html
    assert 'data-shortcut="r"' in html and 'data-shortcut="e"' in html and 'data-shortcut="i"' in html
    assert "<script>" not in html.split("</head>")[1], "no inline script"


# --- Blind screening -----------------------------------------------------------------


@pytest.fixture
def blind_application(unit_a):
    posting = PostingFactory(unit=unit_a, blind_screening=True)
    return applicant(posting, name="Bea Blind", email="bea@example.com")


def test_blind_screening_hides_name_school_links_contact_and_resume(rita, blind_application):
    ApplicationFactory(
        candidate=blind_application.candidate, posting=PostingFactory(unit=blind_application.posting.unit)
    )
    for status in (S.SUBMITTED, S.SCREENING):
        Application.objects.filter(pk=blind_application.pk).update(status=status)
        html = rita.get(detail_url(blind_application)).text
        for hidden in (
            "Bea Blind",
            "Zhejiang University",
            "github.com/alice",
            "bea@example.com",
            "+86",
            RESUME_TEXT[:10],
        ):
            assert hidden not in html, (status, hidden)
        assert f"Applicant {blind_application.pk}" in html
        assert "The resume shows once the application passes screening" in html
        assert "Hidden during blind screening" in html
        # Everything else stays.
        assert "Computer Science" in html and "30 June 2027" in html
        url = reverse("workspace:application_resume", args=[blind_application.pk])
        assert rita.get(url).status_code == 404


def test_blind_screening_ends_when_the_application_passes_screening(rita, blind_application):
    Application.objects.filter(pk=blind_application.pk).update(status=S.ASSESSMENT)
    html = rita.get(detail_url(blind_application)).text
    for shown in ("Bea Blind", "Zhejiang University", "github.com/alice", "bea@example.com"):
        assert shown in html
    assert rita.get(reverse("workspace:application_resume", args=[blind_application.pk])).status_code == 200


def test_blind_screening_names_nobody_in_the_titles_or_the_history(rita, blind_application):
    html = rita.get(detail_url(blind_application)).text
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "Bea" not in title
    assert "The candidate" in html


# --- Previous and next applicant ------------------------------------------------------------


def test_previous_and_next_follow_the_boards_order(rita, posting, unit_a, unit_b):
    now = timezone.now()
    # Board order: stage, then time in the stage, then id.
    first = applicant(posting, name="A One", status=S.SUBMITTED, since=now - dt.timedelta(days=3))
    second = applicant(posting, name="A Two", status=S.SUBMITTED, since=now - dt.timedelta(days=1))
    third = applicant(posting, name="A Three", status=S.SCREENING, since=now - dt.timedelta(days=9))
    fourth = applicant(posting, name="A Four", status=S.REJECTED, since=now - dt.timedelta(days=20))
    # Not neighbours: waiting for an earlier preference, another posting, another unit.
    applicant(posting, name="Q Queued", status=S.QUEUED, since=now - dt.timedelta(days=2))
    applicant(PostingFactory(unit=unit_a), name="O Other", since=now - dt.timedelta(days=2))
    applicant(PostingFactory(unit=unit_b), name="B Other", since=now - dt.timedelta(days=2))

    order = [first, second, third, fourth]
    for index, application in enumerate(order):
        response = rita.get(detail_url(application))
        neighbours = response.context["neighbours"]
        assert neighbours.previous == (order[index - 1].pk if index else None)
        assert neighbours.next == (order[index + 1].pk if index + 1 < len(order) else None)
        assert (neighbours.position, neighbours.total) == (index + 1, 4)
    html = rita.get(detail_url(second)).text
    assert f'rel="prev" href="{detail_url(first)}"' in html
    assert f'rel="next" href="{detail_url(third)}"' in html
    assert "2 of 4 in this posting" in html


def test_applicants_entering_a_stage_at_the_same_moment_are_ordered_by_id(rita, posting):
    moment = timezone.now()
    one, two, three = (applicant(posting, name=f"Same {n}", since=moment) for n in range(3))
    neighbours = rita.get(detail_url(two)).context["neighbours"]
    assert (neighbours.previous, neighbours.next) == (one.pk, three.pk)


def test_working_through_the_list_keeps_opening_the_next_one(rita, posting):
    one, two = applicant(posting, name="First One"), applicant(posting, name="Second One")
    html = rita.get(detail_url(one) + "?advance=1").text
    assert f'rel="next" href="{detail_url(two)}?advance=1"' in html
    try:
        reverse("workspace:application_move", args=[one.pk])
    except NoReverseMatch:
        return
    assert f'name="next" id="advance" value="{detail_url(two)}?advance=1" checked' in html


# --- Queries -------------------------------------------------------------------------------


def test_the_page_runs_the_same_queries_for_one_review_or_ten(rita, posting, unit_a):
    application = applicant(posting)
    counts = []
    for total in (1, 10):
        Review.objects.filter(application=application).delete()
        for n in range(total):
            reviewer = UnitMembershipFactory(unit=unit_a, user__name=f"Reviewer {total}-{n}").user
            Review.objects.create(
                application=application,
                reviewer=reviewer,
                scores={"skills": 3, "problem_solving": 3, "communication": 3, "motivation": 3},
                score=3,
                recommendation="yes",
            )
        counts.append(page_queries(rita, detail_url(application)))
    assert counts[0] == counts[1], counts


def test_the_page_runs_the_same_queries_for_one_interview_or_five(rita, posting, unit_a, recruiter_a):
    application = applicant(posting, status=S.INTERVIEW)
    colleague = UnitMembershipFactory(unit=unit_a).user
    counts = []
    for total in (1, 5):
        Interview.objects.all().delete()
        for n in range(total):
            interview = Interview.objects.create(
                application=application,
                starts_at=timezone.now() + dt.timedelta(days=n + 1),
                time_zone="Europe/Berlin",
                video_link="https://meet.example.com/x",
            )
            interview.interviewers.set([recruiter_a, colleague])
        counts.append(page_queries(rita, detail_url(application)))
    assert counts[0] == counts[1], counts


def test_the_page_runs_the_same_queries_whatever_the_size_of_the_posting(rita, posting, django_assert_max_num_queries):
    application = applicant(posting)
    small = page_queries(rita, detail_url(application))
    for n in range(15):
        applicant(posting, name=f"Crowd {n}", status=[S.SUBMITTED, S.SCREENING, S.INTERVIEW][n % 3])
    assert page_queries(rita, detail_url(application)) == small
    with django_assert_max_num_queries(25):
        rita.get(detail_url(application))


# --- The resume ------------------------------------------------------------------------------


def test_the_resume_is_shown_inline_or_downloaded_and_never_sniffed(rita, application):
    url = reverse("workspace:application_resume", args=[application.pk])
    inline = rita.get(url)
    assert inline.status_code == 200
    assert inline["Content-Type"] == "application/pdf"
    assert inline["Content-Disposition"].startswith("inline")
    assert inline["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in inline["Cache-Control"]
    # The application page frames it; no other site may.
    assert inline["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in inline["Content-Security-Policy"]
    assert b"".join(inline.streaming_content).startswith(b"%PDF")

    download = rita.get(url, {"download": "1"})
    assert download["Content-Disposition"].startswith("attachment")
    assert 'filename="resume.pdf"' in download["Content-Disposition"]


def test_the_resume_view_serves_the_version_sent_with_the_application_only(rita, application):
    application.resume.is_current = False
    application.resume.save()
    newer = ResumeFactory(candidate=application.candidate, original_name="newer.pdf")
    response = rita.get(reverse("workspace:application_resume", args=[application.pk]))
    assert newer.original_name not in response["Content-Disposition"]
    assert 'filename="resume.pdf"' in response["Content-Disposition"]


def test_an_application_without_its_resume_file_answers_404(rita, application):
    application.resume.file.delete(save=False)
    assert rita.get(reverse("workspace:application_resume", args=[application.pk])).status_code == 404
    Application.objects.filter(pk=application.pk).update(resume=None)
    assert rita.get(reverse("workspace:application_resume", args=[application.pk])).status_code == 404


# --- The candidate's own page --------------------------------------------------------------------


def candidate_interview(application, *, days=3, zone="Asia/Shanghai", status=Interview.Status.SCHEDULED, **kwargs):
    start = timezone.now().replace(hour=2, minute=0, second=0, microsecond=0) + dt.timedelta(days=days)
    interview = Interview.objects.create(
        application=application, starts_at=start, time_zone=zone, status=status, duration_minutes=60, **kwargs
    )
    return interview


def test_the_candidate_sees_their_interviews_in_their_zone_and_the_interviews(client, application, recruiter_a):
    candidate = application.candidate
    candidate.time_zone = "Europe/Berlin"
    candidate.save()
    interview = candidate_interview(application, place="Building 5, room 301", video_link="https://meet.example.com/a")
    interview.interviewers.set([recruiter_a])
    client.force_login(candidate)

    html = client.get(application.get_absolute_url()).text
    assert "Interviews" in html
    assert "Shanghai time (CST)" in html
    assert "Your time:" in html and "Berlin time (CET)" in html
    start = interview.starts_at
    assert start.astimezone(dt.timezone(dt.timedelta(hours=8))).strftime("%H:%M") in html
    assert start.astimezone(dt.timezone(dt.timedelta(hours=1))).strftime("%H:%M") in html
    assert "60 minutes" in html
    assert "Building 5, room 301" in html and 'href="https://meet.example.com/a"' in html
    assert "Rita Recruiter" in html


def test_a_cancelled_interview_shows_as_cancelled_to_the_candidate(client, application):
    candidate_interview(application, status=Interview.Status.CANCELLED, place="Building 5")
    client.force_login(application.candidate)
    html = client.get(application.get_absolute_url()).text
    assert "Cancelled" in html
    assert "Building 5" not in html


def test_the_candidates_page_runs_the_same_queries_for_one_interview_or_five(client, application, recruiter_a):
    client.force_login(application.candidate)
    counts = []
    for total in (1, 5):
        Interview.objects.all().delete()
        for n in range(total):
            candidate_interview(application, days=n + 1, place="Room").interviewers.set([recruiter_a])
        counts.append(page_queries(client, application.get_absolute_url()))
    assert counts[0] == counts[1], counts
