"""A posting's pipeline board: a column per stage, cards with what a reviewer needs, blind screening, scope."""

import re

import pytest
from django.db.models import F
from django.urls import reverse

from applicants.models import Application, PipelineVersion
from applicants.workspace import pipeline
from postings.models import UnitMembership
from tests.factories import PostingFactory, UnitMembershipFactory, UserFactory
from tests.workspace.pipeline_data import applicant, without_tokens

pytestmark = pytest.mark.django_db

S = Application.Status


@pytest.fixture
def posting(unit_a):
    return PostingFactory(unit=unit_a, title="Agent Engineer Intern", title_zh_hans="智能体工程师实习生")


def board(client, posting):
    return client.get(reverse("workspace:posting_board", args=[posting.pk]))


def column(html, stage) -> str:
    """The markup of one column's cards."""
    match = re.search(rf'data-drop-stage="{stage}".*?data-cards="{stage}">(.*?)</ol>', html, re.S)
    assert match, f"no column {stage}"
    return match[1]


def test_it_shows_a_column_per_stage_and_each_card_in_its_own(client, recruiter_a, posting):
    applicant(posting, name="Mei Chen", status=S.SCREENING)
    applicant(posting, name="Omar Haddad", status=S.INTERVIEW)
    client.force_login(recruiter_a)
    html = board(client, posting).content.decode()
    for stage in ("submitted", "screening", "assessment", "interview", "offer", "hired"):
        assert f'id="column-{stage}"' in html
    assert "Mei Chen" in column(html, "screening")
    assert "Omar Haddad" in column(html, "interview")
    assert "Mei Chen" not in column(html, "interview")


def test_a_card_shows_school_degree_graduation_preference_source_days_and_score(client, recruiter_a, posting):
    applicant(
        posting,
        name="Mei Chen",
        status=S.SCREENING,
        school="Tsinghua University",
        degree="doctorate",
        rank=2,
        source=Application.Source.TALENT_POOL,
        days=4,
        score=3.25,
    )
    applicant(posting, name="Omar Haddad", status=S.SCREENING)
    client.force_login(recruiter_a)
    card = column(board(client, posting).content.decode(), "screening")
    assert "Tsinghua University" in card
    assert "Doctorate" in card
    assert "June 2027" in card
    assert "<dd>2</dd>" in card
    assert "Invited from the talent pool" in card
    assert "4 days" in card
    assert "3.2 of 4 (1 review)" in card or "3.3 of 4 (1 review)" in card
    assert "Not reviewed" in card


def test_queued_applications_never_appear(client, recruiter_a, posting):
    applicant(posting, name="Waiting Wang", status=S.QUEUED)
    client.force_login(recruiter_a)
    html = board(client, posting).content.decode()
    assert "Waiting Wang" not in html
    assert 'data-drop-stage="queued"' not in html


def test_blind_screening_hides_name_and_school_until_screening_is_passed(client, recruiter_a, unit_a):
    posting = PostingFactory(unit=unit_a, blind_screening=True)
    hidden = applicant(posting, name="Mei Chen", status=S.SCREENING, school="Peking University")
    applicant(posting, name="Omar Haddad", status=S.ASSESSMENT, school="Fudan University")
    client.force_login(recruiter_a)
    html = board(client, posting).content.decode()
    assert "Mei Chen" not in html
    assert "Peking University" not in html
    assert f"Applicant {hidden.pk}" in column(html, "screening")
    assert "Omar Haddad" in column(html, "assessment")
    assert "Fudan University" in column(html, "assessment")


def test_each_card_offers_only_the_moves_a_recruiter_may_make_from_its_stage(client, recruiter_a, posting):
    submitted = applicant(posting, status=S.SUBMITTED)
    screening = applicant(posting, status=S.SCREENING)
    hired = applicant(posting, status=S.HIRED)
    client.force_login(recruiter_a)
    html = board(client, posting).content.decode()

    def options(application):
        select = re.search(rf'<select id="move-{application.pk}".*?</select>', html, re.S)
        return re.findall(r'<option value="(\w+)"', select[0]) if select else []

    assert options(submitted) == ["screening", "rejected"]
    assert options(screening) == ["assessment", "interview", "rejected"]
    assert options(hired) == []
    assert 'data-ended="This application has already ended (hired)."' in html


def test_ended_applications_are_counted_in_the_ended_column_with_links_to_them_in_the_list(
    client, recruiter_a, posting
):
    applicant(posting, name="Rejected Ren", status=S.REJECTED)
    applicant(posting, name="Withdrawn Wu", status=S.WITHDRAWN)
    client.force_login(recruiter_a)
    html = board(client, posting).content.decode()
    assert "Rejected Ren" not in html and "Withdrawn Wu" not in html
    assert re.search(r'id="count-rejected">1<span class="visually-hidden"> application</span>', html)
    assert re.search(r'id="count-declined">0<span class="visually-hidden"> applications</span>', html)
    assert f'href="/recruit/units/alibaba-cloud/applicants/?posting={posting.pk}&amp;stage=withdrawn"' in html
    # A card dropped on "Not selected" asks for the reason.
    assert 'data-drop-stage="rejected"' in html


def test_a_long_column_shows_the_longest_waiting_first_and_links_to_the_rest(
    client, recruiter_a, posting, monkeypatch
):
    monkeypatch.setattr(pipeline, "BOARD_CARDS_PER_STAGE", 2)
    for days, name in ((1, "Newest Ng"), (9, "Oldest Ou"), (5, "Middle Ma")):
        applicant(posting, name=name, status=S.SCREENING, days=days)
    client.force_login(recruiter_a)
    html = board(client, posting).content.decode()
    cards = column(html, "screening")
    assert cards.index("Oldest Ou") < cards.index("Middle Ma")
    assert "Newest Ng" not in cards
    assert "see all 3 in the list" in html
    assert f"?posting={posting.pk}&amp;stage=screening&amp;sort=-days" in html


def test_the_board_of_a_posting_without_applicants_says_each_column_is_empty(client, recruiter_a, posting):
    client.force_login(recruiter_a)
    response = board(client, posting)
    assert response.status_code == 200
    assert "No one in this stage." in response.content.decode()


def test_names_typed_in_latin_letters_are_marked_english_on_chinese_pages(client, recruiter_a, posting):
    applicant(posting, name="Mei Chen", school="浙江大学", status=S.SCREENING)
    recruiter_a.language = "zh-hans"
    recruiter_a.save()
    client.force_login(recruiter_a)
    html = board(client, posting).content.decode()
    assert '<span lang="en">Mei Chen</span>' in html
    assert "<dd>浙江大学</dd>" in html


@pytest.mark.parametrize("count", [5, 60])
def test_the_board_runs_the_same_queries_whatever_the_number_of_applications(
    client, recruiter_a, posting, count, django_assert_num_queries
):
    stages = [S.SUBMITTED, S.SCREENING, S.INTERVIEW, S.REJECTED, S.HIRED]
    for index in range(count):
        applicant(posting, status=stages[index % len(stages)], score=3.0 if index % 2 else None)
    client.force_login(recruiter_a)
    board(client, posting)  # the session's first request stores the unit worked in
    PipelineVersion.objects.filter(unit_id=posting.unit_id).update(token=F("token") + 1)  # the page computed again
    with django_assert_num_queries(QUERIES):
        response = board(client, posting)
    assert response.status_code == 200
    with django_assert_num_queries(CACHED_QUERIES):
        assert without_tokens(board(client, posting).content) == without_tokens(response.content)


# Session, user, membership, posting, the unit's pipeline version, the stages' counts, the cards, the units to
# switch between (the session is saved only when the unit worked in changes).
QUERIES = 8
# Kept in the cache: session, user, membership, posting, pipeline version.
CACHED_QUERIES = 5


# --- Who may open it ---------------------------------------------------------------------------------------------


def test_a_recruiter_of_another_unit_gets_404(client, recruiter_b, posting):
    applicant(posting)
    client.force_login(recruiter_b)
    assert board(client, posting).status_code == 404


def test_a_candidate_gets_404_and_a_visitor_the_sign_in_page(client, candidate, posting):
    response = board(client, posting)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(candidate)
    assert board(client, posting).status_code == 404


def test_an_admin_sees_any_units_board(client, admin_user, posting):
    applicant(posting, name="Mei Chen")
    client.force_login(admin_user)
    response = board(client, posting)
    assert response.status_code == 200
    assert "Mei Chen" in response.content.decode()


def test_a_viewer_sees_the_board_but_no_application(client, unit_a, posting):
    applicant(posting, name="Mei Chen")
    viewer = UnitMembershipFactory(unit=unit_a, role=UnitMembership.Role.VIEWER, user=UserFactory()).user
    client.force_login(viewer)
    response = board(client, posting)
    assert response.status_code == 200
    assert "Mei Chen" not in response.content.decode()


def test_an_unknown_posting_is_404(client, recruiter_a):
    client.force_login(recruiter_a)
    assert client.get(reverse("workspace:posting_board", args=[987654])).status_code == 404


def test_the_board_loads_its_script_from_this_site_and_has_no_inline_script(client, recruiter_a, posting):
    client.force_login(recruiter_a)
    html = board(client, posting).content.decode()
    assert '<script src="/static/js/workspace/pipeline.js" defer></script>' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert " style=" not in html


def test_each_card_form_returns_to_this_board_after_a_move(client, recruiter_a, posting):
    applicant(posting, status=S.SCREENING)
    client.force_login(recruiter_a)
    path = reverse("workspace:posting_board", args=[posting.pk])
    html = board(client, posting).content.decode()
    assert f'<input type="hidden" name="next" value="{path}">' in html
