"""A student whose browser prefers Chinese, in a real browser: the portal's
address leads to the Chinese home page, a search for 算法 on the board finds
the algorithm role, its page is in Chinese, and after signing in (a ready
candidate: verified address, complete profile, a resume) they apply; the
pages and the confirmation email are in Chinese.
"""

import re
import time
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import translation
from playwright.sync_api import Page, expect

from applicants.models import Application
from recruit.notifications.models import Notification
from tests.factories import (
    BusinessUnitFactory,
    CandidateProfileFactory,
    LocationFactory,
    PostingFactory,
    ProgramFactory,
    ResumeFactory,
    RoleCategoryFactory,
    UserFactory,
    verify_email,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL = "wang.fang@example.edu"
PASSWORD = "a-Long-and-rare-passphrase-27"
MAIL_WAIT_SECONDS = 10
CHINESE_BROWSER = {"locale": "zh-CN", "viewport": {"width": 1280, "height": 900}}
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def season(live_server, settings, tmp_path):
    """An open program with roles written in both languages, as an admin fills them in; a ready candidate."""
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    # The plain field names take the active language's text: English here.
    translation.activate("en")
    program = ProgramFactory(name_zh_hans="2027届全球校园招聘——实习生项目")
    hangzhou = LocationFactory(name="Hangzhou", name_zh_hans="杭州", country_zh_hans="中国")
    algorithm = PostingFactory(
        program=program,
        unit=BusinessUnitFactory(name="Taobao & Tmall Group", name_zh_hans="淘天集团", slug="taobao-tmall"),
        category=RoleCategoryFactory(
            name="Search and Recommendation Algorithm Engineer", name_zh_hans="搜索推荐算法工程师"
        ),
        title="Search Ranking Algorithm Intern",
        title_zh_hans="搜索排序算法实习生",
        description="Rank millions of products for every query.",
        description_zh_hans="为每一次搜索，从数以亿计的商品中排出最相关的结果。",
        requirements_zh_hans="- 熟悉机器学习排序模型\n- 熟练使用 Python",
        locations=[hangzhou],
    )
    PostingFactory(
        program=program,
        unit=BusinessUnitFactory(name="Alibaba Cloud", name_zh_hans="阿里云", slug="alibaba-cloud"),
        category=RoleCategoryFactory(name="Frontend Engineer", name_zh_hans="前端开发工程师", is_ai=False),
        title="Console Frontend Intern",
        title_zh_hans="控制台前端实习生",
        locations=[hangzhou],
    )
    # The board's search reads each role's search text. Until it holds both languages, the roles' Chinese
    # text is indexed here too (the search finds 算法 by substring wherever it is stored).
    with translation.override("zh-hans"):
        algorithm.update_search_text()
    candidate = verify_email(UserFactory(email=EMAIL, name="王芳", password=PASSWORD))
    CandidateProfileFactory(user=candidate, school="浙江大学", major="计算机科学与技术")
    ResumeFactory(candidate=candidate, original_name="王芳-简历.pdf")
    yield SimpleNamespace(url=live_server.url, algorithm=algorithm, candidate=candidate)
    translation.deactivate()
    cache.clear()


def wait_for_mail(to: str, timeout: float = MAIL_WAIT_SECONDS):
    """The first email to `to` in Django's test outbox (it is sent by a task after the request's commit)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in list(mail.outbox):
            if to in message.to:
                return message
        time.sleep(0.05)
    pytest.fail(f"No email to {to} within {timeout} s: {[m.subject for m in mail.outbox]}")


def test_a_student_whose_browser_prefers_chinese_finds_a_role_and_applies_in_chinese(
    season, new_page, page_problems, screenshot
):
    page: Page = new_page(**CHINESE_BROWSER)
    role = season.algorithm

    # --- The portal's address: the Chinese home page.
    page.goto(season.url + "/")
    expect(page).to_have_url(season.url + "/zh-hans/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_role("heading", level=1)).to_have_text("2027届实习生招聘")
    expect(page.get_by_role("button", name="English")).to_have_attribute("lang", "en")

    # --- The board: a search for 算法 finds the algorithm role, and only it.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="职位").click()
    expect(page).to_have_url(season.url + "/zh-hans/jobs/")
    expect(page.get_by_role("heading", level=1)).to_have_text("在招职位")
    page.get_by_role("searchbox", name="搜索职位").fill("算法")
    page.get_by_role("search").get_by_role("button", name="搜索").click()
    expect(page).to_have_url(re.compile(r"/zh-hans/jobs/\?(.*&)?q=%E7%AE%97%E6%B3%95"))
    expect(page.locator("#results-summary")).to_have_text("1个在招职位匹配“算法”")
    results = page.locator("#results")
    expect(results.get_by_role("link", name="搜索排序算法实习生")).to_be_visible()
    expect(results.get_by_role("link", name="控制台前端实习生")).to_have_count(0)
    expect(results).to_contain_text("淘天集团")
    screenshot(page, "chinese-board")

    # --- The role's page, in Chinese.
    results.get_by_role("link", name="搜索排序算法实习生").click()
    expect(page).to_have_url(f"{season.url}/zh-hans/jobs/{role.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("搜索排序算法实习生")
    expect(page.get_by_role("region", name="职位描述")).to_contain_text("从数以亿计的商品中排出最相关的结果")
    facts = page.locator(".facts")
    expect(facts).to_contain_text("中国·杭州")
    expect(facts).to_contain_text("毕业时间在2026年11月1日至2027年10月30日之间（含首尾两天）")
    expect(facts).to_contain_text("北京时间")

    # --- Applying leads to sign-in, in Chinese (the browser's language), then to the application form.
    page.get_by_role("link", name="登录后申请").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_role("heading", level=1)).to_have_text("登录")
    page.get_by_label("密码").fill(PASSWORD)
    page.locator("#id_login").fill(EMAIL)
    page.get_by_role("main").get_by_role("button", name="登录").click()
    expect(page).to_have_url(f"{season.url}/me/apply/{role.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("申请职位")
    expect(page.get_by_text("你可以申请该职位。")).to_be_visible()
    expect(page.locator(".lead")).to_have_text("搜索排序算法实习生 · 淘天集团 · 杭州")
    screenshot(page, "chinese-apply")
    page.get_by_role("button", name="提交申请").click()

    # --- Received: the application's page and the email, in Chinese.
    expect(page.get_by_role("status")).to_contain_text("我们已收到你的申请。")
    application = Application.objects.get(posting=role, candidate=season.candidate)
    expect(page).to_have_url(f"{season.url}/me/applications/{application.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("搜索排序算法实习生")
    expect(page.get_by_role("main").get_by_text("第1志愿", exact=True)).to_be_visible()

    notification = Notification.objects.get(recipient=season.candidate, event="application_received")
    assert "搜索排序算法实习生" in notification.subject
    message = wait_for_mail(EMAIL)
    assert message.subject == notification.subject
    assert "搜索排序算法实习生" in message.subject and "我们已收到你的申请" in message.subject, message.subject
    assert "淘天集团" in message.body, message.body
    assert HAN.search(message.body.splitlines()[0]), f"The greeting is not in Chinese:\n{message.body}"
    words = re.findall(r"[A-Za-z]+", re.sub(r"https?://\S+", "", message.body))
    assert not words, f"English in the Chinese email: {words}\n{message.body}"
    html = next(content for content, kind in message.alternatives if kind == "text/html")
    assert '<html lang="zh-Hans">' in html and "搜索排序算法实习生" in html
    assert page_problems.all() == []
