"""The committees' pages: who may open them (everyone else gets 404), the ranking with its disagreement, reviews
hidden until one's own, one review per member (editable), and fixed query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from applicants.models import Application
from star.models import StarApplication, StarReview
from star.services import star_review_submit
from tests.factories import ApplicationFactory, CandidateProfileFactory, UserFactory

AREA = "/recruit/star/fundamental-models/"


def _star_application(posting, area, *, name="Wang Yifan", status="submitted"):
    candidate = UserFactory(name=name)
    CandidateProfileFactory(user=candidate)
    application = ApplicationFactory(candidate=candidate, posting=posting, status=status)
    star = StarApplication.objects.create(
        application=application,
        statement="Scaling laws.",
        advisor_name="Prof. Zhang",
        advisor_institution="Tsinghua University",
        expected_degree="doctorate",
    )
    star.areas.set([area])
    return star


def _review(star, reviewer, quality, impact, fit):
    return StarReview.objects.create(
        star_application=star, reviewer=reviewer, research_quality=quality, impact=impact, fit=fit, comment="ok"
    )


@pytest.fixture
def star(research_posting, models_area):
    return _star_application(research_posting, models_area)


def _review_url(star):
    return f"{AREA}{star.pk}/review/"


# --- Access -------------------------------------------------------------------------------


def test_a_visitor_is_asked_to_sign_in(client, star):
    for path in ("/recruit/star/", AREA, _review_url(star)):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("persona", ["ready_candidate", "recruiter_a", "recruiter_b", "infra_member"])
def test_outsiders_get_404_for_the_areas_ranking_and_review(client, star, persona, request):
    """A candidate (even the applicant), the posting's unit recruiter who is not on the committee, another unit's
    recruiter, a member of another area's committee."""
    user = request.getfixturevalue(persona)
    if persona == "ready_candidate":
        Application.objects.filter(pk=star.application.pk).update(candidate=user)
    client.force_login(user)
    assert client.get(AREA).status_code == 404
    assert client.get(_review_url(star)).status_code == 404
    assert (
        client.post(_review_url(star), {"research_quality": 5, "impact": 5, "fit": 5, "comment": "x"}).status_code
        == 404
    )
    assert not StarReview.objects.exists()


def test_outsiders_see_no_area_on_the_committee_home(client, star, recruiter_a):
    client.force_login(recruiter_a)
    page = client.get("/recruit/star/").content.decode()
    assert "You sit on no Star committee." in page
    assert "Fundamental models" not in page


def test_the_recruiters_workspace_shows_no_star_review(client, star, member, recruiter_a):
    _review(star, member, 5, 5, 5)
    StarReview.objects.filter(reviewer=member).update(comment="Outstanding statement, secret words")
    client.force_login(recruiter_a)
    page = client.get(f"/recruit/applications/{star.application.pk}/").content.decode()
    assert "secret words" not in page


def test_a_member_sees_their_areas_and_the_ranking(client, star, member):
    client.force_login(member)
    assert "Fundamental models" in client.get("/recruit/star/").content.decode()
    response = client.get(AREA)
    assert response.status_code == 200
    assert "Wang Yifan" in response.content.decode()


def test_a_member_of_another_area_sees_only_theirs(client, star, infra_member):
    client.force_login(infra_member)
    page = client.get("/recruit/star/").content.decode()
    assert "AI infrastructure" in page
    assert "Fundamental models" not in page


def test_an_admin_reads_every_ranking_but_scores_only_where_a_member(client, star, member, admin_user):
    _review(star, member, 4, 4, 4)
    client.force_login(admin_user)
    page = client.get(AREA).content.decode()
    assert "4.00" in page  # an admin is not asked to review first
    assert client.get(_review_url(star)).status_code == 404


def test_an_application_of_another_area_answers_404_in_this_areas_address(
    client, member, phd_posting, infra_area, models_area
):
    other = _star_application(phd_posting, infra_area)
    client.force_login(member)
    assert client.get(_review_url(other)).status_code == 404


def test_queued_and_withdrawn_applications_are_not_ranked(client, research_posting, models_area, member):
    _star_application(research_posting, models_area, name="Queued Person", status="queued")
    _star_application(research_posting, models_area, name="Withdrawn Person", status="withdrawn")
    client.force_login(member)
    page = client.get(AREA).content.decode()
    assert "Queued Person" not in page and "Withdrawn Person" not in page


# --- Reviews --------------------------------------------------------------------------------


def test_a_member_reviews_and_then_changes_their_review(client, star, member):
    client.force_login(member)
    response = client.post(_review_url(star), {"research_quality": 5, "impact": 4, "fit": 3, "comment": "Strong."})
    assert response.status_code == 302
    client.post(_review_url(star), {"research_quality": 2, "impact": 2, "fit": 2, "comment": "On reflection."})
    review = StarReview.objects.get()
    assert (review.research_quality, review.impact, review.fit, review.comment) == (2, 2, 2, "On reflection.")
    assert 'value="2"' in client.get(_review_url(star)).content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"research_quality": 6, "impact": 4, "fit": 3, "comment": "x"},
        {"research_quality": 0, "impact": 4, "fit": 3, "comment": "x"},
        {"research_quality": "five", "impact": 4, "fit": 3, "comment": "x"},
        {"impact": 4, "fit": 3, "comment": "x"},
        {"research_quality": 5, "impact": 4, "fit": 3, "comment": ""},
    ],
)
def test_a_bad_review_is_refused_with_a_message(client, star, member, data):
    client.force_login(member)
    response = client.post(_review_url(star), data)
    assert response.status_code == 200
    assert "field-error" in response.content.decode()
    assert not StarReview.objects.exists()


def test_the_database_keeps_one_review_per_member(star, member):
    star_review_submit(reviewer=member, star_application=star, research_quality=5, impact=5, fit=5, comment="a")
    star_review_submit(reviewer=member, star_application=star, research_quality=1, impact=1, fit=1, comment="b")
    assert StarReview.objects.get().comment == "b"


def test_a_member_sees_others_scores_only_after_their_own_review(client, star, member, other_member):
    _review(star, other_member, 5, 5, 5)
    client.force_login(member)
    page = client.get(AREA).content.decode()
    assert "Hidden until you review" in page
    assert "5.00" not in page
    _review(star, member, 3, 3, 3)
    page = client.get(AREA).content.decode()
    assert "Hidden until you review" not in page
    assert "4.00" in page


# --- Ranking --------------------------------------------------------------------------------


def test_the_ranking_orders_by_mean_and_flags_disagreement(
    client, research_posting, models_area, member, other_member
):
    calm = _star_application(research_posting, models_area, name="Calm Consensus")
    split = _star_application(research_posting, models_area, name="Split Opinion")
    unread = _star_application(research_posting, models_area, name="Not Read Yet")
    _review(calm, member, 4, 4, 4)
    _review(calm, other_member, 4, 4, 5)  # mean 4.17, spread 0.33
    _review(split, member, 5, 5, 5)
    _review(split, other_member, 3, 3, 3)  # mean 4.00, spread 2
    client.force_login(member)
    page = client.get(AREA).content.decode()
    assert page.index("Calm Consensus") < page.index("Split Opinion") < page.index("Not Read Yet")
    assert "4.17" in page and "0.33" in page
    assert page.count("Reviewers disagree</span>") == 1
    disagreement = page.index("Reviewers disagree</span>")
    assert page.index("Split Opinion") < disagreement < page.index("Not Read Yet")
    assert unread.pk


def test_only_the_areas_committee_counts_in_its_ranking(
    client, research_posting, models_area, infra_area, member, infra_member
):
    """An application naming two areas is scored by each committee; a review by a member of the other area's
    committee does not count in this one's mean."""
    star = _star_application(research_posting, models_area)
    star.areas.add(infra_area)
    _review(star, member, 2, 2, 2)
    _review(star, infra_member, 5, 5, 5)
    client.force_login(member)
    page = client.get(AREA).content.decode()
    assert "2.00" in page and "3.50" not in page


def _queries(client, path) -> int:
    client.get(path)  # the session and caches warmed up
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/recruit/star/", AREA])
def test_the_committee_pages_cost_the_same_queries_whatever_their_size(
    client, research_posting, models_area, member, other_member, path
):
    client.force_login(member)
    star = _star_application(research_posting, models_area, name="Person 0")
    _review(star, member, 3, 4, 5)
    one = _queries(client, path)
    for number in range(1, 9):
        star = _star_application(research_posting, models_area, name=f"Person {number}")
        _review(star, member, 3, 4, 5)
        _review(star, other_member, 2, 4, 5)
    assert _queries(client, path) == one
    assert one <= 10
