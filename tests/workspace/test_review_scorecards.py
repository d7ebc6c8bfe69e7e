"""Scorecards and reviews: what is scored, the form's errors, the average kept on the application, and who sees
whose reviews (a reviewer sees the others' only after submitting their own; admins see all)."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from applicants.models import Application, Review
from applicants.reviews import (
    DEFAULT_COMPETENCIES,
    Line,
    clean_scores,
    review_score,
    scorecard_for,
    sees_other_reviews,
    summarize,
)
from applicants.services import review_submit
from postings.models import Competency, UnitMembership
from tests.factories import PostingFactory, UnitMembershipFactory
from tests.workspace.test_review_page import applicant, page_queries

pytestmark = pytest.mark.django_db

DEFAULT_KEYS = [key for key, _label in DEFAULT_COMPETENCIES]
GOOD = {"skills": 3, "problem_solving": 4, "communication": 2, "motivation": 3}


def form_data(scores=GOOD, recommendation="yes", notes="Solid.") -> dict:
    return {
        **{f"score_{key}": value for key, value in scores.items()},
        "recommendation": recommendation,
        "notes": notes,
    }


def review_url(application) -> str:
    return reverse("workspace:application_review", args=[application.pk])


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def posting(unit_a):
    return PostingFactory(unit=unit_a, title="Agent Engineer Intern")


@pytest.fixture
def application(posting):
    return applicant(posting)


@pytest.fixture
def hiring_manager(unit_a):
    return UnitMembershipFactory(
        unit=unit_a, role=UnitMembership.Role.HIRING_MANAGER, user__name="Hana Manager", user__email="hana@example.com"
    ).user


# --- The rules ------------------------------------------------------------------------


def test_a_posting_without_competencies_uses_the_default_scorecard(posting):
    assert [line.key for line in scorecard_for(posting)] == DEFAULT_KEYS


def test_a_postings_own_competencies_make_its_scorecard_in_order(posting):
    second = Competency.objects.create(posting=posting, name="Agent design", position=2)
    first = Competency.objects.create(posting=posting, name="Retrieval", name_zh_hans="检索", position=1)
    lines = scorecard_for(posting)
    assert [line.label for line in lines] == ["Retrieval", "Agent design"]
    assert [line.key for line in lines] == [f"competency-{first.pk}", f"competency-{second.pk}"]


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ({"skills": 3}, "Score every line of the scorecard"),
        ({**GOOD, "charm": 4}, "scorecard of this role changed"),
        ({**GOOD, "skills": 5}, "from 1 to 4"),
        ({**GOOD, "skills": 0}, "from 1 to 4"),
        ({**GOOD, "skills": "abc"}, "from 1 to 4"),
        ({**GOOD, "skills": 2.5}, "from 1 to 4"),
        ({**GOOD, "skills": True}, "from 1 to 4"),
        ({**GOOD, "skills": None}, "from 1 to 4"),
        ("not a mapping", "Score every line"),
    ],
)
def test_scores_outside_the_scorecard_or_1_to_4_are_refused(scores, message):
    lines = [Line(key, label) for key, label in DEFAULT_COMPETENCIES]
    with pytest.raises(ValidationError) as refusal:
        clean_scores(lines, scores)
    assert any(message in text for text in refusal.value.messages)


def test_scores_sent_as_text_are_read_as_numbers():
    lines = [Line(key, label) for key, label in DEFAULT_COMPETENCIES]
    assert clean_scores(lines, {key: str(value) for key, value in GOOD.items()}) == GOOD


def test_a_reviews_score_is_the_mean_of_its_lines():
    assert review_score(GOOD) == 3.0
    assert review_score({"a": 1, "b": 2, "c": 2}) == 1.67


def test_the_visibility_rule():
    assert not sees_other_reviews(has_reviewed=False, is_admin=False)
    assert sees_other_reviews(has_reviewed=True, is_admin=False)
    assert sees_other_reviews(has_reviewed=False, is_admin=True)


def test_the_summary_gives_average_spread_and_each_lines_mean():
    lines = [Line("a", "A"), Line("b", "B"), Line("new", "New")]
    reviews = [Review(scores={"a": 4, "b": 2}, score=3.0), Review(scores={"a": 2, "b": 2}, score=2.0)]
    summary = summarize(reviews, lines)
    assert (summary.count, summary.average, summary.lowest, summary.highest) == (2, 2.5, 2.0, 3.0)
    assert summary.deviation == 0.5
    assert [average for _line, average in summary.by_line] == [3.0, 2.0, None]
    assert summarize([], lines).average is None


# --- The service ------------------------------------------------------------------------


def test_submitting_keeps_the_applications_average_and_count(application, recruiter_a, hiring_manager):
    review_submit(application=application, reviewer=recruiter_a, scores=GOOD, recommendation="yes")
    review_submit(
        application=application,
        reviewer=hiring_manager,
        scores=dict.fromkeys(DEFAULT_KEYS, 2),
        recommendation="no",
    )
    application.refresh_from_db()
    assert (application.average_score, application.review_count) == (2.5, 2)


def test_submitting_again_edits_the_reviewers_own_review(application, recruiter_a):
    review_submit(application=application, reviewer=recruiter_a, scores=GOOD, recommendation="yes", notes="First")
    review_submit(
        application=application,
        reviewer=recruiter_a,
        scores=dict.fromkeys(DEFAULT_KEYS, 4),
        recommendation="strong_yes",
        notes="Second",
    )
    review = Review.objects.get()
    assert (review.score, review.recommendation, review.notes) == (4.0, "strong_yes", "Second")
    application.refresh_from_db()
    assert (application.average_score, application.review_count) == (4.0, 1)


def test_a_bad_review_changes_nothing(application, recruiter_a):
    with pytest.raises(ValidationError):
        review_submit(application=application, reviewer=recruiter_a, scores={"skills": 9}, recommendation="yes")
    with pytest.raises(ValidationError):
        review_submit(application=application, reviewer=recruiter_a, scores=GOOD, recommendation="maybe")
    assert not Review.objects.exists()
    application.refresh_from_db()
    assert (application.average_score, application.review_count) == (None, 0)


# --- The review page ----------------------------------------------------------------------


def test_the_form_has_a_labelled_radio_group_per_competency(client, recruiter_a, application):
    client.force_login(recruiter_a)
    html = client.get(review_url(application)).text
    for _key, label in DEFAULT_COMPETENCIES:
        assert f"<legend>{label}</legend>" in html
    assert "1 · Below the bar" in html and "4 · Exceptional" in html
    assert "<legend>Recommendation</legend>" in html
    assert html.count('type="radio" name="score_skills"') == 4


def test_a_review_is_submitted_and_the_reviewer_goes_back_to_the_application(client, recruiter_a, application):
    client.force_login(recruiter_a)
    response = client.post(review_url(application), form_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:application_detail", args=[application.pk]) + "#reviews"
    review = Review.objects.get()
    assert (review.reviewer, review.scores, review.notes) == (recruiter_a, GOOD, "Solid.")


def test_the_form_shows_the_reviewers_own_review_to_edit(client, recruiter_a, application):
    review_submit(application=application, reviewer=recruiter_a, scores=GOOD, recommendation="no", notes="Hmm")
    client.force_login(recruiter_a)
    response = client.get(review_url(application))
    assert response.context["form"].initial["score_problem_solving"] == 4
    assert re.search(r'value="no"[^>]*checked', response.text)
    assert "Save your review" in response.text
    client.post(review_url(application), form_data(notes="Changed my mind"))
    assert Review.objects.get().notes == "Changed my mind"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (form_data(scores={**GOOD, "skills": 5}), "Score “Skills for the role” from 1 to 4."),
        (form_data(scores={**GOOD, "skills": "x"}), "Score “Skills for the role” from 1 to 4."),
        (form_data(scores={k: v for k, v in GOOD.items() if k != "motivation"}), "Score “Motivation”."),
        (form_data(scores={**GOOD, "charm": 4}), "The scorecard of this role changed while you were scoring"),
        (form_data(recommendation="maybe"), "Select a valid choice"),
        (form_data(recommendation=""), "Choose a recommendation."),
        (form_data(notes="x" * 6000), "at most 5000 characters"),
    ],
)
def test_a_bad_form_says_why_and_saves_nothing(client, recruiter_a, application, data, error):
    client.force_login(recruiter_a)
    response = client.post(review_url(application), data)
    assert response.status_code == 200
    assert error in response.text
    assert not Review.objects.exists()


def test_a_competency_added_after_a_review_shows_as_not_scored(client, recruiter_a, posting):
    application = applicant(posting)
    Competency.objects.create(posting=posting, name="Retrieval")
    first = scorecard_for(posting)[0]
    review_submit(application=application, reviewer=recruiter_a, scores={first.key: 3}, recommendation="yes")
    Competency.objects.create(posting=posting, name="Agent design", position=5)
    client.force_login(recruiter_a)
    html = client.get(reverse("workspace:application_detail", args=[application.pk])).text
    assert "Agent design" in html and "—" in html


# --- Who sees whose reviews ---------------------------------------------------------------------


@pytest.fixture
def reviewed(application, hiring_manager):
    """Hana (a hiring manager of unit A) has reviewed, with notes; Rita has not."""
    review_submit(
        application=application,
        reviewer=hiring_manager,
        scores=dict.fromkeys(DEFAULT_KEYS, 2),
        recommendation="strong_no",
        notes="Hana's secret <script>x</script>",
    )
    return application


@pytest.mark.parametrize("page", ["application_detail", "application_review"])
def test_before_their_own_review_a_reviewer_sees_only_how_many_reviews_exist(client, recruiter_a, reviewed, page):
    client.force_login(recruiter_a)
    html = client.get(reverse(f"workspace:{page}", args=[reviewed.pk])).text
    assert "There is 1 review. You see the reviews once you have submitted your own" in html
    for hidden in ("Hana&#x27;s secret", "recommendation--strong_no", "Hana Manager", "Average"):
        assert hidden not in html, hidden
    # Who has not reviewed yet is no secret.
    assert "Not reviewed yet" in html and "Rita Recruiter" in html


@pytest.mark.parametrize("page", ["application_detail", "application_review"])
def test_after_their_own_review_a_reviewer_sees_everyones(client, recruiter_a, reviewed, page):
    review_submit(application=reviewed, reviewer=recruiter_a, scores=GOOD, recommendation="yes")
    client.force_login(recruiter_a)
    html = client.get(reverse(f"workspace:{page}", args=[reviewed.pk])).text
    assert "Hana&#x27;s secret &lt;script&gt;x&lt;/script&gt;" in html
    assert "recommendation--strong_no" in html and "Hana Manager" in html
    # The average (3 and 2), the spread and the count.
    assert "2.5" in html and "2–3" in html
    assert "Every recruiter and hiring manager of the unit has reviewed it." in html


def test_an_admin_sees_every_review_without_reviewing(client, admin_user, reviewed):
    client.force_login(admin_user)
    html = client.get(reverse("workspace:application_detail", args=[reviewed.pk])).text
    assert "Hana&#x27;s secret" in html and "recommendation--strong_no" in html


def test_the_not_reviewed_list_names_the_units_reviewers_only(client, recruiter_a, reviewed, unit_a, unit_b):
    UnitMembershipFactory(unit=unit_a, role=UnitMembership.Role.VIEWER, user__name="Vic Viewer")
    UnitMembershipFactory(unit=unit_b, user__name="Bo Elsewhere")
    client.force_login(recruiter_a)
    not_reviewed = client.get(review_url(reviewed)).context["not_reviewed"]
    assert [person.name for person in not_reviewed] == ["Rita Recruiter"]


def test_a_reviewer_of_another_unit_cannot_review(client, recruiter_b, application):
    client.force_login(recruiter_b)
    assert client.get(review_url(application)).status_code == 404
    assert client.post(review_url(application), form_data()).status_code == 404
    assert not Review.objects.exists()


def test_the_review_page_runs_the_same_queries_for_one_review_or_ten(client, recruiter_a, application, unit_a):
    client.force_login(recruiter_a)
    review_submit(application=application, reviewer=recruiter_a, scores=GOOD, recommendation="yes")
    one = page_queries(client, review_url(application))
    for n in range(9):
        reviewer = UnitMembershipFactory(unit=unit_a).user
        review_submit(application=application, reviewer=reviewer, scores=GOOD, recommendation="no", notes=f"n{n}")
    assert page_queries(client, review_url(application)) == one
    assert Application.objects.get(pk=application.pk).review_count == 10


def test_reviews_may_be_written_while_blind_and_name_nobody(client, recruiter_a, unit_a):
    application = applicant(PostingFactory(unit=unit_a, blind_screening=True), name="Bea Blind")
    client.force_login(recruiter_a)
    html = client.get(review_url(application)).text
    assert "Bea Blind" not in html
    assert f"Review of Applicant {application.pk}" in html
    assert client.post(review_url(application), form_data()).status_code == 302
