"""A new student's journey from a posting to two applications, in a real browser:
sign up, verify the address from the email, fill the profile (the graduation
window checked live as the date changes), upload a resume, apply to a role in
Hangzhou and to one in Singapore (which asks for the cross-border consent),
then withdraw the first choice and see the second released to its unit.
"""

import re
import time
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import Page, expect

from applicants.models import Application
from postings.models import Program
from tests.applicants import pdfs
from tests.factories import BusinessUnitFactory, LocationFactory, PostingFactory, ProgramFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL = "mei.lin@example.edu"
PASSWORD = "a-Long-and-rare-passphrase-27"
# How long the verification email may take to reach the test's mail outbox.
MAIL_WAIT_SECONDS = 10


@pytest.fixture
def season(live_server, settings, tmp_path):
    """An open program reviewing preferences in order (two at most), with roles in Hangzhou, Singapore, Beijing."""
    settings.MEDIA_ROOT = tmp_path
    # allauth counts sign-ups and confirmation emails in the (possibly shared) cache.
    cache.clear()
    program = ProgramFactory(max_active_applications=2, review=Program.Review.ORDERED)
    hangzhou = LocationFactory(name="Hangzhou")
    singapore = LocationFactory(name="Singapore", country="Singapore", country_code="SG", in_mainland_china=False)
    beijing = LocationFactory(name="Beijing")
    hangzhou_role = PostingFactory(
        program=program,
        title="AI Agent Platform Intern",
        unit=BusinessUnitFactory(name="Alibaba Cloud", slug="alibaba-cloud"),
        locations=[hangzhou],
    )
    singapore_role = PostingFactory(
        program=program,
        title="Cross-border Commerce Search Intern",
        unit=BusinessUnitFactory(name="Alibaba International", slug="alibaba-international"),
        locations=[singapore],
    )
    PostingFactory(
        program=program,
        title="Map Tiles Inference Intern",
        unit=BusinessUnitFactory(name="Amap", slug="amap"),
        locations=[beijing],
    )
    yield SimpleNamespace(url=live_server.url, hangzhou=hangzhou_role, singapore=singapore_role)
    cache.clear()


def wait_for_mail(to: str, subject_contains: str = "", timeout: float = MAIL_WAIT_SECONDS):
    """The first email to `to` (whose subject contains `subject_contains`) in Django's test outbox.

    The outbox row is written in the request's transaction and delivered by a
    task after the commit, so the email may land a moment after the page.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in list(mail.outbox):
            if to in message.to and subject_contains in message.subject:
                return message
        time.sleep(0.05)
    pytest.fail(f"No email to {to} about {subject_contains!r} within {timeout} s: {[m.subject for m in mail.outbox]}")


def is_window_check(response) -> bool:
    """The htmx request that re-checks the graduation window as the date changes."""
    return (
        urlsplit(response.url).path == "/me/profile/eligibility/"
        and response.request.headers.get("hx-request") == "true"
    )


def next_of(page: Page) -> str | None:
    return parse_qs(urlsplit(page.url).query).get("next", [None])[0]


def apply_path(posting) -> str:
    return f"/me/apply/{posting.pk}/"


def applications_section(page: Page):
    return page.get_by_role("region", name="Applications")


def application_row(page: Page, title: str):
    return applications_section(page).get_by_role("listitem").filter(has_text=title)


def test_new_student_signs_up_completes_profile_applies_twice_and_withdraws(season, page, page_problems, screenshot):
    hangzhou, singapore = season.hangzhou, season.singapore

    # --- A posting, signed out: applying leads to sign-in, then to sign-up.
    page.goto(f"{season.url}/jobs/{hangzhou.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(hangzhou.title)
    page.get_by_role("link", name="Sign in to apply").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?"))
    assert next_of(page) == apply_path(hangzhou)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_role("link", name="Create an account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your account")
    assert next_of(page) == apply_path(hangzhou), "Sign-up forgets the role the student wanted to apply to"

    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    expect(page).to_have_url(season.url + "/accounts/confirm-email/")

    # --- The verification email: its link, opened on this server, then confirmed (a POST).
    message = wait_for_mail(EMAIL, "Confirm your email address")
    links = re.findall(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
    assert links, f"No confirmation link in the verification email:\n{message.body}"
    # The link says https (secure cookies, as in production); the live server speaks http.
    page.goto(season.url + urlsplit(links[0]).path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify your email address")
    expect(page.get_by_text(EMAIL)).to_be_visible()
    page.get_by_role("button", name="Verify my address").click()

    expect(page.get_by_role("status")).to_contain_text(f"You have confirmed {EMAIL}.")

    # The confirmation signs the student in, in the browser that signed up.
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    # ... and carries on to the role they wanted to apply to.
    expect(page).to_have_url(re.compile(r"/me/apply/\d+/$"))

    # --- The profile: an ineligible graduation date is explained before saving, then fixed.
    page.goto(season.url + "/me/profile/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")
    page.get_by_label("Full name").fill("Mei Lin")
    page.get_by_label("School or university").fill("Zhejiang University")
    page.get_by_label("Degree level").select_option(label="Master's")
    page.get_by_label("Major").fill("Computer Science")
    window_check = page.locator("#window-checks")
    expect(window_check).to_contain_text("Add your expected graduation date")
    graduation = page.get_by_label("Expected graduation date")
    with page.expect_response(is_window_check) as check:
        graduation.fill("2026-10-15")
    assert check.value.ok
    expect(window_check).to_contain_text(
        "Your expected graduation date, 15 October 2026, is before the window of "
        f"{hangzhou.program.name} (1 November 2026 to 30 October 2027)."
    )
    screenshot(page, "journey-profile")
    with page.expect_response(is_window_check):
        graduation.fill("2027-06-30")
    expect(window_check).to_contain_text("Your graduation date is inside the window of")
    expect(window_check).not_to_contain_text("before the window of")
    page.get_by_role("button", name="Save profile").click()
    expect(page).to_have_url(season.url + "/me/")
    expect(page.get_by_role("status")).to_contain_text("Your profile is saved.")

    # --- A resume, uploaded as a PDF.
    page.get_by_role("navigation", name="Candidate area").get_by_role("link", name="Resumes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your resumes")
    page.get_by_label("Resume (PDF)").set_input_files(
        files=[{"name": "mei-lin-resume.pdf", "mimeType": "application/pdf", "buffer": pdfs.valid("Mei Lin - Python")}]
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("status")).to_contain_text("Your resume is uploaded and is now your current one.")
    resume_row = page.get_by_role("row").filter(has_text="mei-lin-resume.pdf")
    expect(resume_row).to_have_count(1)
    expect(resume_row.get_by_role("cell").nth(3)).to_have_text("Current")

    # --- First choice, Hangzhou: nothing missing; talent-pool consent ticked; sent.
    page.goto(f"{season.url}/jobs/{hangzhou.pk}/")
    page.get_by_role("link", name="Apply", exact=True).click()
    expect(page).to_have_url(season.url + apply_path(hangzhou))
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply")
    expect(page.get_by_role("heading", name="Why you cannot apply yet")).to_have_count(0)
    expect(page.get_by_text("You may apply to this role.")).to_be_visible()
    expect(page.get_by_role("group", name="Cross-border data transfer")).to_have_count(0)
    page.get_by_role("checkbox", name=re.compile(r"^Keep my resume in the talent pool")).check()
    screenshot(page, "journey-apply")
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_role("status")).to_contain_text("Your application is received.")
    first = Application.objects.get(posting=hangzhou)
    expect(page).to_have_url(f"{season.url}/me/applications/{first.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(hangzhou.title)
    expect(page.get_by_role("main").get_by_text("Submitted", exact=True)).to_be_visible()
    expect(page.get_by_role("main").get_by_text("Preference 1", exact=True)).to_be_visible()

    # --- Second choice, Singapore: refused without the cross-border consent, sent with it.
    page.goto(f"{season.url}/jobs/{singapore.pk}/")
    page.get_by_role("link", name="Apply", exact=True).click()
    expect(page).to_have_url(season.url + apply_path(singapore))
    cross_border = page.get_by_role("group", name="Cross-border data transfer")
    expect(cross_border).to_be_visible()
    expect(page.get_by_role("group", name="Talent pool (optional)")).to_have_count(0)
    # The browser asks for the consent before sending (the server refuses without it too: request tests).
    page.get_by_role("button", name="Send my application").click()
    expect(page).to_have_url(season.url + apply_path(singapore))
    assert cross_border.get_by_role("checkbox").evaluate("box => !box.validity.valid")
    assert not Application.objects.filter(posting=singapore).exists(), "A refused application was created"
    cross_border.get_by_role("checkbox").check()
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_role("status")).to_contain_text("Your application is received.")
    second = Application.objects.get(posting=singapore)
    expect(page).to_have_url(f"{season.url}/me/applications/{second.pk}/")
    expect(page.get_by_role("main").get_by_text("Waiting for your earlier preference", exact=True)).to_be_visible()
    expect(page.get_by_role("main").get_by_text("Preference 2", exact=True)).to_be_visible()
    expect(page.get_by_text("You agreed to the cross-border transfer for this application.")).to_be_visible()

    # --- The overview lists both, in preference order.
    page.get_by_role("link", name="My applications").click()
    expect(applications_section(page).get_by_role("listitem")).to_have_count(2)
    expect(application_row(page, hangzhou.title)).to_contain_text("Preference 1")
    expect(application_row(page, hangzhou.title)).to_contain_text("Submitted")
    expect(application_row(page, singapore.title)).to_contain_text("Preference 2")
    expect(application_row(page, singapore.title)).to_contain_text("Waiting for your earlier preference")

    # --- Withdrawing the first choice, after a confirmation, releases the second to its unit.
    application_row(page, hangzhou.title).get_by_role("link", name=hangzhou.title).click()
    page.get_by_role("link", name="Withdraw this application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Withdraw your application?")
    page.get_by_role("button", name="Yes, withdraw").click()
    expect(page).to_have_url(f"{season.url}/me/applications/{first.pk}/")
    expect(page.get_by_role("status")).to_contain_text("Your application is withdrawn.")
    expect(page.get_by_role("main").get_by_text("Withdrawn", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Withdraw this application")).to_have_count(0)

    page.get_by_role("link", name="My applications").click()
    expect(application_row(page, hangzhou.title)).to_contain_text("Withdrawn")
    expect(application_row(page, hangzhou.title)).not_to_contain_text("Preference")
    expect(application_row(page, singapore.title)).to_contain_text("Submitted")
    expect(application_row(page, singapore.title)).not_to_contain_text("Waiting for your earlier preference")
    screenshot(page, "journey-me")

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Application.Status.WITHDRAWN, Application.Status.SUBMITTED)
    wait_for_mail(EMAIL, f"now with the team: {singapore.title}")
    assert page_problems.all() == []
