"""The public page of the Star program, and the home page's link to it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from star.models import PostingArea, ResearchArea
from tests.factories import PostingFactory, ProgramFactory


def test_it_explains_the_program_its_areas_and_the_rubric(client, research_posting, infra_area):
    page = client.get("/star/").content.decode()
    assert "The Star research program" in page
    assert "Fundamental models" in page and "AI infrastructure" in page
    for criterion in ("Research quality", "Impact", "Fit"):
        assert criterion in page
    assert "1 November 2026 and 30 October 2027" in page
    assert 'href="/jobs/?program=2027-star"' in page
    assert "See the 1 open Star role" in page


def test_it_is_in_chinese_under_zh_hans(client, research_posting):
    response = client.get("/zh-hans/star/")
    assert response.status_code == 200
    assert "基础模型" in response.content.decode()


def test_it_says_when_no_research_program_exists(client, db):
    response = client.get("/star/")
    assert response.status_code == 200
    assert "The next Star program will be announced here." in response.content.decode()


def test_the_home_pages_star_link_goes_to_the_program_page(client, research_posting):
    ProgramFactory()  # the internship program leads the home page; the research one is "also open"
    page = client.get("/").content.decode()
    assert 'href="/star/"' in page
    assert 'href="/jobs/?program=2027-star"' not in page


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/star/").status_code == 200
    return len(queries)


@pytest.mark.usefixtures("research_posting")
def test_it_costs_the_same_queries_whatever_the_number_of_postings(client, research_program, unit_a):
    one = _queries(client)
    area = ResearchArea.objects.create(slug="industrial-ai", name="Industrial AI")
    for _ in range(6):
        PostingArea.objects.create(posting=PostingFactory(program=research_program, unit=unit_a), area=area)
    assert _queries(client) == one
