"""Every email of the workflow: in the candidate's words, plain where plain, never a recruiter's reason."""

import re

import pytest

from applicants.eligibility import REAPPLY_RULE
from applicants.workflow import MOVES
from recruit.notifications.services import notify
from tests.factories import PostingFactory

pytestmark = pytest.mark.django_db

HOSTILE_TITLE = "ML Intern <script>alert('title')</script> & more"
EVENTS = sorted({move.event for move in MOVES.values()} | {"application_received"})


@pytest.fixture
def application(candidate):
    from applicants.models import Application

    posting = PostingFactory(title=HOSTILE_TITLE, unit__name="T-Head")
    return Application(pk=7, candidate=candidate, posting=posting, rank=1, status=Application.Status.SUBMITTED)


def write(event, candidate, application, *, in_pool):
    context = {
        "application": application,
        "candidate_name": "Alice",
        "queued": False,
        "in_pool": in_pool,
        "reapply_rule": str(REAPPLY_RULE),
    }
    return notify(recipient=candidate, event=event, key=f"{event}-{in_pool}", context=context, link="/me/")


@pytest.mark.parametrize("in_pool", [True, False])
@pytest.mark.parametrize("event", EVENTS)
def test_every_email_is_plain_in_text_escaped_in_html_and_tidy(event, candidate, application, in_pool, settings):
    settings.SITE_URL = "http://testserver"
    notification = write(event, candidate, application, in_pool=in_pool)
    assert HOSTILE_TITLE in notification.body_text
    assert "&lt;script&gt;" in notification.body_html
    assert not re.search(r"<(p|a|strong|br|html)\b", notification.body_text)
    assert "\n\n\n" not in notification.body_text
    assert notification.body_text.startswith("Hi Alice,")
    assert "http://testserver/me/" in notification.body_text
    assert "\n" not in notification.subject


@pytest.mark.parametrize("event", EVENTS)
def test_the_talent_pool_is_promised_only_with_consent(event, candidate, application):
    without = write(event, candidate, application, in_pool=False)
    assert "stays in the talent pool" not in without.body_text + without.body_html


@pytest.mark.parametrize("event", ["application_rejected", "application_withdrawn", "application_declined"])
def test_the_endings_mention_the_pool_when_consented(event, candidate, application):
    with_consent = write(event, candidate, application, in_pool=True)
    assert "stays in the talent pool" in with_consent.body_text
    assert "stays in the talent pool" in with_consent.body_html


def test_no_email_invites_to_apply_again_to_the_same_role(candidate, application):
    for event in EVENTS:
        notification = write(event, candidate, application, in_pool=True)
        assert "apply again" not in notification.body_text.lower()
