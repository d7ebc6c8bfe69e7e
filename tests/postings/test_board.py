import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from postings.models import Posting
from tests.factories import (
    BusinessUnitFactory,
    LocationFactory,
    PostingFactory,
    ProgramFactory,
    RoleCategoryFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(unit_a, unit_b):
    """Four public postings across two units, two categories and three cities."""
    ai = RoleCategoryFactory(name="Machine Learning Research", is_ai=True)
    backend = RoleCategoryFactory(name="Backend Development", is_ai=False)
    hangzhou = LocationFactory(name="Hangzhou")
    beijing = LocationFactory(name="Beijing")
    singapore = LocationFactory(name="Singapore", country="Singapore", country_code="SG", in_mainland_china=False)
    pytorch = SkillFactory(name="PyTorch")
    return {
        "agent": PostingFactory(
            title="Agent Evaluation Intern",
            unit=unit_a,
            category=ai,
            locations=[hangzhou, singapore],
            skills=[pytorch],
            description="Evaluate tool-use agents. 负责大模型智能体的评测。",
        ),
        "infra": PostingFactory(title="Training Infrastructure Intern", unit=unit_a, category=ai, locations=[beijing]),
        "maps": PostingFactory(
            title="Routing Engineers Intern",
            unit=unit_b,
            category=ai,
            locations=[hangzhou],
            description="Improve ETA by 100% on 50_000 routes.",
        ),
        "backend": PostingFactory(title="Payments Backend Intern", unit=unit_b, category=backend, locations=[beijing]),
    }


def titles(response):
    return [posting.title for posting in response.context["page"].object_list]


def test_visitor_sees_every_public_posting_newest_first(client, catalogue):
    response = client.get("/jobs/")
    assert response.status_code == 200
    assert sorted(titles(response)) == sorted(p.title for p in catalogue.values())
    assert "4 open roles" in response.text


def test_drafts_closed_and_expired_postings_stay_off_the_board(client, catalogue):
    PostingFactory(title="Secret Draft", status=Posting.Status.DRAFT, published_at=None)
    PostingFactory(title="Closed Role", status=Posting.Status.CLOSED)
    expired = PostingFactory(title="Expired Role")
    Posting.objects.filter(pk=expired.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.get("/jobs/")
    for hidden in ("Secret Draft", "Closed Role", "Expired Role"):
        assert hidden not in response.text


def test_postings_of_a_program_not_yet_open_stay_off_the_board(client):
    future = ProgramFactory(
        slug="2028-internship",
        applications_open=timezone.now() + dt.timedelta(days=1),
        applications_close=timezone.now() + dt.timedelta(days=100),
    )
    PostingFactory(title="Next Year Role", program=future)
    assert "Next Year Role" not in client.get("/jobs/").text


def test_filters_by_unit(client, catalogue, unit_b):
    assert sorted(titles(client.get(f"/jobs/?unit={unit_b.slug}"))) == [
        "Payments Backend Intern",
        "Routing Engineers Intern",
    ]


def test_filters_by_several_units_at_once(client, catalogue, unit_a, unit_b):
    assert len(titles(client.get(f"/jobs/?unit={unit_a.slug}&unit={unit_b.slug}"))) == 4


def test_filters_by_category_location_and_ai_combined(client, catalogue):
    assert sorted(titles(client.get("/jobs/?ai=1&location=hangzhou"))) == [
        "Agent Evaluation Intern",
        "Routing Engineers Intern",
    ]
    assert titles(client.get("/jobs/?category=backend-development&location=beijing")) == ["Payments Backend Intern"]
    assert titles(client.get("/jobs/?category=backend-development&ai=1")) == []


def test_a_posting_in_two_matching_cities_is_listed_once(client, catalogue):
    response = client.get("/jobs/?location=hangzhou&location=singapore")
    assert titles(response).count("Agent Evaluation Intern") == 1
    assert response.context["page"].paginator.count == 2


def test_filters_by_program(client, catalogue):
    star = ProgramFactory(name="Star Program 2027", slug="2027-star")
    PostingFactory(title="Foundation Model Researcher", program=star)
    assert titles(client.get("/jobs/?program=2027-star")) == ["Foundation Model Researcher"]
    assert len(titles(client.get("/jobs/?program=2027-internship"))) == 4


def test_counts_per_filter_value_apply_the_other_filters(client, catalogue, unit_a, unit_b):
    response = client.get(f"/jobs/?unit={unit_a.slug}")
    facets = {facet.name: {o.slug: o.count for o in facet.options} for facet in response.context["facets"]}
    # Unit counts ignore the unit filter itself, so other units stay choosable.
    assert facets["unit"] == {unit_a.slug: 2, unit_b.slug: 2}
    assert facets["location"] == {"hangzhou": 1, "beijing": 1, "singapore": 1}
    assert facets["category"] == {"machine-learning-research": 2}
    assert response.context["ai_count"] == 2


def test_search_finds_words_in_title_skills_and_description(client, catalogue):
    assert titles(client.get("/jobs/?q=agent")) == ["Agent Evaluation Intern"]
    assert titles(client.get("/jobs/?q=pytorch")) == ["Agent Evaluation Intern"]
    assert titles(client.get("/jobs/?q=ETA")) == ["Routing Engineers Intern"]
    assert titles(client.get("/jobs/?q=routing+intern")) == ["Routing Engineers Intern"]


def test_search_finds_chinese_substrings(client, catalogue):
    assert titles(client.get("/jobs/?q=大模型")) == ["Agent Evaluation Intern"]
    assert titles(client.get("/jobs/?q=智能体")) == ["Agent Evaluation Intern"]


def test_search_combines_with_filters(client, catalogue, unit_b):
    assert titles(client.get(f"/jobs/?q=intern&unit={unit_b.slug}&ai=1")) == ["Routing Engineers Intern"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming needs PostgreSQL full-text search")
def test_search_matches_word_forms_and_ranks_title_matches_first(client, catalogue):
    # "engineering" and "engineers" share the stem "engin".
    assert titles(client.get("/jobs/?q=engineering")) == ["Routing Engineers Intern"]
    PostingFactory(title="Data Platform Intern", description="Agents everywhere: agent agent agent.")
    assert titles(client.get("/jobs/?q=agents"))[0] == "Data Platform Intern"


def test_percent_and_underscore_are_literal(client, catalogue):
    assert titles(client.get("/jobs/?q=%25")) == ["Routing Engineers Intern"]
    assert titles(client.get("/jobs/?q=50_000")) == ["Routing Engineers Intern"]
    assert titles(client.get("/jobs/?q=_")) == ["Routing Engineers Intern"]


@pytest.mark.parametrize(
    "query",
    [
        "x" * 2000,
        "' OR 1=1 --",
        "'; DROP TABLE postings_posting; --",
        "agent%00",
        "%00",
        "%ED%A0%80agent",
        "%E2%80%8Fagent%E2%80%8E",
        "<script>alert(1)</script>",
        "!!! & | ( ) : *",
    ],
)
def test_odd_search_text_answers_200_and_keeps_the_data(client, catalogue, query):
    response = client.get(f"/jobs/?q={query}")
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert Posting.objects.count() == 4


def test_a_too_long_query_is_refused_with_a_message_and_the_board_shown(client, catalogue):
    response = client.get("/jobs/?q=" + "x" * 2000)
    assert "at most 200 characters" in response.text
    assert len(titles(response)) == 4


def test_a_nul_byte_is_refused_with_a_message(client, catalogue):
    response = client.get("/jobs/?q=age%00nt")
    assert "Null characters are not allowed" in response.text
    assert len(titles(response)) == 4


def test_direction_marks_and_control_characters_are_ignored(client, catalogue):
    assert titles(client.get("/jobs/?q=%E2%80%8Fage%E2%80%8Ent%07")) == ["Agent Evaluation Intern"]


@pytest.mark.parametrize("param", ["unit=nope", "category=nope", "location=atlantis", "program=1999"])
def test_an_unknown_filter_value_is_left_out_with_a_message(client, catalogue, param):
    response = client.get(f"/jobs/?{param}&ai=1")
    assert response.status_code == 200
    assert "that filter was left out" in response.text
    assert len(titles(response)) == 3, "the valid filter still applies"


@pytest.mark.parametrize("page", ["999", "abc", "-1", "0", "1e9"])
def test_an_out_of_range_page_answers_200(client, catalogue, page):
    assert client.get(f"/jobs/?page={page}").status_code == 200


def test_pages_of_twenty(client, settings):
    settings.BOARD_PAGE_SIZE = 20
    program = ProgramFactory()
    PostingFactory.create_batch(25, program=program)
    first = client.get("/jobs/")
    assert len(titles(first)) == 20
    assert "Page 1 of 2" in first.text
    assert 'href="?page=2#results-title"' in first.text, "the next page lands at the top of the results"
    assert len(titles(client.get("/jobs/?page=2"))) == 5


def test_pagination_links_keep_the_filters(client, settings, catalogue):
    settings.BOARD_PAGE_SIZE = 1
    response = client.get("/jobs/?ai=1&location=hangzhou")
    assert 'href="?ai=1&amp;location=hangzhou&amp;page=2#results-title"' in response.text
    assert 'data-hx-get="?ai=1&amp;location=hangzhou&amp;page=2"' in response.text


def test_empty_results_say_what_to_change(client, catalogue):
    response = client.get("/jobs/?q=quantum+basket+weaving")
    assert "No open roles match" in response.text
    assert "Try fewer or shorter keywords" in response.text


def test_htmx_requests_get_the_results_and_the_facets_only(client, catalogue):
    response = client.get("/jobs/?ai=1", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="results"' in response.text
    assert 'hx-swap-oob="true"' in response.text
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client, catalogue):
    response = client.get("/jobs/?ai=1", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in response.text


def test_the_board_works_without_javascript(client, catalogue):
    response = client.get("/jobs/")
    assert 'method="get" action="/jobs/"' in response.text
    assert '<button type="submit" class="button">Search</button>' in response.text


def _board_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# Uncached: the version, the choices, the counts (one query for all facets),
# the page of results and its cities and skills, the next time-driven change (3).
UNCACHED_BOARD_QUERIES = 12


@pytest.mark.parametrize("url", ["/jobs/", "/jobs/?q=intern&ai=1&location=hangzhou&unit=unit-1&degree=master"])
def test_the_board_runs_the_same_number_of_queries_for_10_and_200_postings(client, url):
    program = ProgramFactory()
    units = BusinessUnitFactory.create_batch(3)
    cities = [LocationFactory(name="Hangzhou"), LocationFactory(name="Beijing")]
    skills = SkillFactory.create_batch(3)
    PostingFactory.create_batch(10, program=program, unit=units[0], locations=cities, skills=skills)
    with_10 = _board_queries(client, url)
    PostingFactory.create_batch(190, program=program, unit=units[1], locations=cities, skills=skills)
    assert _board_queries(client, url) == with_10
    assert with_10 <= UNCACHED_BOARD_QUERIES


@pytest.mark.parametrize("url", ["/jobs/", "/jobs/?q=intern&ai=1&location=hangzhou"])
def test_a_cached_board_costs_one_query_with_10_or_200_postings(client, url, django_assert_num_queries):
    PostingFactory.create_batch(10)
    client.get(url)
    with django_assert_num_queries(1):  # the catalogue version
        client.get(url)
    PostingFactory.create_batch(190)
    client.get(url)
    with django_assert_num_queries(1):
        client.get(url)


def test_board_query_count_is_bounded(client, django_assert_max_num_queries):
    PostingFactory.create_batch(30)
    with django_assert_max_num_queries(UNCACHED_BOARD_QUERIES):
        client.get("/jobs/")


def test_search_finds_roles_by_city_name(client, catalogue):
    assert titles(client.get("/jobs/?q=singapore")) == ["Agent Evaluation Intern"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored vector is PostgreSQL's")
def test_the_stored_search_vector_follows_every_kind_of_write(catalogue):
    def document(pk):
        return Posting.objects.values_list("search_document", flat=True).get(pk=pk)

    posting = catalogue["backend"]
    assert "'payment'" in document(posting.pk)
    Posting.objects.filter(pk=posting.pk).update(search_text="Ledger reconciliation")
    assert "'ledger'" in document(posting.pk)
    Posting.objects.bulk_create([Posting(**{**_fields(posting), "search_text": "Quantum annealing"})])
    assert Posting.objects.filter(search_document__isnull=False, search_text="Quantum annealing").exists()


def _fields(posting):
    return {
        field.attname: getattr(posting, field.attname)
        for field in Posting._meta.concrete_fields
        if field.attname not in {"id", "search_document"}
    }


# --- Degree levels, closing dates, "roles I can apply to" ----------------------


def test_cards_show_the_accepted_degree_levels_and_the_closing_date(client, catalogue):
    closes = timezone.now() + dt.timedelta(days=10)
    Posting.objects.filter(pk=catalogue["agent"].pk).update(degree_levels=["master", "doctorate"], closes_at=closes)
    text = client.get("/jobs/?q=agent").text
    assert "Master&#x27;s, Doctorate" in text
    assert f'Apply by <time datetime="{timezone.localtime(closes):%Y-%m-%dT%H:%M:%S%z}">' in text
    assert f"{timezone.localtime(closes):%-d %B %Y}</time>" in text


def test_a_card_without_a_closing_date_shows_when_the_program_closes(client, catalogue):
    close = catalogue["agent"].program.applications_close
    assert f"{timezone.localtime(close):%-d %B %Y}</time>" in client.get("/jobs/?q=agent").text


def test_filters_by_degree_level_with_counts(client, catalogue):
    Posting.objects.filter(pk=catalogue["agent"].pk).update(degree_levels=["doctorate"])
    Posting.objects.filter(pk=catalogue["maps"].pk).update(degree_levels=["master", "doctorate"])
    Posting.objects.filter(pk__in=[catalogue["infra"].pk, catalogue["backend"].pk]).update(degree_levels=["bachelor"])
    doctorate = sorted(titles(client.get("/jobs/?degree=doctorate")))
    assert doctorate == ["Agent Evaluation Intern", "Routing Engineers Intern"]
    assert len(titles(client.get("/jobs/?degree=bachelor&degree=master"))) == 3
    response = client.get("/jobs/?degree=doctorate&ai=1")
    degrees = {facet.name: {o.slug: o.count for o in facet.options} for facet in response.context["facets"]}["degree"]
    # Degree counts ignore the degree filter itself but apply the others (AI only).
    assert degrees == {"bachelor": 1, "master": 1, "doctorate": 2}


def test_an_unknown_degree_level_is_left_out_with_a_message(client, catalogue):
    response = client.get("/jobs/?degree=phd&ai=1")
    assert response.status_code == 200
    assert "There is no degree level “phd”; that filter was left out." in response.text
    assert len(titles(response)) == 3


@pytest.mark.parametrize(
    "query", ["page=abc", "page=999999", "degree=", "open_to=yes", "open_to=1", "ai=maybe&page=-3", "degree=x" * 50]
)
def test_odd_parameters_answer_200(client, catalogue, query):
    assert client.get(f"/jobs/?{query}").status_code == 200


def test_a_visitor_is_not_offered_roles_i_can_apply_to(client, catalogue):
    text = client.get("/jobs/?open_to=1").text
    assert "Roles I can apply to" not in text
    assert "4 open roles" in text, "the filter means nothing without a profile"


def test_a_candidate_without_degree_or_graduation_date_is_told_what_to_add(client, catalogue, candidate):
    client.force_login(candidate)
    text = client.get("/jobs/").text
    assert "Add your degree level and expected graduation date to your profile" in text
    assert 'href="/me/profile/"' in text


def test_roles_i_can_apply_to_follow_the_profile(client, catalogue, ready_candidate):
    # Alice: a master's student graduating on 30 June 2027, inside the 2027 window.
    Posting.objects.filter(pk=catalogue["agent"].pk).update(degree_levels=["doctorate"])
    star = ProgramFactory(
        slug="2028-star", graduation_start=dt.date(2027, 11, 1), graduation_end=dt.date(2028, 10, 30)
    )
    PostingFactory(title="Next Window Intern", program=star)
    client.force_login(ready_candidate)
    response = client.get("/jobs/?open_to=1")
    expected = ["Payments Backend Intern", "Routing Engineers Intern", "Training Infrastructure Intern"]
    assert sorted(titles(response)) == expected
    assert response.context["open_to_count"] == 3
    assert "From your profile: graduating 30 June 2027, Master&#x27;s." in response.text
    assert len(titles(client.get("/jobs/"))) == 5


def test_roles_i_can_apply_to_agrees_with_the_may_apply_rule(catalogue, ready_candidate):
    """The board's filter and the apply page's rule never disagree (no applications held)."""
    from applicants.eligibility import Candidacy, may_apply

    now = timezone.now()
    window_2028 = ProgramFactory(
        slug="2028-internship", graduation_start=dt.date(2027, 11, 1), graduation_end=dt.date(2028, 10, 30)
    )
    edge = ProgramFactory(slug="edge", graduation_start=dt.date(2027, 6, 30), graduation_end=dt.date(2027, 6, 30))
    closed_program = ProgramFactory(
        slug="closed", applications_open=now - dt.timedelta(days=60), applications_close=now - dt.timedelta(days=1)
    )
    PostingFactory(program=window_2028)
    PostingFactory(program=edge)
    PostingFactory(program=edge, degree_levels=["bachelor", "doctorate"])
    PostingFactory(program=closed_program)
    PostingFactory(status=Posting.Status.CLOSED)
    PostingFactory(status=Posting.Status.DRAFT, published_at=None)
    expired = PostingFactory()
    Posting.objects.filter(pk=expired.pk).update(closes_at=now - dt.timedelta(minutes=1))
    Posting.objects.filter(pk=catalogue["agent"].pk).update(degree_levels=["master"])
    Posting.objects.filter(pk=catalogue["infra"].pk).update(degree_levels=["bachelor"])
    profile = ready_candidate.candidate_profile
    for degree_level, graduation_date in [
        ("master", dt.date(2027, 6, 30)),
        ("bachelor", dt.date(2026, 11, 1)),
        ("doctorate", dt.date(2027, 10, 30)),
        ("master", dt.date(2027, 10, 31)),
        ("doctorate", dt.date(2027, 11, 1)),
    ]:
        profile.degree_level, profile.graduation_date = degree_level, graduation_date
        board = set(Posting.objects.open_to(graduation_date=graduation_date, degree_level=degree_level, now=now))
        rule = {
            posting
            for posting in Posting.objects.select_related("program")
            if may_apply(
                candidacy=Candidacy(email_verified=True, profile=profile, has_resume=True), posting=posting, now=now
            ).eligible
        }
        assert board == rule, (degree_level, graduation_date)


# --- Reaching the results ------------------------------------------------------


def test_the_board_has_a_skip_to_results_link_and_a_results_heading(client, catalogue):
    text = client.get("/jobs/").text
    assert '<a class="skip-link" href="#results-title">Skip to results</a>' in text
    assert 'id="results-title"' in text


def test_long_unit_lists_fold_into_details_and_open_when_one_is_ticked(client, catalogue):
    units = BusinessUnitFactory.create_batch(7)
    for unit in units:
        PostingFactory(unit=unit)
    text = client.get("/jobs/").text
    assert '<details class="facet__fold">' in text
    assert '<details class="facet__fold" open>' in client.get(f"/jobs/?unit={units[0].slug}").text


def test_board_markup_uses_data_hx_attributes_only(client, catalogue):
    text = client.get("/jobs/").text
    assert " hx-" not in text
    assert "data-hx-get" in text
