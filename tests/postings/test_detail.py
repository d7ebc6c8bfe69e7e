import datetime as dt
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from postings.models import Posting
from tests.factories import LocationFactory, PostingFactory, ProgramFactory, RoleCategoryFactory, SkillFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def posting(unit_a):
    return PostingFactory(
        title="Agent Infrastructure Intern",
        unit=unit_a,
        category=RoleCategoryFactory(name="Agent Infrastructure Engineer"),
        requirements="- Go or Rust\n- Kubernetes basics",
        degree_levels=["master", "doctorate"],
        headcount=3,
        locations=[
            LocationFactory(name="Hangzhou"),
            LocationFactory(name="Singapore", country="Singapore", country_code="SG", in_mainland_china=False),
        ],
        skills=[SkillFactory(name="Kubernetes"), SkillFactory(name="Go")],
        closes_at=timezone.now() + dt.timedelta(days=20),
    )


def structured_data(response):
    # A data block, not a script: CSP does not apply, so it carries no nonce and the page can be shared.
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.text, re.S)
    return json.loads(match.group(1))


def test_the_posting_page_shows_the_role_and_who_may_apply(client, posting):
    response = client.get(f"/jobs/{posting.pk}/")
    assert response.status_code == 200
    text = response.text
    for expected in (
        "Agent Infrastructure Intern",
        "Alibaba Cloud",
        "Hangzhou",
        "Singapore",
        "Kubernetes basics",
        "Who may apply",
        "1 November 2026",
        "30 October 2027",
        "Master&#x27;s, Doctorate",
        "cross-border consent asked",
    ):
        assert expected in text, expected


def test_a_visitor_is_invited_to_sign_in_to_apply_and_comes_back(client, posting):
    response = client.get(f"/jobs/{posting.pk}/")
    assert f'href="/accounts/login/?next=/me/apply/{posting.pk}/"' in response.text


def test_the_page_carries_schema_org_job_posting_data(client, posting):
    data = structured_data(client.get(f"/jobs/{posting.pk}/"))
    assert data["@type"] == "JobPosting"
    assert data["title"] == "Agent Infrastructure Intern"
    assert data["hiringOrganization"]["name"] == "Alibaba Cloud"
    assert data["employmentType"] == "INTERN"
    assert data["validThrough"] == posting.closes_at.isoformat()
    assert {place["address"]["addressCountry"] for place in data["jobLocation"]} == {"CN", "SG"}
    assert data["totalJobOpenings"] == 3


def test_script_breaking_text_in_a_posting_cannot_escape_the_json_ld(client, posting):
    posting.title = "</script><script>alert(1)</script>"
    posting.save()
    response = client.get(f"/jobs/{posting.pk}/")
    assert "<script>alert(1)</script>" not in response.text
    assert structured_data(response)["title"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize(
    ("change", "page_says"),
    [
        ({"status": Posting.Status.DRAFT, "published_at": None}, "could not find that page"),
        ({"status": Posting.Status.CLOSED}, "This role has closed"),
    ],
)
def test_draft_and_closed_postings_answer_404_to_the_public(client, posting, change, page_says):
    Posting.objects.filter(pk=posting.pk).update(**change)
    response = client.get(f"/jobs/{posting.pk}/")
    assert response.status_code == 404
    assert page_says in response.text


def test_a_posting_past_its_closing_date_answers_404(client, posting):
    Posting.objects.filter(pk=posting.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    assert client.get(f"/jobs/{posting.pk}/").status_code == 404


def test_a_posting_of_a_closed_program_answers_404(client, posting):
    program = posting.program
    program.applications_open = timezone.now() - dt.timedelta(days=300)
    program.applications_close = timezone.now() - dt.timedelta(days=1)
    program.save()
    assert client.get(f"/jobs/{posting.pk}/").status_code == 404


def test_an_unknown_posting_answers_404(client, db):
    assert client.get("/jobs/999999/").status_code == 404
    assert client.get("/jobs/abc/").status_code == 404


def test_similar_postings_share_the_category_or_skills(client, posting):
    same_category = PostingFactory(title="Serving Runtime Intern", category=posting.category)
    same_skill = PostingFactory(
        title="Cloud Native Intern",
        category=RoleCategoryFactory(name="Backend Engineer", is_ai=False),
        skills=[posting.skills.get(name="Kubernetes")],
    )
    unrelated = PostingFactory(title="Marketing Intern", category=RoleCategoryFactory(name="Marketing", is_ai=False))
    similar = list(client.get(f"/jobs/{posting.pk}/").context["similar"])
    assert set(similar) == {same_category, same_skill}
    assert unrelated not in similar


def _detail_queries(client, pk):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/jobs/{pk}/").status_code == 200
    return len(queries)


def test_the_posting_page_runs_a_fixed_number_of_queries(client, posting):
    PostingFactory.create_batch(10, category=posting.category, skills=list(posting.skills.all()))
    with_10 = _detail_queries(client, posting.pk)
    assert _detail_queries(client, posting.pk) == 1, "cached: the catalogue version only"
    PostingFactory.create_batch(190, category=posting.category, skills=list(posting.skills.all()))
    assert _detail_queries(client, posting.pk) == with_10
    # The version, the posting with its cities and skills, similar roles with
    # theirs, the next time-driven change (3).
    assert with_10 <= 10
    assert _detail_queries(client, posting.pk) == 1


def test_a_signed_in_user_gets_the_apply_button(client, posting, ready_candidate):
    client.force_login(ready_candidate)
    response = client.get(f"/jobs/{posting.pk}/")
    assert "Sign in to apply" not in response.text
    assert f'href="/me/apply/{posting.pk}/"' in response.text


def test_the_sitemap_lists_public_postings_only(client, posting):
    draft = PostingFactory(status=Posting.Status.DRAFT, published_at=None)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert f"/jobs/{posting.pk}/</loc>" in response.text
    assert f"/jobs/{draft.pk}/</loc>" not in response.text
    assert "/sessions/</loc>" in response.text


def test_a_posting_of_the_star_program_shows_its_program(client):
    star = ProgramFactory(name="Star Program 2027", slug="2027-star")
    posting = PostingFactory(program=star)
    assert "Star Program 2027" in client.get(f"/jobs/{posting.pk}/").text


def test_similar_roles_sharing_more_skills_come_first(client, posting):
    kubernetes, go = posting.skills.get(name="Kubernetes"), posting.skills.get(name="Go")
    other = RoleCategoryFactory(name="Backend Engineer", is_ai=False)
    one = PostingFactory(title="One Shared Skill Intern", category=other, skills=[go])
    two = PostingFactory(title="Two Shared Skills Intern", category=other, skills=[kubernetes, go])
    PostingFactory.create_batch(3, category=posting.category)
    similar = client.get(f"/jobs/{posting.pk}/").context["similar"]
    assert similar[:2] == [two, one]
    assert len(similar) == 4
