"""Who may see and do what with postings in the workspace: one table, every persona, every page and action.

Anything a persona may not reach answers 404 (never 403: no id is confirmed), a visitor is sent to sign in,
and a refused action changes nothing.
"""

import pytest
from django.contrib.auth.models import Permission

from postings.models import Posting, UnitMembership
from tests.factories import PostingFactory, UnitMembershipFactory, UserFactory
from tests.workspace import test_drafting_flow as flow

pytestmark = pytest.mark.django_db
# The flow's fixtures: English catalogue text, a program, a category, a city, a draft of unit A (by Rita), the
# same submitted.
english, program, category, hangzhou = flow.english, flow.program, flow.category, flow.hangzhou
draft, submitted = flow.draft, flow.submitted
S = Posting.Status
PERSONAS = ("visitor", "candidate", "recruiter_a", "recruiter_b", "viewer_a", "admin")


@pytest.fixture
def viewer_a(unit_a):
    """A member of unit A who only looks (UnitMembership.Role.VIEWER)."""
    return UnitMembershipFactory(
        user__email="vic@example.com", user__name="Vic Viewer", unit=unit_a, role=UnitMembership.Role.VIEWER
    ).user


@pytest.fixture
def signed_in(client, request):
    def as_persona(persona):
        if persona != "visitor":
            user = request.getfixturevalue({"admin": "admin_user"}.get(persona, persona))
            client.force_login(user)
        return client

    return as_persona


# Page -> the answer of each persona, in the order of PERSONAS (a visitor is sent to sign in).
PAGES = {
    "list": ("GET", "/recruit/units/alibaba-cloud/postings/", (302, 404, 200, 404, 200, 200)),
    "new": ("GET", "/recruit/units/alibaba-cloud/postings/new/", (302, 404, 200, 404, 404, 200)),
    "detail": ("GET", "/recruit/postings/{draft}/", (302, 404, 200, 404, 200, 200)),
    "edit": ("GET", "/recruit/postings/{draft}/edit/", (302, 404, 200, 404, 404, 200)),
    "approvals": ("GET", "/recruit/approvals/", (302, 404, 404, 404, 404, 200)),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", PAGES)
def test_the_pages_answer_each_persona_as_the_table_says(signed_in, draft, viewer_a, recruiter_b, persona, page):
    method, url, answers = PAGES[page]
    response = getattr(signed_in(persona), method.lower())(url.format(draft=draft.pk))
    assert response.status_code == answers[PERSONAS.index(persona)]
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")


# Action -> (the posting's status before, the answer of each persona, the status after a permitted action).
ACTIONS = {
    "submit": (S.DRAFT, (302, 404, 302, 404, 404, 302), S.SUBMITTED),
    "approve": (S.SUBMITTED, (302, 404, 404, 404, 404, 302), S.PUBLISHED),
    "return": (S.SUBMITTED, (302, 404, 404, 404, 404, 302), S.DRAFT),
    "close": (S.PUBLISHED, (302, 404, 404, 404, 404, 302), S.CLOSED),
}
DATA = {"return": {"return-comment": "Add the team's name."}}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", ACTIONS)
def test_the_actions_answer_each_persona_as_the_table_says_and_refused_ones_change_nothing(
    signed_in, draft, recruiter_a, viewer_a, recruiter_b, persona, action
):
    before, answers, after = ACTIONS[action]
    if before == S.SUBMITTED:
        from postings.publishing import posting_submit

        posting_submit(posting=draft, actor=recruiter_a)
    elif before == S.PUBLISHED:
        Posting.objects.filter(pk=draft.pk).update(status=S.PUBLISHED, published_at=draft.created_at)
    response = signed_in(persona).post(f"/recruit/postings/{draft.pk}/{action}/", DATA.get(action, {}))
    answer = answers[PERSONAS.index(persona)]
    assert response.status_code == answer
    draft.refresh_from_db()
    permitted = answer == 302 and persona != "visitor"
    assert draft.status == (after if permitted else before)
    if permitted:
        assert response["Location"] == f"/recruit/postings/{draft.pk}/"


def test_a_recruiter_of_another_unit_gets_404_for_every_id_of_unit_a(client, recruiter_b, submitted):
    client.force_login(recruiter_b)
    for url in (
        "/recruit/units/alibaba-cloud/postings/",
        "/recruit/units/alibaba-cloud/postings/new/",
        f"/recruit/postings/{submitted.pk}/",
        f"/recruit/postings/{submitted.pk}/edit/",
    ):
        assert client.get(url).status_code == 404, url
    for action in ("submit", "approve", "return", "close", "edit"):
        assert client.post(f"/recruit/postings/{submitted.pk}/{action}/").status_code == 404, action
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


def test_a_recruiter_cannot_approve_their_own_draft(client, recruiter_a, submitted):
    client.force_login(recruiter_a)
    assert client.post(f"/recruit/postings/{submitted.pk}/approve/").status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


def test_a_recruiter_who_is_also_an_admin_may_approve_their_own_draft(client, recruiter_a, submitted):
    recruiter_a.is_staff = True
    recruiter_a.save()
    recruiter_a.user_permissions.add(Permission.objects.get(codename="publish_posting"))
    client.force_login(recruiter_a)
    assert client.post(f"/recruit/postings/{submitted.pk}/approve/").status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == S.PUBLISHED


def test_staff_without_the_publish_permission_cannot_approve(client, submitted, unit_a):
    staff = UnitMembershipFactory(user=UserFactory(email="sam@example.com", is_staff=True), unit=unit_a).user
    client.force_login(staff)
    assert client.get("/recruit/approvals/").status_code == 404
    assert client.post(f"/recruit/postings/{submitted.pk}/approve/").status_code == 404


def test_unknown_and_odd_ids_answer_404_to_a_recruiter(client, recruiter_a):
    client.force_login(recruiter_a)
    for pk in (0, 999999, 2**31, 2**63 - 1, 2**63, 10**30):
        assert client.get(f"/recruit/postings/{pk}/").status_code == 404, pk
        assert client.post(f"/recruit/postings/{pk}/submit/").status_code == 404, pk
    assert client.get("/recruit/postings/abc/").status_code == 404
    assert client.get("/recruit/units/no-such-unit/postings/").status_code == 404


def test_the_unit_list_shows_only_the_units_own_postings(client, recruiter_a, draft, unit_b):
    other = PostingFactory(unit=unit_b, title="Amap Routing Intern")
    client.force_login(recruiter_a)
    html = client.get("/recruit/units/alibaba-cloud/postings/").text
    assert "Agent Memory Intern" in html
    assert other.title not in html
