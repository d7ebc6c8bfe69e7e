"""The application emails: escaped, plain where plain, and saying the right thing."""

import re

import pytest

from recruit.notifications.services import notify
from tests.factories import PostingFactory

pytestmark = pytest.mark.django_db

HOSTILE_NAME = "Zoë <script>alert('name')</script> O'Brien"
HOSTILE_TITLE = "ML Intern <script>alert('title')</script> & more"
EVENTS = ["application_received", "application_withdrawn", "application_released"]


@pytest.fixture
def application(candidate):
    from applicants.models import Application

    posting = PostingFactory(title=HOSTILE_TITLE, unit__name="T-Head <b>bold</b>")
    return Application(candidate=candidate, posting=posting, rank=2, status=Application.Status.SUBMITTED)


def write(event, candidate, application, **context):
    return notify(
        recipient=candidate,
        event=event,
        key=event,
        context={"application": application, "candidate_name": HOSTILE_NAME, "queued": False, **context},
    )


@pytest.mark.parametrize("event", EVENTS)
def test_the_html_part_escapes_the_candidate_name_and_posting_title(event, candidate, application):
    notification = write(event, candidate, application)

    assert "<script>" not in notification.body_html
    assert "<b>bold</b>" not in notification.body_html
    assert "&lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt;" in notification.body_html
    assert "ML Intern &lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; &amp; more" in notification.body_html
    assert notification.body_html.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("event", EVENTS)
def test_the_text_part_is_plain_text_with_the_values_as_typed(event, candidate, application):
    notification = write(event, candidate, application)

    assert HOSTILE_NAME in notification.body_text
    assert HOSTILE_TITLE in notification.body_text
    assert "&lt;" not in notification.body_text
    assert "&#x27;" not in notification.body_text
    assert "&amp;" not in notification.body_text
    assert not re.search(r"<(p|a|strong|br|html|table|td)\b", notification.body_text)
    assert "\n\n\n" not in notification.body_text


@pytest.mark.parametrize("event", EVENTS)
def test_the_subject_is_one_line_with_the_title_as_typed(event, candidate, application):
    notification = write(event, candidate, application)

    assert HOSTILE_TITLE in notification.subject
    assert "\n" not in notification.subject


def test_a_received_application_that_is_queued_says_it_waits_for_the_earlier_preference(candidate, application):
    from applicants.models import Application

    application.status = Application.Status.QUEUED
    notification = write("application_received", candidate, application, queued=True)

    assert "preference 2" in notification.body_text
    assert "waits until your earlier preference ends" in notification.body_text
    assert "will read it" not in notification.body_text


def test_a_received_application_under_review_says_the_unit_has_it(candidate, application):
    notification = write("application_received", candidate, application)

    assert "will read it and get back to you" in notification.body_text
    assert "Status now: Submitted." in notification.body_text
    assert "waits" not in notification.body_text


def test_a_released_application_says_it_is_now_with_the_unit(candidate, application):
    notification = write("application_released", candidate, application)

    assert "is now with the team" in notification.body_text


def test_the_email_links_to_the_page_when_the_site_address_is_known(candidate, application, settings):
    settings.SITE_URL = "https://careers.example.com/"
    notification = notify(
        recipient=candidate,
        event="application_received",
        key="with-link",
        context={"application": application, "candidate_name": "Alice", "queued": False},
        link="/me/applications/7/",
    )

    assert "https://careers.example.com/me/applications/7/" in notification.body_text
    assert 'href="https://careers.example.com/me/applications/7/"' in notification.body_html
