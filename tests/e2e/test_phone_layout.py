"""On a phone (390 x 844): no page scrolls sideways, the header (language
switch included) keeps to two rows, in English and in Chinese, and a
posting's title is the first thing on screen."""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from postings.models import Posting
from tests.e2e.conftest import sign_in as sign_in_as
from tests.factories import (
    ApplicationFactory,
    BusinessUnitFactory,
    CandidateProfileFactory,
    InfoSessionFactory,
    LocationFactory,
    PostingFactory,
    ProgramFactory,
    ResumeFactory,
    RoleCategoryFactory,
    SkillFactory,
    UserFactory,
    close_posting,
    verify_email,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 390, 844
PHONE = {"viewport": {"width": WIDTH, "height": HEIGHT}, "is_mobile": True, "has_touch": True}
PASSWORD = "correct-horse-battery"

PUBLIC_PAGES = ["/", "/jobs/", "/jobs/?q=agent", "/sessions/", "/privacy/", "/accounts/signup/", "/accounts/login/"]
CANDIDATE_PAGES = ["/me/", "/me/profile/", "/me/resumes/", "/me/privacy/", "/me/notifications/", "/accounts/email/"]


@pytest.fixture
def site(live_server, settings, tmp_path):
    """A season with long names everywhere a phone could overflow, and a candidate with resumes and applications."""
    settings.MEDIA_ROOT = tmp_path
    program = ProgramFactory()
    unit = BusinessUnitFactory(
        name="Wukong Business Unit (formerly DingTalk)", name_zh_hans="悟空事业部（原钉钉事业部）", slug="wukong"
    )
    category = RoleCategoryFactory(name="AI Application Algorithm Engineer", name_zh_hans="AI应用算法工程师")
    cities = [
        LocationFactory(name="Hangzhou", name_zh_hans="杭州", country_zh_hans="中国"),
        LocationFactory(
            name="Singapore",
            name_zh_hans="新加坡",
            country="Singapore",
            country_zh_hans="新加坡",
            country_code="SG",
            in_mainland_china=False,
        ),
    ]
    skills = [SkillFactory(name=name) for name in ("Python", "Retrieval-augmented generation", "Kubernetes")]
    description = "\n\n".join(
        ["Build the agents millions of people meet at work every day, from the first prototype to production."] * 6
    )
    posting = PostingFactory(
        program=program,
        unit=unit,
        category=category,
        title="AI Application Algorithm Engineer Intern — Multimodal Retrieval and Evaluation Infrastructure",
        title_zh_hans="AI应用算法工程师实习生——多模态检索与评测基础设施方向（杭州、新加坡均可）",
        description=description,
        description_zh_hans="\n\n".join(["从第一个原型到正式上线，打造每天在工作中服务数以百万计用户的智能体。"] * 6),
        locations=cities,
        skills=skills,
    )
    PostingFactory.create_batch(5, program=program, unit=unit, category=category, locations=cities)
    closed = PostingFactory(program=program, unit=unit, category=category, title="Closed Agent Evaluation Intern")
    close_posting(closed)
    start = dt.datetime(2027, 1, 20, 18, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    InfoSessionFactory(
        program=program,
        university="Technical University of Munich",
        city="Munich",
        university_zh_hans="慕尼黑工业大学",
        city_zh_hans="慕尼黑",
        venue="Garching Campus, Department of Informatics, Lecture Hall 1",
        venue_zh_hans="加兴校区信息学院第一报告厅",
        time_zone="Europe/Berlin",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    ).units.set([unit])

    candidate = verify_email(UserFactory(email="alice@example.com", name="Alice Candidate", password=PASSWORD))
    CandidateProfileFactory(user=candidate)
    ResumeFactory(candidate=candidate, original_name="Alice_Candidate_Curriculum_Vitae_2027_final_version.pdf")
    ResumeFactory(candidate=candidate, is_current=False, original_name="Alice Candidate CV (research track).pdf")
    ApplicationFactory(candidate=candidate, posting=posting)
    admin = verify_email(UserFactory(email="ada@example.com", name="Ada Admin", password=PASSWORD, is_staff=True))
    return SimpleNamespace(url=live_server.url, posting=posting, closed=closed, candidate=candidate, admin=admin)


def sign_in(page: Page, site, user) -> None:
    page.goto(site.url + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def scroll_width(page: Page) -> int:
    return page.evaluate("document.scrollingElement.scrollWidth")


def header_rows(page: Page) -> int:
    """How many rows the brand, the navigation's items and the language switch take (the switch counts as a
    row when it lies below all the others)."""
    boxes = page.evaluate(
        """[...document.querySelectorAll('.site-header .brand, .site-nav li')]
             .map((element) => element.getBoundingClientRect()).map((box) => [box.top, box.bottom])"""
    )
    rows = []
    for top in sorted(round(top) for top, _bottom in boxes):
        if not rows or top - rows[-1] > 8:
            rows.append(top)
    switch = page.locator(".language-switch").bounding_box()
    assert switch is not None, "No language switch in the header"
    below_the_rest = switch["y"] >= max(bottom for _top, bottom in boxes) - 1
    return len(rows) + below_the_rest


def check_page(page: Page, site, path: str, screenshot, name: str) -> None:
    response = page.goto(site.url + path)
    assert response.status == (404 if path.endswith(f"/jobs/{site.closed.pk}/") else 200), path
    assert scroll_width(page) <= WIDTH, f"{path} scrolls sideways on a phone ({scroll_width(page)} px)"
    assert header_rows(page) <= 2, f"The header of {path} takes {header_rows(page)} rows on a phone"
    screenshot(page, name)


def in_language(path: str, language: str) -> str:
    """A public page's address in `language` (Chinese under /zh-hans/); a private page has one address."""
    return path if language == "en" or path.startswith(("/me/", "/accounts/")) else f"/{language}{path}"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_no_public_page_scrolls_sideways_on_a_phone(site, new_page, page_problems, screenshot, language):
    page = new_page(**PHONE)
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site.url}])
    for path in [*PUBLIC_PAGES, f"/jobs/{site.posting.pk}/", f"/jobs/{site.closed.pk}/"]:
        path = in_language(path, language)
        check_page(page, site, path, screenshot, f"phone-{language}" + path.replace("/", "-").replace("?", "-"))
    # The closed role's page answers 404 on purpose; the browser logs that status.
    expected = f"status of 404 (Not Found) ({site.url}{in_language(f'/jobs/{site.closed.pk}/', language)}"
    page_problems.console_errors[:] = [error for error in page_problems.console_errors if expected not in error]


def test_no_candidate_page_scrolls_sideways_on_a_phone(site, new_page, screenshot):
    page = new_page(**PHONE)
    sign_in(page, site, site.candidate)
    for path in CANDIDATE_PAGES:
        check_page(page, site, path, screenshot, "phone-signed-in" + path.replace("/", "-"))


def test_no_candidate_page_scrolls_sideways_on_a_phone_in_chinese(site, new_page, screenshot):
    site.candidate.set_language("zh-hans")
    page = new_page(**PHONE)
    sign_in_as(page.context, site.candidate, site.url)
    for path in CANDIDATE_PAGES:
        check_page(page, site, path, screenshot, "phone-signed-in-zh-hans" + path.replace("/", "-"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")


def test_an_admins_header_keeps_to_two_rows_on_a_phone_in_chinese(site, new_page):
    site.admin.set_language("zh-hans")
    page = new_page(**PHONE)
    sign_in_as(page.context, site.admin, site.url)
    page.goto(site.url + "/zh-hans/jobs/")
    expect(page.get_by_role("link", name="管理后台")).to_be_visible()
    assert header_rows(page) <= 2
    assert scroll_width(page) <= WIDTH


def test_the_resumes_table_fits_a_phone_with_each_version_in_labelled_lines(site, new_page):
    page = new_page(**PHONE)
    sign_in(page, site, site.candidate)
    page.goto(site.url + "/me/resumes/")
    table = page.locator("table.table--stack")
    assert table.bounding_box()["width"] <= WIDTH
    expect(table.get_by_role("link", name="Alice_Candidate_Curriculum_Vitae_2027_final_version.pdf")).to_be_visible()
    expect(table.get_by_role("button", name="Make current")).to_be_visible()
    label = page.evaluate(
        "getComputedStyle(document.querySelector('td[data-label]'), '::before').content.replaceAll('\"', '')"
    )
    assert label == "File"


def test_an_admins_header_keeps_to_two_rows_on_a_phone(site, new_page):
    page = new_page(**PHONE)
    sign_in(page, site, site.admin)
    page.goto(site.url + "/jobs/")
    expect(page.get_by_role("link", name="Admin")).to_be_visible()
    assert header_rows(page) <= 2
    assert scroll_width(page) <= WIDTH


def test_a_postings_title_comes_first_on_a_phone(site, new_page, screenshot):
    page = new_page(**PHONE)
    page.goto(f"{site.url}/jobs/{site.posting.pk}/")
    title = page.get_by_role("heading", level=1)
    expect(title).to_have_text(site.posting.title)
    box = title.bounding_box()
    assert box["y"] + box["height"] <= HEIGHT, "The posting's title is below the fold on a phone"
    aside = page.get_by_role("complementary", name="Role facts and applying").bounding_box()
    about = page.get_by_role("heading", name="About the role").bounding_box()
    assert aside["y"] > about["y"], "The side panel comes before the role on a phone"
    # The apply button is still there, after the role.
    expect(page.get_by_role("link", name="Sign in to apply")).to_be_visible()
    screenshot(page, "phone-posting")


def test_the_desktop_keeps_the_side_panel_beside_the_role(site, page):
    page.goto(f"{site.url}/jobs/{site.posting.pk}/")
    aside = page.get_by_role("complementary", name="Role facts and applying").bounding_box()
    main = page.locator(".posting__main").bounding_box()
    assert aside["x"] > main["x"] + main["width"] - 1
    assert Posting.objects.public().filter(pk=site.posting.pk).exists()
