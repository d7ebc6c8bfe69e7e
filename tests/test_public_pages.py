"""Public promises: a closed role's address explains itself, robots.txt, the privacy notice."""

import datetime as dt

import pytest
from django.utils import timezone

from postings.models import Posting
from tests.factories import PostingFactory, ProgramFactory, RoleCategoryFactory, close_posting

pytestmark = pytest.mark.django_db


@pytest.fixture
def agents():
    return RoleCategoryFactory(name="AI Agent Optimization Engineer")


@pytest.fixture
def closed(unit_a, agents):
    posting = PostingFactory(title="Agent Evaluation Intern", unit=unit_a, category=agents)
    close_posting(posting)
    return posting


def similar_titles(response):
    return [posting.title for posting in response.context["similar"]]


# --- A closed role's address ---------------------------------------------------


def test_a_closed_roles_address_says_it_closed_and_answers_404(client, closed):
    response = client.get(f"/jobs/{closed.pk}/")
    assert response.status_code == 404
    assert "This role has closed" in response.text
    assert "“Agent Evaluation Intern” at Alibaba Cloud no longer takes applications." in response.text
    assert '<meta name="robots" content="noindex">' in response.text
    assert "/me/apply/" not in response.text


def test_the_closed_page_offers_similar_open_roles_first_of_the_same_kind(client, closed, unit_a, unit_b, agents):
    PostingFactory(title="Agent Tools Intern", unit=unit_b, category=agents)
    PostingFactory(title="Cloud Storage Intern", unit=unit_a, category=RoleCategoryFactory(name="Storage Engineer"))
    PostingFactory(title="Unrelated Intern", unit=unit_b, category=RoleCategoryFactory(name="Frontend Engineer"))
    PostingFactory(title="Another Closed Agent Intern", unit=unit_b, category=agents, status=Posting.Status.CLOSED)
    response = client.get(f"/jobs/{closed.pk}/")
    assert similar_titles(response) == ["Agent Tools Intern", "Cloud Storage Intern"]
    assert f'href="/jobs/?category={agents.slug}"' in response.text
    assert "Similar open roles" in response.text


def test_a_role_past_its_closing_date_gets_the_closed_page_with_the_date(client, unit_a, agents):
    posting = PostingFactory(unit=unit_a, category=agents, published_at=timezone.now() - dt.timedelta(days=30))
    Posting.objects.filter(pk=posting.pk).update(closes_at=dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC))
    response = client.get(f"/jobs/{posting.pk}/")
    assert response.status_code == 404
    assert "stopped taking applications on 20 November 2026" in response.text


def test_a_role_of_a_program_that_closed_gets_the_closed_page(client, unit_a, agents):
    ended = ProgramFactory(
        slug="2026-internship",
        applications_open=timezone.now() - dt.timedelta(days=200),
        applications_close=timezone.now() - dt.timedelta(days=10),
    )
    posting = PostingFactory(program=ended, unit=unit_a, category=agents, published_at=ended.applications_open)
    response = client.get(f"/jobs/{posting.pk}/")
    assert response.status_code == 404
    assert "This role has closed" in response.text


@pytest.mark.parametrize("case", ["draft", "program not open yet", "unknown"])
def test_a_role_never_public_gets_the_plain_404(client, unit_a, agents, case):
    if case == "draft":
        pk = PostingFactory(unit=unit_a, category=agents, status=Posting.Status.DRAFT, published_at=None).pk
    elif case == "program not open yet":
        future = ProgramFactory(
            slug="2028-internship",
            applications_open=timezone.now() + dt.timedelta(days=10),
            applications_close=timezone.now() + dt.timedelta(days=100),
        )
        pk = PostingFactory(program=future, unit=unit_a, category=agents).pk
    else:
        pk = 987654
    response = client.get(f"/jobs/{pk}/")
    assert response.status_code == 404
    assert "We could not find that page" in response.text
    assert "This role has closed" not in response.text


def test_the_closed_page_runs_a_fixed_number_of_queries(client, closed, unit_a, agents, django_assert_max_num_queries):
    PostingFactory.create_batch(6, unit=unit_a, category=agents)
    with django_assert_max_num_queries(7):
        response = client.get(f"/jobs/{closed.pk}/")
    assert len(similar_titles(response)) == 4


# --- robots.txt ---------------------------------------------------------------


def test_robots_txt_lets_crawlers_read_the_catalogue_and_not_the_private_areas(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert "User-agent: *" in lines
    assert "Allow: /" in lines
    for private in ("/me/", "/recruit/", "/admin/", "/accounts/"):
        assert f"Disallow: {private}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    public = ("Disallow: /jobs", "Disallow: /sessions", "Disallow: /privacy")
    assert not any(line == "Disallow: /" or line.startswith(public) for line in lines)


def test_robots_txt_names_the_https_sitemap_behind_the_tls_proxy(client, settings):
    settings.ALLOWED_HOSTS = ["jobs.example.com"]
    response = client.get("/robots.txt", headers={"Host": "jobs.example.com", "X-Forwarded-Proto": "https"})
    assert "Sitemap: https://jobs.example.com/sitemap.xml" in response.text.splitlines()


# --- The privacy notice -------------------------------------------------------


def test_the_privacy_notice_says_what_why_how_long_the_consents_and_how_to_leave(client, settings):
    settings.PRIVACY_CONTACT_EMAIL = "privacy@example.com"
    response = client.get("/privacy/")
    assert response.status_code == 200
    text = response.text
    for promise in (
        "What we hold",
        "Why we hold it",
        "How long we keep it",
        "The talent pool",
        "consent text version 2026-11",
        "Roles outside mainland China",
        "Personal Information Protection Law",
        'href="/me/privacy/"',
        "delete your account",
        'href="mailto:privacy@example.com"',
    ):
        assert promise in text, promise


def test_the_privacy_notice_is_linked_from_sign_up(client):
    response = client.get("/accounts/signup/")
    assert 'href="/privacy/">privacy notice</a>' in response.text


@pytest.mark.parametrize("path", ["/", "/jobs/", "/sessions/", "/accounts/login/", "/privacy/", "/jobs/0/"])
def test_every_page_links_the_privacy_notice_in_its_footer(client, path):
    footer = client.get(path).text.split('<footer class="site-footer">', 1)[1]
    assert '<a href="/privacy/">Privacy</a>' in footer


def test_a_signed_in_candidates_pages_link_it_too(client, candidate):
    client.force_login(candidate)
    footer = client.get("/me/").text.split('<footer class="site-footer">', 1)[1]
    assert '<a href="/privacy/">Privacy</a>' in footer


def test_the_sitemap_lists_the_privacy_notice(client):
    assert "http://testserver/privacy/</loc>" in client.get("/sitemap.xml").text
