"""The session emails: every template renders in both languages with the context the services pass."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from tests.notifications.examples.infosessions import EXAMPLES

pytestmark = pytest.mark.django_db

MISSING = "MISSING-VARIABLE"


@pytest.fixture
def strict_templates(settings):
    settings.TEMPLATES = [
        {**engine, "OPTIONS": {**engine.get("OPTIONS", {}), "string_if_invalid": MISSING}}
        for engine in settings.TEMPLATES
    ]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("event", sorted(EXAMPLES))
def test_every_session_email_renders_without_missing_variables(strict_templates, event, language):
    with translation.override(language):
        context = {"site_name": "Campus Recruitment", "recipient": None, "link_url": "https://x.example/s/7/"}
        context |= EXAMPLES[event]()
        for part in ("subject.txt", "body.txt", "body.html"):
            text = render_to_string(f"emails/{event}_{part}", context)
            assert MISSING not in text, (event, part)
            assert text.strip()


def test_the_examples_cover_every_session_template():
    from pathlib import Path

    from django.conf import settings

    names = {
        path.name.removesuffix("_subject.txt")
        for path in Path(settings.BASE_DIR, "templates", "emails").glob("session_*_subject.txt")
    }
    assert names == set(EXAMPLES)


def test_the_emails_tell_both_times_and_the_code():
    with translation.override("en"):
        context = {"site_name": "Campus Recruitment", "recipient": None, "link_url": ""} | EXAMPLES[
            "session_promoted"
        ]()
        body = render_to_string("emails/session_promoted_body.txt", context)
    assert "Thu 18 Mar 2027, 17:30–19:30 Los Angeles time (PDT)" in body
    assert "Your time: Fri 19 Mar 2027, 08:30–10:30 Shanghai time (CST)" in body
    assert "ACDEF-34679" in body
    assert "https://live.example.com/bay-area" in body


def test_the_kinds_declare_reminders_optional_and_the_rest_essential():
    from infosessions import notification_kinds
    from recruit.notifications import kinds

    declared = {kind.event: kind.topic for kind in notification_kinds.KINDS}
    assert declared == {
        "session_registered": None,
        "session_waitlisted": None,
        "session_promoted": None,
        "session_cancelled": None,
        "session_reminder": "session_reminders",
    }
    assert [topic.slug for topic in notification_kinds.TOPICS] == ["session_reminders"]
    assert kinds
