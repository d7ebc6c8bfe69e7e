"""A recruiter's day, end to end in the browser, then the candidate's and an admin's side of it.

Rita signs in and lands on her unit's workspace, opens a posting's board,
moves one applicant to Interview by keyboard alone and another by drag and
drop, schedules an interview, turns a third applicant down with a reason; the
candidate sees the interview's time on their application and has its
invitation in their mailbox (with the calendar file); an admin approves a
submitted draft, which then appears on the public board.
"""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from applicants.models import Application, Interview
from postings.models import Posting
from recruit.notifications.models import Notification
from tests.e2e.conftest import sign_in
from tests.factories import PostingFactory, RejectionReasonFactory, verify_email
from tests.workspace.pipeline_data import applicant

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

S = Application.Status
PASSWORD = "correct-horse-battery"


@pytest.fixture
def season(recruiter_a, unit_a, admin_user):
    posting = PostingFactory(unit=unit_a, title="Agent Engineer Intern")
    ana = applicant(posting, name="Ana Alvarez", status=S.SCREENING, days=4)
    Application.objects.filter(pk=ana.pk).update(status=S.SCREENING)
    ana.candidate.time_zone = "Europe/Berlin"
    ana.candidate.save(update_fields=["time_zone"])
    verify_email(ana.candidate)
    bo = applicant(posting, name="Bo Bai", status=S.ASSESSMENT, days=2)
    cy = applicant(posting, name="Cy Chen", status=S.SUBMITTED, days=1)
    reason = RejectionReasonFactory()
    draft = PostingFactory(
        unit=unit_a,
        program=posting.program,
        title="Agent Memory Intern",
        status=Posting.Status.SUBMITTED,
        published_at=None,
    )
    verify_email(recruiter_a)
    recruiter_a.time_zone = "Asia/Shanghai"
    recruiter_a.save(update_fields=["time_zone"])
    return {"posting": posting, "ana": ana, "bo": bo, "cy": cy, "reason": reason, "draft": draft, "unit": unit_a}


def next_weekday(zone_days=3) -> dt.date:
    day = timezone.now().date() + dt.timedelta(days=zone_days)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def status_of(application) -> str:
    return Application.objects.get(pk=application.pk).status


def test_a_recruiter_works_through_the_pipeline_and_an_admin_publishes_a_draft(
    new_page, live_server, season, recruiter_a, admin_user, screenshot
):
    page: Page = new_page(viewport={"width": 1600, "height": 1000})
    # Signing in on the site's page lands on the unit's workspace, not on /me/.
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(recruiter_a.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/recruit/units/{season['unit'].slug}/")
    screenshot(page, "journey-dashboard")

    page.goto(f"{live_server.url}/recruit/postings/{season['posting'].pk}/board/")
    ana, bo, cy = season["ana"], season["bo"], season["cy"]
    # By keyboard alone: focus Ana's card, `m` for its stages, pick Interview, Tab to Move, Enter.
    page.locator(f"#card-{ana.pk}").focus()
    page.keyboard.press("m")
    expect(page.locator(f"#move-{ana.pk}")).to_be_focused()
    page.select_option(f"#move-{ana.pk}", "interview")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator('[data-cards="interview"]').locator(f"#card-{ana.pk}")).to_be_visible()
    assert status_of(ana) == S.INTERVIEW
    # By drag and drop: Bo from Assessment onto Interview.
    page.locator(f"#card-{bo.pk}").drag_to(page.locator('[data-drop-stage="interview"]'))
    expect(page.locator('[data-cards="interview"]').locator(f"#card-{bo.pk}")).to_be_visible()
    assert status_of(bo) == S.INTERVIEW

    # Ana's application page, then an interview for her.
    page.locator(f"#card-{ana.pk}").get_by_role("link", name="Ana Alvarez").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ana Alvarez")
    page.get_by_role("link", name="Schedule an interview").first.click()
    day = next_weekday()
    page.get_by_label("Date").fill(day.isoformat())
    # 16:00 in Shanghai is 09:00 in Berlin, where Ana is: business hours for both.
    page.get_by_label("Start time").fill("16:00")
    page.get_by_label("Time zone").select_option("Asia/Shanghai")
    page.get_by_label("Rita Recruiter").check()
    page.get_by_label("Video link").fill("https://meet.example.com/ana-agent")
    page.get_by_role("button", name="Schedule and invite").click()
    expect(page.locator(".messages")).to_be_visible()
    interview = Interview.objects.get(application=ana)
    assert interview.starts_at == dt.datetime.combine(day, dt.time(16), tzinfo=dt.UTC) - dt.timedelta(hours=8)

    # Cy is turned down with a reason from the list.
    page.goto(f"{live_server.url}/recruit/applications/{cy.pk}/reject/")
    page.get_by_label(season["reason"].name).check()
    page.get_by_role("button", name="Reject the application").click()
    expect(page.locator(".messages")).to_be_visible()
    cy.refresh_from_db()
    assert (cy.status, cy.rejection_reason) == (S.REJECTED, season["reason"])
    screenshot(page, "journey-rejected")

    # Ana sees when, in her zone (Berlin) and the interview's (Shanghai), and has the invitation with its .ics.
    candidate = new_page(viewport={"width": 1280, "height": 900})
    sign_in(candidate.context, ana.candidate, live_server.url)
    candidate.goto(f"{live_server.url}/me/applications/{ana.pk}/")
    interviews = candidate.locator("ul.sessions")
    expect(interviews).to_contain_text("16:00")
    expect(interviews).to_contain_text("09:00")
    expect(interviews).to_contain_text("Rita Recruiter")
    invitation = Notification.objects.get(recipient=ana.candidate, event="interview_scheduled")
    assert invitation.email == ana.candidate.email
    assert any("BEGIN:VCALENDAR" in attachment["content"] for attachment in invitation.attachments)
    # Cy's email is the courteous one, without the reason.
    rejected = Notification.objects.get(recipient=cy.candidate, event="application_rejected")
    assert season["reason"].name not in rejected.body_text

    # An admin approves the submitted draft; it is on the public board at once.
    admin = new_page(viewport={"width": 1280, "height": 900})
    sign_in(admin.context, admin_user, live_server.url)
    admin.goto(f"{live_server.url}/recruit/approvals/")
    admin.get_by_role("link", name="Agent Memory Intern").first.click()
    admin.get_by_role("button", name="Approve").click()
    expect(admin.locator(".messages")).to_be_visible()
    assert Posting.objects.get(pk=season["draft"].pk).status == Posting.Status.PUBLISHED
    admin.goto(f"{live_server.url}/jobs/")
    expect(admin.get_by_role("link", name="Agent Memory Intern")).to_be_visible()
    screenshot(admin, "journey-published")
