"""A student registers for a full information session in a real browser, lands on the waitlist, and is given the
seat when someone cancels: they see it on the session's page, with their check-in code; the recruiter checks
them in at the door."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from infosessions.models import Registration
from infosessions.services import registration_create
from recruit.notifications.models import Notification
from tests.e2e.conftest import sign_in
from tests.factories import InfoSessionFactory, UnitMembershipFactory, UserFactory, verify_email

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"


@pytest.fixture
def full_session(live_server):
    """One seat, taken by Bob, at Zhejiang University in ten days; Rita recruits for its unit."""
    start = timezone.now() + dt.timedelta(days=10)
    session = InfoSessionFactory(
        university="Zhejiang University", capacity=1, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    rita = UnitMembershipFactory(user=verify_email(UserFactory(email="rita@example.com", name="Rita Recruiter"))).user
    session.units.set([rita.unit_memberships.get().unit])
    bob = verify_email(UserFactory(email="bob@example.com", name="Bob Candidate"))
    registration_create(user=bob, session=session)
    alice = verify_email(UserFactory(email="alice@example.com", name="Alice Candidate"))
    return session, alice, bob, rita


def test_a_student_waits_for_a_full_session_and_gets_the_seat_someone_frees(
    live_server, full_session, new_page, page_problems
):
    session, alice, bob, rita = full_session
    url = live_server.url

    # --- Signed out: the list, the session, and registering asks to sign in, then comes back.
    page = new_page()
    page.goto(f"{url}/sessions/")
    card = page.locator(".session").filter(has_text="Zhejiang University")
    expect(card).to_contain_text("Full: registering puts you on the waitlist")
    card.get_by_role("link", name="Zhejiang University").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zhejiang University")
    page.get_by_role("link", name="Sign in to register").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.get_by_label("Email").fill(alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{url}/sessions/{session.pk}/")

    # --- Full: she joins the waitlist, and the page says so.
    page.get_by_role("button", name="Join the waitlist").click()
    expect(page.get_by_text("The session is full: you are on the waitlist.")).to_be_visible()
    expect(page.get_by_text("You are on the waitlist, number 1.")).to_be_visible()
    assert Registration.objects.get(user=alice).state == Registration.State.WAITLISTED

    # --- Bob cancels on his page: the seat is hers.
    bobs = new_page()
    sign_in(bobs.context, bob, url)
    bobs.goto(f"{url}/sessions/{session.pk}/")
    bobs.get_by_role("button", name="Cancel my registration").click()
    expect(bobs.get_by_text("Your registration is cancelled.")).to_be_visible()

    page.reload()
    expect(page.get_by_text("You are registered.")).to_be_visible()
    code = Registration.objects.get(user=alice, state=Registration.State.REGISTERED).check_in_code_grouped
    expect(page.locator(".check-in-code")).to_have_text(code)
    assert Notification.objects.filter(recipient=alice, event="session_promoted").count() == 1
    page.goto(f"{url}/sessions/")
    expect(page.locator(".session").filter(has_text="Zhejiang University")).to_contain_text("You are registered")

    # --- At the door, Rita types her code.
    desk = new_page()
    sign_in(desk.context, rita, url)
    desk.goto(f"{url}/recruit/sessions/{session.pk}/")
    desk.get_by_label("Check-in code").fill(code.lower())
    desk.get_by_role("button", name="Check in").click()
    expect(desk.get_by_text("Alice Candidate is checked in.")).to_be_visible()
    desk.get_by_label("Check-in code").fill(code)
    desk.get_by_role("button", name="Check in").click()
    expect(desk.get_by_text("This code was already used")).to_be_visible()

    assert page_problems.all() == []
