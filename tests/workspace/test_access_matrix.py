"""Who may open and do what in the workspace: one table, persona x URL -> status.

The world: Alice applied to a role of unit A (released to its recruiters), and
to a second role of unit A that waits behind the first (queued: invisible to
the unit); the first has an interview. Unit A also has a draft and a posting
waiting for approval. Rita recruits for unit A, Ron for unit B, Ada is an
admin; Alice herself is the candidate persona. Forbidden objects answer 404,
whatever the id; a visitor is sent to sign in.
"""

import datetime as dt

import pytest
from django.utils import timezone

from applicants.models import Application, Interview, Review
from applicants.services import application_submit
from postings.models import Posting, PostingStatusChange, Program
from tests.factories import PostingFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["visitor", "candidate", "recruiter_a", "recruiter_b", "admin_user"]
UNIT_A = {"visitor": 302, "recruiter_a": 200, "admin_user": 200}
ADMINS = {"visitor": 302, "admin_user": 200}
SIGNED_IN_VISITOR = {"visitor": 302}

# url -> {persona: status}; a persona not named gets 404.
PAGES = {
    "/recruit/": {"visitor": 302, "recruiter_a": 302, "recruiter_b": 302, "admin_user": 302},
    "/recruit/units/{unit_a}/": UNIT_A,
    "/recruit/units/{unit_a}/applicants/": UNIT_A,
    "/recruit/units/{unit_a}/applicants/export.csv": UNIT_A,
    "/recruit/units/{unit_a}/postings/": UNIT_A,
    "/recruit/units/{unit_a}/postings/new/": UNIT_A,
    "/recruit/postings/{posting_a}/board/": UNIT_A,
    "/recruit/postings/{posting_a}/": UNIT_A,
    "/recruit/postings/{draft}/": UNIT_A,
    "/recruit/postings/{draft}/edit/": UNIT_A,
    "/recruit/applications/{application}/": UNIT_A,
    "/recruit/applications/{application}/review/": UNIT_A,
    "/recruit/applications/{application}/reject/": UNIT_A,
    "/recruit/applications/{application}/resume/": UNIT_A,
    "/recruit/applications/{application}/interviews/new/": UNIT_A,
    "/recruit/interviews/{interview}/edit/": UNIT_A,
    # Waiting behind Alice's first preference: no unit sees it yet, not even an admin.
    "/recruit/applications/{queued}/": SIGNED_IN_VISITOR,
    "/recruit/applications/{queued}/review/": SIGNED_IN_VISITOR,
    "/recruit/applications/{queued}/resume/": SIGNED_IN_VISITOR,
    "/recruit/approvals/": ADMINS,
    "/recruit/overview/": ADMINS,
    "/recruit/units/no-such-unit/": SIGNED_IN_VISITOR,
    "/recruit/applications/987654/": SIGNED_IN_VISITOR,
    "/recruit/postings/987654/board/": SIGNED_IN_VISITOR,
}

# Actions: url -> (POST data, the personas who may). Everyone else: 404 (a visitor: sign in), and nothing changes.
ACTIONS = {
    "/recruit/applications/{application}/move/": ({"target": "screening"}, {"recruiter_a", "admin_user"}),
    "/recruit/applications/{queued}/move/": ({"target": "screening"}, set()),
    "/recruit/units/{unit_a}/applicants/bulk/": (
        {"ids": "{application}", "target": "screening"},
        {"recruiter_a", "admin_user"},
    ),
    "/recruit/applications/{application}/review/": (
        {"recommendation": "yes", "notes": "ok"},
        {"recruiter_a", "admin_user"},
    ),
    "/recruit/applications/{application}/reject/": (
        {"reason": "{reason}", "note": "no"},
        {"recruiter_a", "admin_user"},
    ),
    "/recruit/applications/{application}/interviews/new/": ({}, {"recruiter_a", "admin_user"}),
    "/recruit/interviews/{interview}/cancel/": ({}, {"recruiter_a", "admin_user"}),
    "/recruit/postings/{draft}/submit/": ({}, {"recruiter_a", "admin_user"}),
    "/recruit/postings/{submitted}/approve/": ({}, {"admin_user"}),
    "/recruit/postings/{submitted}/return/": ({"comment": "Shorter, please."}, {"admin_user"}),
    "/recruit/postings/{posting_a}/close/": ({}, {"admin_user"}),
}


@pytest.fixture
def world(ready_candidate, unit_a, rejection_reason, recruiter_a):
    program = Program.objects.get(pk=PostingFactory(unit=unit_a).program_id)
    Program.objects.filter(pk=program.pk).update(review=Program.Review.ORDERED)
    posting_a = PostingFactory(unit=unit_a, program=program)
    second = PostingFactory(unit=unit_a, program=program)
    application = application_submit(candidate=ready_candidate, posting=posting_a)
    queued = application_submit(candidate=ready_candidate, posting=second)
    assert queued.status == Application.Status.QUEUED
    interview = Interview.objects.create(
        application=application,
        starts_at=timezone.now() + dt.timedelta(days=2),
        time_zone="Asia/Shanghai",
        video_link="https://meet.example.com/x",
        created_by=recruiter_a,
    )
    interview.interviewers.set([recruiter_a])
    draft = PostingFactory(unit=unit_a, program=program, status=Posting.Status.DRAFT, published_at=None)
    submitted = PostingFactory(unit=unit_a, program=program, status=Posting.Status.SUBMITTED, published_at=None)
    PostingStatusChange.objects.create(
        posting=submitted, actor=recruiter_a, from_status="draft", to_status="submitted"
    )
    return {
        "unit_a": unit_a.slug,
        "posting_a": posting_a.pk,
        "application": application.pk,
        "queued": queued.pk,
        "interview": interview.pk,
        "draft": draft.pk,
        "submitted": submitted.pk,
        "reason": rejection_reason.pk,
    }


def sign_in(client, request, persona):
    if persona != "visitor":
        client.force_login(request.getfixturevalue(persona if persona != "candidate" else "ready_candidate"))


def state(world) -> tuple:
    """Everything an action could change, to prove a refused one changed nothing."""
    return (
        tuple(Application.objects.order_by("pk").values_list("pk", "status", "rejection_reason")),
        Review.objects.count(),
        tuple(Interview.objects.order_by("pk").values_list("pk", "status", "sequence")),
        Interview.objects.count(),
        tuple(Posting.objects.order_by("pk").values_list("pk", "status", "published_at")),
    )


PAGE_CASES = [(url, persona, expected.get(persona, 404)) for url, expected in PAGES.items() for persona in PERSONAS]


@pytest.mark.parametrize(("url", "persona", "expected"), PAGE_CASES)
def test_pages(client, request, world, recruiter_b, admin_user, url, persona, expected):
    sign_in(client, request, persona)
    response = client.get(url.format(**world))
    assert response.status_code == expected, f"{persona} GET {url}"
    if expected == 302 and persona == "visitor":
        assert response["Location"].startswith("/accounts/login/")


ACTION_CASES = [(url, persona) for url in ACTIONS for persona in PERSONAS]


@pytest.mark.parametrize(("url", "persona"), ACTION_CASES)
def test_actions(client, request, world, recruiter_b, admin_user, url, persona):
    data, allowed = ACTIONS[url]
    sign_in(client, request, persona)
    before = state(world)
    response = client.post(url.format(**world), {key: value.format(**world) for key, value in data.items()})
    if persona == "visitor":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        assert state(world) == before
    elif persona in allowed:
        assert response.status_code in (200, 302), f"{persona} POST {url}: {response.status_code}"
    else:
        assert response.status_code == 404, f"{persona} POST {url}: {response.status_code}"
        assert state(world) == before, f"{persona} POST {url} changed something"


def test_a_bulk_form_of_unit_b_carrying_unit_as_ids_moves_nothing(client, world, recruiter_b, unit_b):
    client.force_login(recruiter_b)
    before = state(world)
    response = client.post(
        f"/recruit/units/{unit_b.slug}/applicants/bulk/",
        {"ids": [world["application"], world["queued"]], "target": "screening"},
    )
    assert response.status_code in (200, 302)
    assert state(world) == before


def test_a_bulk_reject_of_unit_b_carrying_unit_as_ids_rejects_nothing(client, world, recruiter_b, unit_b):
    client.force_login(recruiter_b)
    before = state(world)
    client.post(
        f"/recruit/units/{unit_b.slug}/applicants/bulk/",
        {"ids": [world["application"]], "target": "rejected", "reason": world["reason"], "note": "x"},
    )
    assert state(world) == before
