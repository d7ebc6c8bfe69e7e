"""Every email: declared, complete, one layout, and rendered in both languages with no missing variable.

The events are found from templates/emails (each `<event>_subject.txt`), so a new email is checked without anyone
listing it; its example context lives in tests/notifications/examples/<app>.py.
"""

import html
import re
from pathlib import Path

import allauth
import pytest
from django.conf import settings
from django.utils import translation

from recruit.notifications import kinds
from recruit.notifications.services import notify
from tests.factories import UserFactory
from tests.notifications.examples import all_examples
from tests.test_chinese_pages import english_left

EMAILS = Path(settings.BASE_DIR) / "templates" / "emails"
EVENTS = sorted(path.name.removesuffix("_subject.txt") for path in EMAILS.glob("*_subject.txt"))
EXAMPLES = all_examples()
ALLAUTH_EMAILS = Path(allauth.__file__).parent / "templates" / "account" / "email"
MISSING = "MISSING-VARIABLE<%s>"
EXTENDS = re.compile(r"""\{%\s*extends\s+["']([^"']+)["']\s*%\}""")


def test_the_emails_are_found():
    assert {"application_offer", "interview_scheduled", "pool_digest", "password_reset_key"} <= set(EVENTS)


@pytest.mark.parametrize("event", EVENTS)
def test_every_email_has_a_kind_its_three_templates_and_an_example(event):
    kinds.kind_of(event)
    for part in ("subject.txt", "body.txt", "body.html"):
        assert (EMAILS / f"{event}_{part}").is_file(), f"emails/{event}_{part} is missing"
    assert event in EXAMPLES, f"no example for {event}: add it to tests/notifications/examples/<app>.py"


def test_every_example_is_of_an_email():
    assert set(EXAMPLES) <= set(EVENTS)


def test_every_declared_kind_is_an_email_the_portal_or_allauth_can_send():
    allauth_events = {path.name.removesuffix("_subject.txt") for path in ALLAUTH_EMAILS.glob("*_subject.txt")}
    assert {kind.event for kind in kinds.all_kinds()} <= set(EVENTS) | allauth_events


def test_every_email_allauth_can_send_is_declared_essential():
    """allauth's emails (its own templates, account/email/) go through the adapter to the outbox: each needs a kind,
    and all are account security."""
    for path in ALLAUTH_EMAILS.glob("*_subject.txt"):
        assert kinds.kind_of(path.name.removesuffix("_subject.txt")).essential, path.name


def _layouts(name: str) -> list[str]:
    """The chain of templates `name` extends, nearest first."""
    chain = []
    while match := EXTENDS.search((EMAILS.parent / name).read_text()):
        name = match.group(1)
        chain.append(name)
    return chain


@pytest.mark.parametrize("path", sorted(EMAILS.glob("*_body.html")), ids=lambda path: path.name)
def test_every_html_body_extends_the_one_layout(path):
    assert _layouts(f"emails/{path.name}")[-1:] == ["emails/base.html"]


@pytest.mark.parametrize(
    "path", sorted(p for p in EMAILS.glob("*_body.txt") if p.name != "base_body.txt"), ids=lambda path: path.name
)
def test_every_text_body_extends_the_one_text_layout(path):
    assert _layouts(f"emails/{path.name}")[-1:] == ["emails/base_body.txt"]


@pytest.fixture
def strict_templates(settings):
    """A variable the templates name but the context lacks is rendered as a marker, not as nothing."""
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "OPTIONS": {**engine["OPTIONS"], "string_if_invalid": MISSING}}]


def render(event: str, language: str):
    """The event's email to a reader of `language`, as notify writes it (the outbox row)."""
    recipient = UserFactory(email=f"reader.{language}@example.com", name="李梅", language=language)
    with translation.override(language):
        context = EXAMPLES[event]()
    return notify(recipient=recipient, event=event, key=f"example-{language}", context=context, link="/me/")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("event", EVENTS)
def test_every_email_renders_in_both_languages_with_no_missing_variable(event, language, strict_templates):
    notification = render(event, language)

    for part in (notification.subject, notification.body_text, notification.body_html):
        assert "MISSING-VARIABLE" not in part, re.findall(r"MISSING-VARIABLE<[^>]*>", part)
    assert notification.subject.strip()
    tag = "zh-Hans" if language == "zh-hans" else "en"
    assert f'<html lang="{tag}">' in notification.body_html
    assert "\n\n\n" not in notification.body_text


@pytest.mark.django_db
@pytest.mark.parametrize("event", EVENTS)
def test_every_email_says_why_it_was_sent_and_non_essential_ones_how_to_stop_them(event):
    notification = render(event, "en")

    assert (
        "You get this email" in notification.body_text
        or "about your account" in notification.body_text
        or ("You receive this email" in notification.body_text)
    )
    if kinds.kind_of(event).essential:
        assert not notification.unsubscribe_url
        assert "Unsubscribe" not in notification.body_text
    else:
        assert notification.unsubscribe_url.startswith("http://testserver/unsubscribe/")
        assert f"Unsubscribe with one click: {notification.unsubscribe_url}" in notification.body_text
        assert f'href="{html.escape(notification.unsubscribe_url)}"' in notification.body_html
        assert "http://testserver/me/notifications/settings/" in notification.body_text


def _as_chinese_page(text: str) -> str:
    return f'<html lang="zh-Hans"><body><pre>{html.escape(text)}</pre></body></html>'


@pytest.mark.django_db
@pytest.mark.parametrize("event", EVENTS)
def test_the_chinese_emails_have_no_english_left(event):
    """The check of the Chinese pages (tests/test_chinese_pages.py), on the subject and both parts."""
    notification = render(event, "zh-hans")

    left = [
        *english_left(_as_chinese_page(notification.subject)),
        *english_left(_as_chinese_page(notification.body_text)),
        *english_left(notification.body_html),
    ]
    assert not left, "\n".join(left)
