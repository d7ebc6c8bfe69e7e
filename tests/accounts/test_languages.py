"""Choosing the language: the address, the browser on a first visit, the switch, the account, the emails."""

import re

import pytest
from django.test import Client

from recruit.notifications.models import Notification
from recruit.notifications.services import notify
from tests.factories import PostingFactory

pytestmark = pytest.mark.django_db

CHINESE_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9,en;q=0.8"}
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.text)[1]


@pytest.fixture
def role(unit_a):
    return PostingFactory(title_en="Agent Evaluation Intern", title_zh_hans="Agent 评测实习生", unit=unit_a)


@pytest.mark.parametrize("path", ["/", "/jobs/", "/jobs/?q=agent&ai=1", "/sessions/", "/privacy/"])
def test_a_first_visit_from_a_chinese_browser_goes_to_the_chinese_address(client, path):
    response = client.get(path, **CHINESE_BROWSER)
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans" + path
    assert "Accept-Language" in response["Vary"]
    assert "Cookie" in response["Vary"]


def test_the_posting_page_too(client, role):
    response = client.get(f"/jobs/{role.pk}/", **CHINESE_BROWSER)
    assert response["Location"] == f"/zh-hans/jobs/{role.pk}/"
    page = client.get(response["Location"])
    assert html_lang(page) == "zh-Hans"
    assert "Agent 评测实习生" in page.text


def test_an_english_browser_and_a_made_choice_stay_where_they_are(client):
    assert client.get("/jobs/", **ENGLISH_BROWSER).status_code == 200
    assert client.get("/jobs/").status_code == 200  # no Accept-Language: a crawler
    client.cookies["django_language"] = "en"
    response = client.get("/jobs/", **CHINESE_BROWSER)
    assert response.status_code == 200
    assert html_lang(response) == "en"


def test_each_address_answers_in_its_language(client):
    english, chinese = client.get("/jobs/"), client.get("/zh-hans/jobs/")
    assert html_lang(english) == "en"
    assert english["Content-Language"] == "en"
    assert "Open roles" in english.text
    assert html_lang(chinese) == "zh-Hans"
    assert chinese["Content-Language"] == "zh-hans"
    assert "在招职位" in chinese.text


def test_links_on_a_chinese_page_stay_in_chinese(client, role):
    html = client.get("/zh-hans/jobs/").text
    assert f'href="/zh-hans/jobs/{role.pk}/"' in html
    assert 'href="/zh-hans/sessions/"' in html
    assert f'href="/jobs/{role.pk}/"' not in html


def test_public_pages_name_both_addresses_for_search_engines(client, role):
    html = client.get(f"/zh-hans/jobs/{role.pk}/").text
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert alternates == {
        "en": f"http://testserver/jobs/{role.pk}/",
        "zh-Hans": f"http://testserver/zh-hans/jobs/{role.pk}/",
        "x-default": f"http://testserver/jobs/{role.pk}/",
    }
    board = client.get("/jobs/?q=agent").text
    assert 'hreflang="zh-Hans" href="http://testserver/zh-hans/jobs/?q=agent"' in board


def test_private_pages_have_one_address_and_no_alternates(client, candidate):
    client.force_login(candidate)
    assert "hreflang" not in client.get("/me/").text
    assert client.get("/zh-hans/me/").status_code == 404


def test_the_sitemap_lists_every_page_in_both_languages(client, role):
    xml = client.get("/sitemap.xml").text
    assert f"<loc>http://testserver/jobs/{role.pk}/</loc>" in xml
    assert f"<loc>http://testserver/zh-hans/jobs/{role.pk}/</loc>" in xml
    assert f'hreflang="zh-hans" href="http://testserver/zh-hans/jobs/{role.pk}/"' in xml
    assert 'hreflang="x-default"' in xml


def switch(client, language, next_path, **headers):
    data = {"language": language, "next": next_path}
    return client.post("/language/", data, **{"HTTP_ORIGIN": "http://testserver", **headers})


def test_the_switch_goes_to_the_same_page_in_the_other_language_and_remembers(client, role):
    response = switch(client, "zh-hans", "/jobs/?q=agent")
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/jobs/?q=agent"
    assert client.cookies["django_language"].value == "zh-hans"
    response = switch(client, "en", f"/zh-hans/jobs/{role.pk}/")
    assert response["Location"] == f"/jobs/{role.pk}/"
    assert client.cookies["django_language"].value == "en"


def test_the_switch_is_on_every_page_with_the_other_language_named_in_itself(client, candidate):
    english = client.get("/jobs/").text
    assert 'action="/language/"' in english
    assert re.search(r'value="zh-hans" lang="zh-Hans">(<span[^>]*>)?简体(</span>)?中文</button>', english)
    assert 'value="en" lang="en">English</button>' in client.get("/zh-hans/jobs/").text
    client.force_login(candidate)
    assert 'action="/language/"' in client.get("/me/").text


def test_a_signed_in_users_choice_is_kept_on_the_account(client, candidate):
    client.force_login(candidate)
    switch(client, "zh-hans", "/me/")
    candidate.refresh_from_db()
    assert candidate.language == "zh-hans"
    other_device = Client()
    other_device.force_login(candidate)
    assert html_lang(other_device.get("/me/", **ENGLISH_BROWSER)) == "zh-Hans"


def test_private_pages_follow_the_choice_then_the_browser(client, candidate):
    client.force_login(candidate)
    assert html_lang(client.get("/me/", **CHINESE_BROWSER)) == "zh-Hans"
    assert html_lang(client.get("/me/", **ENGLISH_BROWSER)) == "en"
    client.cookies["django_language"] = "zh-hans"
    assert html_lang(client.get("/me/", **ENGLISH_BROWSER)) == "zh-Hans"


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "", "HTTP_REFERER": "https://evil.example/page"},
        {"HTTP_ORIGIN": ""},
    ],
    ids=["another site", "another site's page", "no origin at all"],
)
def test_the_switch_refuses_a_form_from_another_site(client, candidate, headers):
    client.force_login(candidate)
    response = switch(client, "zh-hans", "/me/", **headers)
    assert response.status_code == 403
    candidate.refresh_from_db()
    assert candidate.language == ""
    assert "django_language" not in client.cookies


@pytest.mark.parametrize("next_path", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""])
def test_the_switch_never_leaves_the_site(client, next_path):
    response = switch(client, "zh-hans", next_path)
    assert response.status_code == 302
    assert response["Location"].startswith("/")
    assert not response["Location"].startswith("//")


def test_the_switch_ignores_a_language_the_portal_has_not(client, candidate):
    client.force_login(candidate)
    response = switch(client, "klingon", "/jobs/")
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.language == ""
    assert client.get("/language/").status_code == 405


def test_a_notification_is_written_in_the_recipients_language_whoever_causes_it(candidate, role):
    candidate.set_language("zh-hans")
    application = type("Application", (), {"posting": role, "pk": 1})()
    notify(
        recipient=candidate,
        event="application_received",
        key="language-test",
        context={"application": application},
        link=f"/jobs/{role.pk}/",
    )
    notification = Notification.objects.get(key="language-test")
    assert notification.subject == "我们已收到你的申请：Agent 评测实习生"
    assert notification.link == f"/zh-hans/jobs/{role.pk}/"
    assert f"/zh-hans/jobs/{role.pk}/" in notification.body_text


def test_a_new_account_keeps_the_language_it_was_made_in_and_gets_its_email_in_it(client):
    client.get("/zh-hans/")
    client.cookies["django_language"] = "zh-hans"
    response = client.post(
        "/accounts/signup/",
        {"email": "li.hua@example.com", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"},
    )
    assert response.status_code == 302
    notification = Notification.objects.filter(email="li.hua@example.com").latest("pk")
    assert re.search(r"[\u4e00-\u9fff]", notification.subject)
    assert notification.recipient.language == "zh-hans"
