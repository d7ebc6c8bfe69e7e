"""A researcher's journey in a real browser: from the home page to the Star program page, to a research posting,
applying with a publication (a second row added with the keyboard, the statement counted as typed), and the
application in /me/."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from postings.models import Program
from star.models import PostingArea, ResearchArea, StarApplication
from tests.e2e.conftest import sign_in
from tests.factories import (
    BusinessUnitFactory,
    CandidateProfileFactory,
    PostingFactory,
    ProgramFactory,
    ResumeFactory,
    UserFactory,
    verify_email,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def star_season(live_server, settings, tmp_path):
    """The internship program and the Star program (open, cap 1) with one research posting; a PhD student ready
    to apply."""
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    ProgramFactory()
    star = ProgramFactory(
        slug="2027-star", name="Star Program 2027", track=Program.Track.RESEARCH, max_active_applications=1
    )
    area = ResearchArea.objects.create(slug="fundamental-models", name="Fundamental models", name_zh_hans="基础模型")
    ResearchArea.objects.create(slug="ai-infrastructure", name="AI infrastructure", name_zh_hans="AI基础设施")
    posting = PostingFactory(
        program=star,
        title="Star Researcher — pre-training and scaling",
        unit=BusinessUnitFactory(name="Tongyi Laboratory", slug="tongyi-laboratory"),
        degree_levels=["master", "doctorate"],
    )
    PostingArea.objects.create(posting=posting, area=area)
    researcher = verify_email(UserFactory(email="wang.yifan@example.edu", name="Wang Yifan"))
    CandidateProfileFactory(user=researcher, degree_level="doctorate")
    ResumeFactory(candidate=researcher)
    yield SimpleNamespace(url=live_server.url, posting=posting, researcher=researcher)
    cache.clear()


def test_a_researcher_applies_to_the_star_program_from_the_home_page(page: Page, star_season):
    sign_in(page.context, star_season.researcher, star_season.url)
    page.goto(star_season.url + "/")
    page.get_by_role("link", name="Star Program 2027").click()
    expect(page).to_have_url(star_season.url + "/star/")
    expect(page.get_by_role("heading", name="The Star research program")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Research quality")).to_be_visible()

    page.get_by_role("link", name="See the 1 open Star role").click()
    page.get_by_role("link", name="Star Researcher — pre-training and scaling").first.click()
    page.get_by_role("link", name="Apply", exact=True).click()
    expect(page.get_by_role("heading", name="Apply to the Star program")).to_be_visible()

    page.get_by_label("Fundamental models").check()
    statement = page.get_by_label("Research statement")
    statement.fill("I study how data mixtures shape scaling laws.")
    expect(page.locator("#statement-count")).to_have_text("45 of 4000 characters")
    page.get_by_label("Advisor's name").fill("Prof. Zhang Min")
    page.get_by_label("Advisor's institution").fill("Tsinghua University")
    page.get_by_label("Expected degree").select_option("doctorate")

    first = page.locator("li.star-publication").nth(0)
    first.get_by_label("Title").fill("Data Mixtures Obey Scaling Laws")
    first.get_by_label("Venue").fill("NeurIPS")
    first.get_by_label("Year").fill("2025")
    first.get_by_label("Link").fill("https://papers.example.com/mixtures")
    first.get_by_label("Author position").select_option("first")

    # A second row, with the keyboard: the button, then straight into the new row's title.
    page.get_by_role("button", name="Add a publication").focus()
    page.keyboard.press("Enter")
    second = page.locator("li.star-publication").nth(1)
    expect(second.get_by_label("Title")).to_be_focused()
    expect(first.get_by_label("Title")).to_have_value("Data Mixtures Obey Scaling Laws")
    expect(page.get_by_label("Research statement")).to_have_value("I study how data mixtures shape scaling laws.")
    page.keyboard.type("Proxy Models for Data Selection")
    page.keyboard.press("Tab")
    page.keyboard.type("ICLR")
    page.keyboard.press("Tab")
    page.keyboard.type("2026")
    second.get_by_label("Author position").select_option("second")
    second.get_by_label("Link").fill("ftp://papers.example.com/proxy.pdf")

    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_text("Your application was not sent:")).to_be_visible()
    expect(page.get_by_text("Enter a web address starting with https:// or http://.")).to_be_visible()
    assert not StarApplication.objects.exists()

    page.locator("li.star-publication").nth(1).get_by_label("Link").fill("https://papers.example.com/proxy")
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_text("Your application is received.")).to_be_visible()

    star = StarApplication.objects.get()
    assert [p.title for p in star.publications.all()] == [
        "Data Mixtures Obey Scaling Laws",
        "Proxy Models for Data Selection",
    ]
    page.get_by_role("link", name="My applications").click()
    expect(page.get_by_text("Star Researcher — pre-training and scaling")).to_be_visible()


def test_the_star_form_fits_a_phone(new_page, star_season):
    page = new_page(viewport={"width": 360, "height": 740}, is_mobile=True)
    sign_in(page.context, star_season.researcher, star_season.url)
    page.goto(f"{star_season.url}/me/star/apply/{star_season.posting.pk}/")
    expect(page.get_by_role("heading", name="Apply to the Star program")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
