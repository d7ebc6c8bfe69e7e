"""The visitor's time zone, in a real browser: reported once by the page's
script, or chosen from the list without JavaScript; kept on the account."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from recruit.accounts.models import User
from tests.factories import InfoSessionFactory, UserFactory, verify_email

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"


@pytest.fixture
def munich(live_server):
    start = dt.datetime(2027, 1, 20, 18, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    InfoSessionFactory(
        university="Technical University of Munich",
        city="Munich",
        time_zone="Europe/Berlin",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )
    return live_server.url


def zone_cookie(page):
    return next((c["value"] for c in page.context.cookies() if c["name"] == "time_zone"), None)


def test_a_browser_in_shanghai_sees_its_own_time_on_the_first_visit(munich, new_page):
    page = new_page(timezone_id="Asia/Shanghai")
    page.goto(munich + "/sessions/")
    session = page.locator(".session")
    expect(session.locator(".session__when")).to_have_text("Wed 20 Jan 2027, 18:00–20:00 Berlin time (CET)")
    expect(session.locator(".session__local")).to_have_text(
        "Your time: Thu 21 Jan 2027, 01:00–03:00 Shanghai time (CST)"
    )
    expect(page.get_by_label("Also show times in")).to_have_value("Asia/Shanghai")
    assert zone_cookie(page) == "Asia/Shanghai"


def test_a_browser_in_berlin_sees_one_time(munich, new_page):
    page = new_page(timezone_id="Europe/Berlin")
    page.goto(munich + "/")
    expect(page.locator(".session__when")).to_have_text("Wed 20 Jan 2027, 18:00–20:00 Berlin time (CET)")
    page.wait_for_load_state("networkidle")
    expect(page.locator(".session__local")).to_have_count(0)


def test_without_javascript_the_visitor_picks_their_zone(munich, new_page):
    page = new_page(java_script_enabled=False)
    page.goto(munich + "/sessions/")
    expect(page.locator(".session__local")).to_have_count(0)
    page.get_by_label("Also show times in").select_option("America/Los_Angeles")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(munich + "/sessions/")
    expect(page.locator(".session__local")).to_have_text(
        "Your time: Wed 20 Jan 2027, 09:00–11:00 Los Angeles time (PST)"
    )


def test_signing_in_keeps_the_browsers_zone_on_the_account(munich, new_page):
    user = verify_email(UserFactory(email="carla@example.com", password=PASSWORD))
    page = new_page(timezone_id="America/Los_Angeles")
    page.goto(munich + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert User.objects.get(pk=user.pk).time_zone == "America/Los_Angeles"
