"""Who may open the pool pages, and what the pool shows to whom: the access matrix and the turndown rule."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from applicants.models import Application, Review
from talentpool.models import Invitation, PoolEntry, Suggestion
from talentpool.services import entries_expire, pool_leave
from tests.factories import PostingFactory, RejectionReasonFactory, UnitMembershipFactory

from .factories import category, past_application, pool_candidate, skills

S = Application.Status


@pytest.fixture
def python(db):
    (python,) = skills("Python")
    return python


@pytest.fixture
def agents(db):
    return category("AI Agent Engineer")


@pytest.fixture
def posting_a(unit_a, agents, python):
    return PostingFactory(unit=unit_a, category=agents, skills=[python], title="Agent Engineer Intern")


@pytest.fixture
def posting_b(unit_b, agents, python):
    return PostingFactory(unit=unit_b, category=agents, skills=[python], title="Map Agent Intern")


@pytest.fixture
def ann(python, agents):
    """In the pool, with what the agent roles ask for."""
    return pool_candidate("Ann", skills=[python], categories=[agents], resume_text="Built agents in Python.")


def profile_of(candidate) -> str:
    """The address of the candidate's pool profile: what a page links for each candidate it shows."""
    return f'href="{reverse("pool:profile", args=[PoolEntry.objects.get(candidate=candidate).pk])}"'


def home(query=""):
    return reverse("pool:home") + query


def pool_pages(candidate, posting) -> list[str]:
    entry = PoolEntry.objects.get(candidate=candidate)
    return [home(), reverse("pool:profile", args=[entry.pk]), reverse("pool:posting", args=[posting.pk])]


def test_a_visitor_is_sent_to_sign_in(client, ann, posting_a):
    for url in pool_pages(ann, posting_a):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_a_candidate_gets_not_found(client, ann, posting_a):
    client.force_login(ann)
    for url in pool_pages(ann, posting_a):
        assert client.get(url).status_code == 404


def test_a_recruiter_sees_the_pool_and_opens_a_profile(client, recruiter_a, ann):
    client.force_login(recruiter_a)
    response = client.get(home())
    assert response.status_code == 200
    assert profile_of(ann) in response.content.decode()
    assert client.get(reverse("pool:profile", args=[ann.pool_entry.pk])).status_code == 200


def test_the_workspace_nav_links_the_pool(client, recruiter_a, unit_a):
    client.force_login(recruiter_a)
    page = client.get(reverse("workspace:unit_dashboard", args=[unit_a.slug])).content.decode()
    assert f'href="{home()}"' in page


def test_a_recruiter_of_unit_b_cannot_open_unit_a_posting_suggestions(client, recruiter_b, posting_a, ann):
    client.force_login(recruiter_b)
    assert client.get(reverse("pool:posting", args=[posting_a.pk])).status_code == 404


def test_a_recruiter_of_unit_b_cannot_dismiss_unit_a_suggestions(client, recruiter_a, recruiter_b, posting_a, ann):
    client.force_login(recruiter_a)
    client.get(reverse("pool:posting", args=[posting_a.pk]))
    suggestion = Suggestion.objects.get(posting=posting_a)
    client.force_login(recruiter_b)
    response = client.post(reverse("pool:dismiss", args=[posting_a.pk, suggestion.pk]))
    assert response.status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.NEW


def test_a_viewer_sees_suggestions_but_cannot_dismiss_them(client, unit_a, posting_a, ann):
    viewer = UnitMembershipFactory(unit=unit_a, role="viewer").user
    client.force_login(viewer)
    assert client.get(reverse("pool:posting", args=[posting_a.pk])).status_code == 200
    suggestion = Suggestion.objects.get(posting=posting_a)
    assert client.post(reverse("pool:dismiss", args=[posting_a.pk, suggestion.pk])).status_code == 404


def test_an_admin_sees_every_unit_posting_suggestions(client, admin_user, posting_a, posting_b, ann):
    client.force_login(admin_user)
    for posting in (posting_a, posting_b):
        response = client.get(reverse("pool:posting", args=[posting.pk]))
        assert response.status_code == 200
        assert profile_of(ann) in response.content.decode()


def test_a_candidate_turned_down_is_not_suggested_to_that_unit_for_that_category(
    client, recruiter_a, recruiter_b, posting_a, posting_b, ann, agents
):
    earlier = PostingFactory(unit=posting_a.unit, category=agents)
    past_application(ann, earlier, reason=RejectionReasonFactory())
    client.force_login(recruiter_a)
    assert profile_of(ann) not in client.get(reverse("pool:posting", args=[posting_a.pk])).content.decode()
    # Narrowed to that category, unit A's search leaves her out too; not narrowed, it shows her (another kind of
    # role may suit her).
    assert profile_of(ann) not in client.get(home(f"?category={agents.slug}")).content.decode()
    assert profile_of(ann) in client.get(home()).content.decode()
    # Unit B is suggested her, with the facts and no unit's name.
    client.force_login(recruiter_b)
    page = client.get(reverse("pool:posting", args=[posting_b.pk])).content.decode()
    assert profile_of(ann) in page
    assert profile_of(ann) in client.get(home(f"?category={agents.slug}")).content.decode()


def test_a_suggestion_stored_before_a_turndown_is_not_shown(client, recruiter_a, posting_a, ann, agents):
    client.force_login(recruiter_a)
    assert profile_of(ann) in client.get(reverse("pool:posting", args=[posting_a.pk])).content.decode()
    past_application(ann, PostingFactory(unit=posting_a.unit, category=agents))
    # Her suggestion for posting A may still be stored (matching refreshes at night): the page leaves it out.
    Suggestion.objects.update_or_create(
        entry=PoolEntry.objects.get(candidate=ann), posting=posting_a, defaults={"score": 9.0, "reasons": []}
    )
    assert profile_of(ann) not in client.get(reverse("pool:posting", args=[posting_a.pk])).content.decode()


@pytest.mark.parametrize("state", ["no_consent", "expired", "expired_by_the_clock", "left", "applying"])
def test_entries_not_available_never_appear(client, recruiter_a, posting_a, python, agents, state):
    zoe = pool_candidate(
        "Zoe", skills=[python], categories=[agents], consent=state != "no_consent", resume_text="Python agents"
    )
    if state == "expired":
        entries_expire(timezone.now() + dt.timedelta(days=400))
    elif state == "expired_by_the_clock":
        # Past its expiry, before the daily job marks it.
        PoolEntry.objects.filter(candidate=zoe).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    elif state == "left":
        pool_leave(candidate=zoe)
    elif state == "applying":
        past_application(zoe, PostingFactory(), status=S.SCREENING)
    entry = PoolEntry.objects.get(candidate=zoe)
    profile_url = reverse("pool:profile", args=[entry.pk])
    client.force_login(recruiter_a)
    assert profile_url not in client.get(home()).content.decode()
    assert profile_url not in client.get(home("?q=python")).content.decode()
    assert profile_url not in client.get(reverse("pool:posting", args=[posting_a.pk])).content.decode()
    assert client.get(profile_url).status_code == 404


def test_the_profile_shows_what_the_candidate_shares_and_hides_contact(client, recruiter_a, unit_a, ann, agents):
    other_unit_posting = PostingFactory(category=category("Product Manager"))
    past_application(ann, other_unit_posting, reached=S.INTERVIEW, reason=RejectionReasonFactory())
    Review.objects.create(
        application=Application.objects.get(candidate=ann),
        reviewer=UnitMembershipFactory(unit=other_unit_posting.unit).user,
        scores={"skills": 2},
        score=2.0,
        recommendation=Review.Recommendation.NO,
        notes="Weak on product sense.",
    )
    client.force_login(recruiter_a)
    page = client.get(reverse("pool:profile", args=[ann.pool_entry.pk])).content.decode()
    assert "Zhejiang University" in page
    assert "Built agents in Python." in page
    assert "Interview" in page and "(at another unit)" in page
    assert other_unit_posting.unit.name not in page
    assert "Weak on product sense." not in page
    assert "ann@example.com" not in page
    assert "+86 138 0000 0000" not in page


def test_the_contact_shows_once_the_candidate_accepted_an_invitation_of_the_unit(
    client, recruiter_a, recruiter_b, posting_a, ann
):
    Invitation.objects.create(entry=ann.pool_entry, posting=posting_a, recruiter=recruiter_a, state="accepted")
    # Accepting makes an application, which takes her out of the pool: the page is for this unit's recruiter,
    # who may still open the profile while it is visible.
    entry = PoolEntry.objects.get(candidate=ann)
    client.force_login(recruiter_a)
    page = client.get(reverse("pool:profile", args=[entry.pk])).content.decode()
    assert "ann@example.com" in page
    client.force_login(recruiter_b)
    assert "ann@example.com" not in client.get(reverse("pool:profile", args=[entry.pk])).content.decode()
