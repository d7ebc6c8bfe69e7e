"""A candidate's journey through the public board, in a real browser:
home page, search, filters updated in place, a posting, back to the list;
the same board without JavaScript, in Chinese, and on a phone.
"""

import json
import re
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from postings.models import Posting
from tests.factories import (
    BusinessUnitFactory,
    LocationFactory,
    PostingFactory,
    ProgramFactory,
    RoleCategoryFactory,
    SkillFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def catalogue(live_server):
    """27 public roles (two board pages) in 3 units, 20 of them AI roles.

    Six mention "lakehouse": four AI roles (three at Alibaba Cloud, one at
    Amap) and two non-AI ones; one role is described in Chinese; a draft that
    also mentions "lakehouse" must never show.
    """
    program = ProgramFactory()
    cloud = BusinessUnitFactory(name="Alibaba Cloud", slug="alibaba-cloud")
    amap = BusinessUnitFactory(name="Amap", slug="amap")
    thead = BusinessUnitFactory(name="T-Head", slug="t-head")
    agent = RoleCategoryFactory(name="AI Agent Optimization Engineer", slug="ai-agent-optimization-engineer")
    infra = RoleCategoryFactory(name="AI Infrastructure Engineer", slug="ai-infrastructure-engineer")
    frontend = RoleCategoryFactory(name="Frontend Engineer", slug="frontend-engineer", is_ai=False)
    hangzhou = LocationFactory(name="Hangzhou")
    beijing = LocationFactory(name="Beijing")
    singapore = LocationFactory(name="Singapore", country="Singapore", country_code="SG", in_mainland_china=False)
    python, rust = SkillFactory(name="Python"), SkillFactory(name="Rust")

    def posting(title, unit, category, **kwargs):
        return PostingFactory(program=program, title=title, unit=unit, category=category, **kwargs)

    featured = posting(
        "Lakehouse Retrieval Agent Intern",
        cloud,
        agent,
        description="Make retrieval over the lakehouse fast enough for agents that answer in real time.",
        requirements="- Experience with vector indexes\n- Curiosity about query planners",
        headcount=3,
        locations=[hangzhou, singapore],
        skills=[python, rust],
    )
    posting("Lakehouse Storage Engine Intern", cloud, infra, locations=[hangzhou])
    posting("Lakehouse Cache Intern", cloud, infra, locations=[beijing])
    posting("Lakehouse Map Tiles Agent Intern", amap, agent, locations=[beijing])
    posting("Lakehouse Console Frontend Intern", cloud, frontend, locations=[hangzhou])
    posting("Lakehouse Dashboard Intern", thead, frontend, locations=[hangzhou])
    chinese = posting(
        "LLM Inference Optimization Intern",
        thead,
        infra,
        description="负责大模型推理优化，让千问的回答更快、更省。",
        requirements="- 熟悉 CUDA\n- 了解模型量化",
        locations=[hangzhou],
    )
    for n in range(20):
        unit = (cloud, amap, thead)[n % 3]
        category = frontend if n < 5 else (agent, infra)[n % 2]
        posting(f"Campus Intern {n}", unit, category, locations=[(hangzhou, beijing)[n % 2]])
    PostingFactory(
        program=program,
        title="Lakehouse Draft Intern",
        unit=cloud,
        category=agent,
        status=Posting.Status.DRAFT,
        published_at=None,
    )
    return SimpleNamespace(url=live_server.url, featured=featured, chinese=chinese)


def results_summary(page: Page):
    return page.locator("#results-summary")


def result_cards(page: Page):
    return page.locator("#results .card")


def query_of(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def is_board_update(response) -> bool:
    """An htmx request for the board's fragment (an in-place update, not a page load)."""
    return urlsplit(response.url).path == "/jobs/" and response.request.headers.get("hx-request") == "true"


def has_no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_candidate_searches_filters_opens_a_posting_and_comes_back(catalogue, page, page_problems, screenshot):
    page.goto(catalogue.url + "/")
    figures = page.locator(".figures")
    expect(figures.locator(".figure", has_text="Open roles").locator("dd")).to_have_text("27")
    expect(figures.locator(".figure", has_text="Openings").locator("dd")).to_have_text("29")
    expect(figures.locator(".figure", has_text="AI-related roles").locator("dd")).to_have_text("74%")
    expect(figures.locator(".figure", has_text="Units hiring").locator("dd")).to_have_text("3")

    page.get_by_role("searchbox", name="Search roles").fill("lakehouse")
    page.get_by_role("button", name="Search roles").click()

    expect(page).to_have_url(re.compile(r"/jobs/\?q=lakehouse$"))
    expect(results_summary(page)).to_have_text("6 open roles matching “lakehouse”")
    expect(result_cards(page)).to_have_count(6)
    expect(page.get_by_role("link", name="Lakehouse Draft Intern")).to_have_count(0)

    with page.expect_response(is_board_update) as update:
        page.get_by_role("checkbox", name="AI roles only").check()
    assert update.value.ok
    expect(results_summary(page)).to_have_text("4 open roles matching “lakehouse”")
    expect(page).to_have_url(re.compile(r"[?&]ai=1(&|$)"))
    unit_checkbox = page.get_by_role("checkbox", name=re.compile(r"^Alibaba Cloud"))
    unit_checkbox.check()
    expect(results_summary(page)).to_have_text("3 open roles matching “lakehouse”")
    expect(page).to_have_url(re.compile(r"[?&]unit=alibaba-cloud(&|$)"))
    assert query_of(page) == {"q": ["lakehouse"], "ai": ["1"], "unit": ["alibaba-cloud"]}
    expect(result_cards(page)).to_have_count(3)
    for card in result_cards(page).all():
        expect(card.locator(".card__meta")).to_contain_text("Alibaba Cloud")
        expect(card.locator(".badge--ai")).to_have_count(1)
    expect(page.get_by_role("checkbox", name="AI roles only")).to_be_checked()
    expect(unit_checkbox).to_be_checked()
    screenshot(page, "board")

    page.get_by_role("link", name="Lakehouse Retrieval Agent Intern").click()

    expect(page).to_have_url(f"{catalogue.url}/jobs/{catalogue.featured.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lakehouse Retrieval Agent Intern")
    expect(page.locator(".posting__header .eyebrow")).to_have_text("Alibaba Cloud")
    facts = page.locator(".facts")
    locations = facts.locator("dt:has-text('Locations') + dd")
    expect(locations).to_contain_text("Hangzhou, China")
    expect(locations).to_contain_text("Singapore, Singapore (cross-border consent asked)")
    expect(page.get_by_role("region", name="What we look for")).to_contain_text("Experience with vector indexes")
    skills = page.get_by_role("region", name="Skills").get_by_role("link")
    expect(skills).to_have_text(["Python", "Rust"])
    expect(facts.locator("dt", has_text="Who may apply")).to_be_visible()
    expect(facts.locator("dt:has-text('Who may apply') + dd")).to_contain_text(
        "between 1 November 2026 and 30 October 2027 (both days included)"
    )
    structured = page.locator('script[type="application/ld+json"]')
    expect(structured).to_have_count(1)
    job_posting = json.loads(structured.text_content())
    assert job_posting["@type"] == "JobPosting"
    assert job_posting["title"] == "Lakehouse Retrieval Agent Intern"
    assert job_posting["hiringOrganization"]["name"] == "Alibaba Cloud"
    assert job_posting["url"] == page.url

    page.go_back()

    expect(results_summary(page)).to_have_text("3 open roles matching “lakehouse”")
    assert query_of(page) == {"q": ["lakehouse"], "ai": ["1"], "unit": ["alibaba-cloud"]}
    expect(result_cards(page)).to_have_count(3)
    expect(page.get_by_role("checkbox", name="AI roles only")).to_be_checked()
    expect(page.get_by_role("checkbox", name=re.compile(r"^Alibaba Cloud"))).to_be_checked()
    assert page_problems.all() == []


def test_board_filters_and_pages_without_javascript(catalogue, new_page, page_problems):
    page = new_page(java_script_enabled=False)
    page.goto(catalogue.url + "/jobs/")
    expect(page.get_by_role("button", name="Apply filters")).to_be_visible()
    expect(results_summary(page)).to_have_text("27 open roles")
    expect(result_cards(page)).to_have_count(20)
    expect(page.locator(".pagination")).to_contain_text("Page 1 of 2")

    page.get_by_role("link", name="Next").click()
    expect(page.locator(".pagination")).to_contain_text("Page 2 of 2")
    expect(result_cards(page)).to_have_count(7)

    page.get_by_role("checkbox", name="AI roles only").check()
    page.get_by_role("checkbox", name=re.compile(r"^Amap")).check()
    page.get_by_role("button", name="Search", exact=True).click()

    expect(results_summary(page)).to_have_text("6 open roles")
    assert query_of(page) == {"ai": ["1"], "unit": ["amap"]}
    expect(result_cards(page)).to_have_count(6)
    expect(result_cards(page).locator(".badge--ai")).to_have_count(6)
    expect(page.get_by_role("checkbox", name="AI roles only")).to_be_checked()
    expect(page.locator(".pagination")).to_have_count(0)
    assert page_problems.all() == []


def test_chinese_search_finds_the_posting_described_in_chinese(catalogue, page, page_problems):
    page.goto(catalogue.url + "/jobs/")
    expect(results_summary(page)).to_have_text("27 open roles")

    page.get_by_role("searchbox", name="Search").fill("大模型")
    page.get_by_role("searchbox", name="Search").press("Enter")

    expect(results_summary(page)).to_have_text("1 open role matching “大模型”")
    expect(result_cards(page)).to_have_text([re.compile("LLM Inference Optimization Intern")])
    assert query_of(page)["q"] == ["大模型"]

    page.get_by_role("link", name="LLM Inference Optimization Intern").click()
    expect(page).to_have_url(f"{catalogue.url}/jobs/{catalogue.chinese.pk}/")
    expect(page.get_by_role("region", name="About the role")).to_contain_text("大模型推理优化")
    assert page_problems.all() == []


def test_pages_fit_a_phone_screen_without_sideways_scrolling(catalogue, new_page, page_problems, screenshot):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)

    page.goto(catalogue.url + "/")
    expect(page.get_by_role("searchbox", name="Search roles")).to_be_visible()
    assert has_no_horizontal_scroll(page), "The home page scrolls sideways on a phone"

    page.goto(catalogue.url + "/jobs/")
    expect(result_cards(page)).to_have_count(20)
    assert has_no_horizontal_scroll(page), "The board scrolls sideways on a phone"

    page.goto(f"{catalogue.url}/jobs/{catalogue.featured.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lakehouse Retrieval Agent Intern")
    assert has_no_horizontal_scroll(page), "The posting page scrolls sideways on a phone"
    screenshot(page, "posting-phone")
    assert page_problems.all() == []


def test_filtering_in_place_keeps_the_url_short_and_shareable(catalogue, page, page_problems):
    page.goto(catalogue.url + "/jobs/")
    with page.expect_response(is_board_update) as update:
        page.get_by_role("checkbox", name="AI roles only").check()
    assert update.value.ok
    expect(page).to_have_url(catalogue.url + "/jobs/?ai=1")
    page.reload()
    expect(page.get_by_role("checkbox", name="AI roles only")).to_be_checked()
