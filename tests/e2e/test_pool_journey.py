"""The talent pool's promise, end to end in the browser: a candidate one unit does not select is considered by
another.

Rita (unit A, Alibaba Cloud) turns Lin Wei down after an interview, with a reason that lets the pool suggest her
to other units. Ron (unit B, Amap) signs in, opens the talent pool from the workspace's navigation and his open
role's suggestions: Lin Wei is there with why in words (the role category she prefers, the skills she shares, the
interview elsewhere, the city), and Bo Bai, who never agreed to the pool, is not. Ron reads her pool profile and
invites her with a message. Lin Wei reads the invitation in her notifications, her email and /me/pool/ (which also
says that Amap opened her pool profile), and accepts it. Ron finds her
application on the role's board and in the applicant list, its source "Invited from the talent pool".
"""

import re
import time

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from applicants.models import Application
from recruit.notifications.models import Notification
from talentpool.models import Invitation, PoolEntry
from tests.e2e.conftest import sign_in
from tests.factories import verify_email

from .pool_data import make_pool_season

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

S = Application.Status
PASSWORD = "correct-horse-battery"
MAIL_WAIT_SECONDS = 10
DESKTOP = {"viewport": {"width": 1400, "height": 1000}}
MESSAGE = "Your agent evaluation work is what our map agents need. Would you apply?"


@pytest.fixture
def season(live_server, settings, tmp_path, unit_a, unit_b, recruiter_a, recruiter_b):
    settings.MEDIA_ROOT = tmp_path
    verify_email(recruiter_b)
    return make_pool_season(unit_a, unit_b, recruiter_a)


def wait_for_mail(to: str, subject_contains: str, timeout: float = MAIL_WAIT_SECONDS):
    """The first email to `to` whose subject contains `subject_contains`, in Django's test outbox (sent by a task
    after the request's commit, so it may land a moment after the page)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in list(mail.outbox):
            if to in message.to and subject_contains in message.subject:
                return message
        time.sleep(0.05)
    pytest.fail(f"No email to {to} about {subject_contains!r} within {timeout} s: {[m.subject for m in mail.outbox]}")


def test_a_candidate_turned_down_by_one_unit_is_invited_by_another_and_applies(
    new_page, live_server, season, recruiter_a, recruiter_b, unit_b, screenshot
):
    url = live_server.url
    lin = season.candidate

    # --- 1. Rita opens Lin Wei's application from her role's board and turns it down, the pool allowed.
    rita: Page = new_page(**DESKTOP)
    sign_in(rita.context, recruiter_a, url)
    rita.goto(f"{url}/recruit/postings/{season.posting_a.pk}/board/")
    rita.locator(f"#card-{season.application_a.pk}").get_by_role("link", name="Lin Wei").click()
    expect(rita.get_by_role("heading", level=1)).to_contain_text("Lin Wei")
    rita.get_by_role("link", name="Reject…").click()
    expect(rita.get_by_role("heading", level=1)).to_contain_text("Reject Lin Wei")
    # Each reason says what it means for the pool; Rita picks the one that lets other units consider her.
    expect(rita.get_by_label(season.final.name)).to_be_visible()
    resurfacing = rita.get_by_label(season.resurfacing.name)
    expect(resurfacing).to_be_visible()
    resurfacing.check()
    rita.get_by_role("button", name="Reject the application").click()
    expect(rita.locator(".messages")).to_be_visible()
    application_a = Application.objects.get(pk=season.application_a.pk)
    assert (application_a.status, application_a.rejection_reason) == (S.REJECTED, season.resurfacing)
    assert PoolEntry.objects.get(candidate=lin).is_available
    screenshot(rita, "pool-journey-rejected")

    # --- 2. Ron signs in, opens the talent pool and his role's suggestions, and invites Lin Wei.
    ron: Page = new_page(**DESKTOP)
    ron.goto(f"{url}/accounts/login/")
    ron.get_by_label("Email").fill(recruiter_b.email)
    ron.get_by_label("Password").fill(PASSWORD)
    ron.get_by_role("button", name="Sign in").click()
    expect(ron).to_have_url(f"{url}/recruit/units/{unit_b.slug}/")
    ron.get_by_role("navigation", name="Workspace").get_by_role("link", name="Talent pool").click()
    expect(ron).to_have_url(f"{url}/recruit/pool/")
    expect(ron.get_by_role("heading", level=1)).to_have_text("Talent pool")
    postings = ron.locator(".pool-postings")
    # Unit A's role is not Ron's to fill: only unit B's open role is listed.
    expect(postings.get_by_role("link", name="Cloud Agent Intern")).to_have_count(0)
    postings.get_by_role("link", name="Map Agent Intern").click()
    expect(ron).to_have_url(f"{url}/recruit/pool/postings/{season.posting_b.pk}/")
    expect(ron.get_by_role("heading", level=1)).to_contain_text("Map Agent Intern")

    suggestions = ron.locator("ol.pool-suggestions > li")
    expect(suggestions).to_have_count(1)
    suggestion = suggestions.filter(has=ron.get_by_role("heading", name="Lin Wei"))
    expect(suggestion).to_be_visible()
    reasons = suggestion.locator(".pool-card__reasons")
    expect(reasons).to_contain_text("AI Agent Optimization Engineer preferred")
    # Three of the role's three skills: Python and CUDA from her profile, Kubernetes from her resume's text.
    expect(reasons).to_contain_text(re.compile(r"3 of 3 skills: (?=.*CUDA)(?=.*Kubernetes)(?=.*Python)"))
    expect(reasons).to_contain_text("reached interview at another unit")
    expect(reasons).to_contain_text("Hangzhou")
    # Never who turned her down, nor why.
    expect(reasons).not_to_contain_text("Alibaba Cloud")
    expect(reasons).not_to_contain_text(season.resurfacing.name)
    # Bo Bai fits as well but never agreed to the pool.
    expect(ron.get_by_text("Bo Bai")).to_have_count(0)
    screenshot(ron, "pool-journey-suggestions")

    # Her pool profile first: what she agreed to share (the resume's text, no contact details); the visit is logged.
    suggestion.get_by_role("link", name="Lin Wei").click()
    expect(ron.get_by_role("heading", level=1)).to_have_text("Lin Wei")
    expect(ron.locator("main")).to_contain_text("Kubernetes")
    expect(ron.locator("main")).not_to_contain_text(lin.email)
    ron.go_back()
    suggestion.get_by_role("link", name="Invite").click()
    expect(ron.get_by_role("heading", level=1)).to_have_text("Invite Lin Wei")
    expect(ron.get_by_role("region", name="Why suggested")).to_contain_text("AI Agent Optimization Engineer preferred")
    # Her contact details stay private until she applies.
    expect(ron.locator("main")).not_to_contain_text(lin.email)
    ron.get_by_label("Your message to the candidate").fill(MESSAGE)
    ron.get_by_role("button", name="Send the invitation").click()
    expect(ron.locator(".messages")).to_contain_text("Lin Wei is invited.")
    expect(ron).to_have_url(f"{url}/recruit/pool/postings/{season.posting_b.pk}/")
    invitation = Invitation.objects.get(entry__candidate=lin)
    assert (invitation.posting, invitation.recruiter, invitation.message, invitation.state) == (
        season.posting_b,
        recruiter_b,
        MESSAGE,
        Invitation.State.SENT,
    )

    # --- 3. Lin Wei is told by email and in her notifications, reads the invitation on /me/pool/, accepts it.
    email = wait_for_mail(lin.email, "Amap invites you to apply: Map Agent Intern")
    assert MESSAGE in email.body
    assert "AI Agent Optimization Engineer preferred" in email.body
    assert "/me/pool/" in email.body
    for secret in ("Alibaba Cloud", "Cloud Agent Intern", season.resurfacing.name, "Rita"):
        assert secret not in email.body
    assert Notification.objects.filter(recipient=lin, event="pool_invitation", email=lin.email).count() == 1

    candidate: Page = new_page(**DESKTOP)
    sign_in(candidate.context, lin, url)
    candidate.goto(f"{url}/me/notifications/")
    notice = candidate.locator("article.card").filter(has_text="Amap invites you to apply: Map Agent Intern")
    expect(notice).to_have_count(1)
    notice.get_by_role("button", name="Open").click()
    expect(candidate).to_have_url(f"{url}/me/pool/")
    invitations = candidate.get_by_role("region", name=re.compile(r"^Invitations"))
    card = invitations.locator("article.card").filter(has=candidate.get_by_role("link", name="Map Agent Intern"))
    expect(card).to_contain_text("Amap")
    expect(card).to_contain_text("Why you were suggested: AI Agent Optimization Engineer preferred")
    expect(card).to_contain_text(MESSAGE)
    screenshot(candidate, "pool-journey-invitation")
    # Which units opened her pool profile (never who).
    viewed = candidate.get_by_role("region", name="Who viewed your pool profile")
    expect(viewed).to_contain_text("Amap")
    expect(viewed).not_to_contain_text("Ron")
    card.get_by_role("button", name="Accept and apply").click()
    expect(candidate.locator(".messages")).to_contain_text("Your application to Map Agent Intern at Amap is sent.")
    application_b = Application.objects.get(candidate=lin, posting=season.posting_b)
    assert (application_b.status, application_b.source) == (S.SUBMITTED, Application.Source.TALENT_POOL)
    expect(candidate).to_have_url(re.compile(rf"/me/applications/{application_b.pk}/$"))
    assert Invitation.objects.get(pk=invitation.pk).state == Invitation.State.ACCEPTED

    # --- 4. Ron finds her application on the role's board and in the applicant list, from the talent pool.
    ron.goto(f"{url}/recruit/postings/{season.posting_b.pk}/board/")
    new_card = ron.locator('[data-cards="submitted"]').locator(f"#card-{application_b.pk}")
    expect(new_card).to_contain_text("Lin Wei")
    expect(new_card).to_contain_text("Invited from the talent pool")
    screenshot(ron, "pool-journey-board")
    ron.get_by_role("navigation", name="Workspace").get_by_role("link", name="Applicants").click()
    row = ron.locator("tbody tr").filter(has_text="Lin Wei")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Map Agent Intern")
    expect(row).to_contain_text("Invited from the talent pool")
