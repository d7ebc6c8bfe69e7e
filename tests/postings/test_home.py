import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from postings.models import Posting
from tests.factories import InfoSessionFactory, PostingFactory, RoleCategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles(unit_a, unit_b):
    ai = RoleCategoryFactory(name="AI Data Engineer", is_ai=True)
    backend = RoleCategoryFactory(name="Backend Engineer", is_ai=False)
    PostingFactory.create_batch(4, unit=unit_a, category=ai, headcount=2)
    PostingFactory(unit=unit_b, category=backend, headcount=1)
    PostingFactory(unit=unit_b, category=ai, status=Posting.Status.DRAFT, published_at=None)


def test_home_shows_live_figures_computed_from_public_postings(client, roles):
    response = client.get("/")
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures == {"roles": 5, "openings": 9, "ai_roles": 4, "units": 2, "ai_share": 80}
    assert "80%" in response.text


def test_home_says_who_may_apply_from_the_program_data(client, roles):
    text = client.get("/").text
    assert "1 November 2026" in text
    assert "30 October 2027" in text
    assert "both days included" in text


def test_home_follows_the_program_window_not_the_code(client, roles):
    from postings.models import Program

    Program.objects.update(graduation_start="2027-11-01", graduation_end="2028-10-30")
    text = client.get("/").text
    assert "1 November 2027" in text
    assert "30 October 2028" in text


def test_home_lists_units_with_their_open_roles_and_links_to_the_board(client, roles, unit_a):
    text = client.get("/").text
    assert f'href="/jobs/?unit={unit_a.slug}"' in text
    assert "4 open roles" in text
    assert 'action="/jobs/"' in text


def test_home_with_no_data_still_answers(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["figures"]["ai_share"] == 0
    assert "No program is taking applications right now" in response.text


def test_home_runs_a_fixed_number_of_queries(client, roles):
    InfoSessionFactory.create_batch(3)
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    PostingFactory.create_batch(40)
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    # The version, the six parts of the page, the next time-driven change (3).
    assert len(few) == len(many) <= 11
    with CaptureQueriesContext(connection) as cached:
        client.get("/")
    assert len(cached) == 1


def test_info_sessions_lists_upcoming_and_past(client, db):
    import datetime as dt

    from django.utils import timezone

    InfoSessionFactory(university="Zhejiang University")
    past_start = timezone.now() - dt.timedelta(days=200)
    InfoSessionFactory(
        university="Peking University", starts_at=past_start, ends_at=past_start + dt.timedelta(hours=2)
    )
    response = client.get("/sessions/")
    assert response.status_code == 200
    assert [s.university for s in response.context["upcoming"]] == ["Zhejiang University"]
    assert [s.university for s in response.context["past"]] == ["Peking University"]


def test_home_leads_with_the_internship_and_links_the_other_open_programs(client, roles):
    from tests.factories import ProgramFactory

    ProgramFactory(name="Star Program 2027", slug="2027-star", track="research")
    text = client.get("/").text
    assert "Also open:" in text
    # The research track has its own page (/star/), which links to the board filtered to its roles.
    assert '<a href="/star/">Star Program 2027</a>' in text
    assert 'href="/jobs/?program=2027-star"' not in text
