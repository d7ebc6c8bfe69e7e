"""The research application form: every part validated with a message the candidate understands, nothing saved
on bad input, the publications' rows added without JavaScript."""

import datetime as dt

import pytest
from django.utils import timezone

from applicants.models import Application, CandidateProfile
from star.models import StarApplication
from tests.star.conftest import publications, star_form


def _url(posting):
    return f"/me/star/apply/{posting.pk}/"


@pytest.fixture
def phd_candidate(ready_candidate):
    CandidateProfile.objects.filter(user=ready_candidate).update(degree_level="doctorate")
    return ready_candidate


def _post(client, candidate, posting, data):
    client.force_login(candidate)
    return client.post(_url(posting), data)


def _nothing_saved():
    return not Application.objects.exists() and not StarApplication.objects.exists()


def test_it_saves_the_application_with_its_star_parts(client, phd_candidate, research_posting, models_area):
    response = _post(client, phd_candidate, research_posting, star_form([models_area]))
    star = StarApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/me/applications/{star.application.pk}/"
    assert star.statement == "I study scaling laws.\nNext: data mixtures."
    assert star.advisor_institution == "Tsinghua University"
    publication = star.publications.get()
    assert (publication.venue, publication.year, publication.author_position) == ("NeurIPS", 2025, "first")


def test_the_application_shows_in_the_candidates_area(client, phd_candidate, research_posting, models_area):
    _post(client, phd_candidate, research_posting, star_form([models_area]))
    assert "Star Researcher — pre-training" in client.get("/me/").content.decode()


def test_the_generic_apply_page_sends_a_research_posting_to_the_star_form(client, phd_candidate, research_posting):
    client.force_login(phd_candidate)
    response = client.get(f"/me/apply/{research_posting.pk}/")
    assert response.status_code == 302
    assert response["Location"] == _url(research_posting)


def test_the_form_shows_the_postings_areas_and_accepted_degrees_only(client, phd_candidate, phd_posting, models_area):
    client.force_login(phd_candidate)
    page = client.get(_url(phd_posting)).content.decode()
    assert "AI infrastructure" in page
    assert "Fundamental models" not in page
    assert 'value="doctorate"' in page
    assert 'value="master"' not in page


def test_an_internship_posting_has_no_star_form(client, phd_candidate, unit_a):
    from tests.factories import PostingFactory

    client.force_login(phd_candidate)
    assert client.get(_url(PostingFactory(unit=unit_a))).status_code == 404


def test_a_visitor_is_asked_to_sign_in(client, research_posting):
    response = client.get(_url(research_posting))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_ineligible_candidate_sees_why_and_no_form(client, ready_candidate, phd_posting):
    client.force_login(ready_candidate)
    page = client.get(_url(phd_posting)).content.decode()
    assert "This role accepts Doctorate; your degree level is Master&#x27;s." in page
    assert "Send my application" not in page


def test_a_statement_of_4000_characters_is_accepted_counting_line_breaks_as_one(
    client, phd_candidate, research_posting, models_area
):
    statement = ("x" * 99 + "\r\n") * 39 + "x" * 100  # 100 characters a line once line breaks count as one
    assert len(statement.replace("\r\n", "\n")) == 4000
    _post(client, phd_candidate, research_posting, star_form([models_area], statement=statement))
    assert len(StarApplication.objects.get().statement) == 4000


def test_a_statement_over_4000_characters_is_refused_with_its_length(
    client, phd_candidate, research_posting, models_area
):
    response = _post(client, phd_candidate, research_posting, star_form([models_area], statement="x" * 4001))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Shorten your statement to 4000 characters (it has 4001)." in page
    assert "4001 of 4000 characters" in page
    assert _nothing_saved()


def test_an_empty_statement_is_refused(client, phd_candidate, research_posting, models_area):
    response = _post(client, phd_candidate, research_posting, star_form([models_area], statement="   "))
    assert "Write your research statement." in response.content.decode()
    assert _nothing_saved()


def test_an_area_the_posting_does_not_name_is_refused(
    client, phd_candidate, research_posting, models_area, infra_area
):
    response = _post(client, phd_candidate, research_posting, star_form([models_area, infra_area]))
    assert "Choose research areas of this role only." in response.content.decode()
    assert _nothing_saved()


def test_no_area_is_refused(client, phd_candidate, research_posting):
    response = _post(client, phd_candidate, research_posting, star_form([]))
    assert "Choose at least one research area." in response.content.decode()
    assert _nothing_saved()


def test_an_area_id_past_any_database_key_is_an_unknown_choice(client, phd_candidate, research_posting):
    response = _post(client, phd_candidate, research_posting, star_form([], areas=[str(2**70)]))
    assert response.status_code == 200
    assert _nothing_saved()


def test_a_masters_degree_is_refused_where_the_posting_takes_phd_students_only(
    client, phd_candidate, phd_posting, infra_area
):
    response = _post(client, phd_candidate, phd_posting, star_form([infra_area], expected_degree="master"))
    assert "This role accepts the degrees listed only." in response.content.decode()
    assert _nothing_saved()


def test_an_advisor_is_required(client, phd_candidate, research_posting, models_area):
    response = _post(client, phd_candidate, research_posting, star_form([models_area], advisor_name=" "))
    assert "Name your advisor and their institution." in response.content.decode()
    assert _nothing_saved()


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("1949", "Enter a year from 1950 to"),
        (str(timezone.localdate().year + 2), "Enter a year from 1950 to"),
        ("20x5", "Enter a whole number."),
    ],
)
def test_a_publication_year_out_of_range_is_refused(
    client, phd_candidate, research_posting, models_area, year, message
):
    data = star_form([models_area], **{"publications-0-year": year})
    response = _post(client, phd_candidate, research_posting, data)
    assert message in response.content.decode()
    assert _nothing_saved()


def test_next_years_publication_is_accepted(client, phd_candidate, research_posting, models_area):
    next_year = str(dt.date.today().year + 1)
    _post(client, phd_candidate, research_posting, star_form([models_area], **{"publications-0-year": next_year}))
    assert StarApplication.objects.get().publications.get().year == int(next_year)


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "ftp://papers.example.com/a.pdf", "papers.example.com", "http://"]
)
def test_a_link_that_is_not_http_or_https_is_refused(client, phd_candidate, research_posting, models_area, link):
    response = _post(
        client, phd_candidate, research_posting, star_form([models_area], **{"publications-0-link": link})
    )
    assert "Enter a web address starting with https:// or http://." in response.content.decode()
    assert _nothing_saved()


def test_a_publication_without_a_venue_is_refused(client, phd_candidate, research_posting, models_area):
    response = _post(client, phd_candidate, research_posting, star_form([models_area], **{"publications-0-venue": ""}))
    assert response.status_code == 200
    assert "field--error" in response.content.decode()
    assert _nothing_saved()


def test_twenty_publications_are_accepted(client, phd_candidate, research_posting, models_area):
    _post(client, phd_candidate, research_posting, star_form([models_area], **publications(20)))
    assert StarApplication.objects.get().publications.count() == 20


def test_a_twenty_first_publication_is_refused(client, phd_candidate, research_posting, models_area):
    response = _post(client, phd_candidate, research_posting, star_form([models_area], **publications(21)))
    assert "List at most 20 publications: your strongest ones." in response.content.decode()
    assert _nothing_saved()


def test_a_flood_of_publication_rows_is_refused_without_an_error_page(
    client, phd_candidate, research_posting, models_area
):
    response = _post(client, phd_candidate, research_posting, star_form([models_area], **publications(30)))
    assert response.status_code == 200
    assert _nothing_saved()


def test_empty_and_removed_rows_are_left_out(client, phd_candidate, research_posting, models_area):
    data = star_form([models_area], **publications(3))
    data.update({f"publications-1-{name}": "" for name in ("title", "venue", "year", "link", "author_position")})
    data["publications-2-DELETE"] = "on"
    _post(client, phd_candidate, research_posting, data)
    assert [p.title for p in StarApplication.objects.get().publications.all()] == ["Paper 0"]


def test_no_publication_is_fine(client, phd_candidate, research_posting, models_area):
    data = star_form(
        [models_area], **{"publications-0-title": "", "publications-0-venue": "", "publications-0-year": ""}
    )
    data["publications-0-link"] = data["publications-0-author_position"] = ""
    _post(client, phd_candidate, research_posting, data)
    assert not StarApplication.objects.get().publications.exists()


def test_adding_a_publication_row_keeps_what_was_typed_and_saves_nothing(
    client, phd_candidate, research_posting, models_area
):
    data = star_form([models_area], add_publication="1", advisor_name="")
    response = _post(client, phd_candidate, research_posting, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="publications-TOTAL_FORMS" value="2"' in page
    assert "Data Mixtures Obey Scaling Laws" in page
    assert "Name your advisor" not in page  # not judged yet: nothing was sent
    assert 'name="publications-1-title"' in page
    assert _nothing_saved()


def test_a_second_application_to_the_same_role_is_refused(client, phd_candidate, research_posting, models_area):
    _post(client, phd_candidate, research_posting, star_form([models_area]))
    response = client.post(_url(research_posting), star_form([models_area]))
    assert response.status_code == 200
    assert StarApplication.objects.count() == 1
