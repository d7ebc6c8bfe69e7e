"""What every public page promises: a strict CSP, no inline code, nothing from another host."""

import re

import pytest

from tests.factories import InfoSessionFactory, PostingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(db):
    posting = PostingFactory()
    InfoSessionFactory()
    return ["/", "/jobs/", "/jobs/?q=intern", f"/jobs/{posting.pk}/", "/sessions/", "/accounts/login/", "/jobs/0/"]


def test_every_page_sends_a_strict_content_security_policy(client, pages):
    for url in pages:
        policy = client.get(url)["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert "style-src 'self'" in policy


def test_no_page_has_inline_scripts_styles_or_event_handlers(client, pages):
    for url in pages:
        html = client.get(url).text
        for script in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in script or 'type="application/ld+json"' in script, (url, script)
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"\son[a-z]+=", html), url
        assert "<style" not in html, url


def test_no_page_loads_anything_from_another_host(client, pages):
    for url in pages:
        html = client.get(url).text
        for attribute in re.findall(r'(?:src|href)="([^"]+)"', html):
            # The page's own addresses in each language are absolute (hreflang wants them so): this host.
            attribute = attribute.removeprefix("http://testserver/")
            assert not attribute.startswith(("http://", "https://", "//")), (url, attribute)


def test_every_form_field_on_the_board_has_a_label(client, pages):
    html = client.get("/jobs/").text
    for field_id in re.findall(r'<input[^>]*\sid="([^"]+)"', html):
        assert f'for="{field_id}"' in html, field_id


def test_pages_are_usable_on_a_phone(client, pages):
    for url in pages:
        assert 'name="viewport" content="width=device-width, initial-scale=1"' in client.get(url).text


def test_pages_cannot_be_framed(client, pages):
    assert client.get("/")["X-Frame-Options"] == "DENY"
