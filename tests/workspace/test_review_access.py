"""Who reaches the application page and its actions: the access matrix of this part of the workspace.

The unit's recruiters and hiring managers, and admins, work on its applications; anyone else signed in gets 404
(ids are not confirmed), a visitor the sign-in page. A POST from someone who may not changes nothing.
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from applicants.models import Application, Interview, Review
from postings.models import UnitMembership
from tests.factories import ApplicationFactory, PostingFactory, RejectionReasonFactory, UnitMembershipFactory
from tests.workspace.test_review_page import applicant

pytestmark = pytest.mark.django_db

S = Application.Status
ALLOWED, HIDDEN, SIGN_IN = 200, 404, 302


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world(unit_a, recruiter_a, recruiter_b, admin_user, candidate):
    posting = PostingFactory(unit=unit_a)
    application = applicant(posting, status=S.SCREENING)
    interview = Interview.objects.create(
        application=application,
        starts_at=timezone.now() + dt.timedelta(days=5),
        time_zone="Asia/Shanghai",
        place="Room 1",
    )
    interview.interviewers.set([recruiter_a])
    viewer = UnitMembershipFactory(unit=unit_a, role=UnitMembership.Role.VIEWER).user
    manager = UnitMembershipFactory(unit=unit_a, role=UnitMembership.Role.HIRING_MANAGER).user
    return {
        "application": application,
        "interview": interview,
        "people": {
            "visitor": None,
            "candidate": candidate,
            "the applicant": application.candidate,
            "recruiter of unit B": recruiter_b,
            "viewer of unit A": viewer,
            "recruiter of unit A": recruiter_a,
            "hiring manager of unit A": manager,
            "admin": admin_user,
        },
    }


PAGES = [
    ("workspace:application_detail", "application"),
    ("workspace:application_review", "application"),
    ("workspace:application_reject", "application"),
    ("workspace:application_resume", "application"),
    ("workspace:interview_new", "application"),
    ("workspace:interview_edit", "interview"),
    ("workspace:interview_cancel", "interview"),
]
EXPECTED = {
    "visitor": SIGN_IN,
    "candidate": HIDDEN,
    "the applicant": HIDDEN,
    "recruiter of unit B": HIDDEN,
    "viewer of unit A": HIDDEN,
    "recruiter of unit A": ALLOWED,
    "hiring manager of unit A": ALLOWED,
    "admin": ALLOWED,
}


@pytest.mark.parametrize("person", EXPECTED)
@pytest.mark.parametrize(("name", "target"), PAGES, ids=[name for name, _target in PAGES])
def test_the_access_matrix(client, world, person, name, target):
    user = world["people"][person]
    if user is not None:
        client.force_login(user)
    response = client.get(reverse(name, args=[world[target].pk]))
    assert response.status_code == EXPECTED[person], (person, name)
    if response.status_code == SIGN_IN:
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("person", [p for p, expected in EXPECTED.items() if expected != ALLOWED])
def test_outsiders_posting_to_every_action_change_nothing(client, world, person, recruiter_a):
    user = world["people"][person]
    if user is not None:
        client.force_login(user)
    application, interview = world["application"], world["interview"]
    reason = RejectionReasonFactory()
    posts = [
        (reverse("workspace:application_review", args=[application.pk]), {"recommendation": "yes"}),
        (reverse("workspace:application_reject", args=[application.pk]), {"rejection_reason": reason.pk}),
        (reverse("workspace:interview_new", args=[application.pk]), {"date": "2030-01-07", "time": "10:00"}),
        (reverse("workspace:interview_edit", args=[interview.pk]), {"date": "2030-01-07", "time": "10:00"}),
        (reverse("workspace:interview_cancel", args=[interview.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code in {SIGN_IN, HIDDEN}, url
    application.refresh_from_db()
    interview.refresh_from_db()
    assert application.status == S.SCREENING
    assert (interview.status, interview.sequence) == (Interview.Status.SCHEDULED, 0)
    assert Interview.objects.count() == 1
    assert not Review.objects.exists()


def test_a_queued_application_is_invisible_to_its_unit(client, recruiter_a, unit_a):
    queued = applicant(PostingFactory(unit=unit_a), status=S.QUEUED)
    client.force_login(recruiter_a)
    for name, _target in PAGES:
        if _target == "application":
            assert client.get(reverse(name, args=[queued.pk])).status_code == HIDDEN, name


def test_unknown_ids_answer_404(client, recruiter_a):
    client.force_login(recruiter_a)
    for name, _target in PAGES:
        for pk in (0, 999999, 2**63 - 1):
            assert client.get(reverse(name, args=[pk])).status_code == HIDDEN, (name, pk)


def test_the_admin_works_on_every_units_applications(client, admin_user, unit_b):
    other = ApplicationFactory(posting=PostingFactory(unit=unit_b))
    client.force_login(admin_user)
    assert client.get(reverse("workspace:application_detail", args=[other.pk])).status_code == ALLOWED


def test_the_pages_are_never_stored(client, world, recruiter_a):
    client.force_login(recruiter_a)
    for name, target in PAGES:
        response = client.get(reverse(name, args=[world[target].pk]))
        assert "no-store" in response["Cache-Control"], name


# --- Odd input from a recruiter of the unit (tests/test_odd_input.py asks as a visitor and a candidate) ----------

MARKER = '<x-probe-7 id="p">\'"'
ODD_QUERIES = [
    "next=%2F%2Fevil.example%2F",
    "next=https%3A%2F%2Fevil.example",
    "download=abc&download=1",
    "advance=%00",
    f"next={MARKER}",
]
ODD_BODIES = [
    {},
    {"rejection_reason": ["1", "2"], "note": "a\x00b", "next": "//evil.example/"},
    {"recommendation": MARKER, "notes": MARKER, "score_skills": ["4", "1"], "score_evil": "4"},
    {"score_skills": str(2**70), "recommendation": "yes"},
    {"date": "2027-13-45", "time": "99:99", "time_zone": MARKER, "duration_minutes": "1e9", "interviewers": ["x"]},
    {"date": ["2030-01-07", "2030-01-08"], "time": "10:00", "time_zone": ["UTC", "Mars/Olympus"]},
    {"date": "2030-01-07", "time": "10:00", "time_zone": "UTC", "duration_minutes": "45", "video_link": MARKER},
    {"interviewers": str(2**63), "place": "x" * 50_000, "outside_hours_ok": "maybe"},
]


def test_odd_input_from_a_recruiter_never_breaks_a_page(world, recruiter_a):
    client = Client(raise_request_exception=False)
    client.force_login(recruiter_a)
    problems = []
    for name, target in PAGES:
        url = reverse(name, args=[world[target].pk])
        responses = [(f"GET ?{query}", client.get(f"{url}?{query}")) for query in ODD_QUERIES]
        responses += [(f"POST {body}", client.post(url, body)) for body in ODD_BODIES]
        for label, response in responses:
            location = response.get("Location", "")
            if response.status_code >= 500:
                problems.append(f"{url} {label}: {response.status_code}")
            if "evil.example" in location:
                problems.append(f"{url} {label}: redirects to {location}")
            if not getattr(response, "streaming", False) and "<x-probe-7" in response.content.decode():
                problems.append(f"{url} {label}: echoes the input unescaped")
    assert not problems, "\n".join(problems)
    interview = world["interview"]
    interview.refresh_from_db()
    # One of the bodies is empty: on the cancel page that is a plain confirmation, so the interview is cancelled.
    assert interview.status in {Interview.Status.SCHEDULED, Interview.Status.CANCELLED}
    assert not Review.objects.exists()
