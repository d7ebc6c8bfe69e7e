"""The public pages: the list with its filters, a session's page, registering and cancelling, the .ics file."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest

from infosessions.models import Registration
from infosessions.services import registration_create
from tests.factories import BusinessUnitFactory
from tests.infosessions.conftest import make_session, person

pytestmark = pytest.mark.django_db
State = Registration.State


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


# --- The list ------------------------------------------------------------------------


def test_the_list_shows_upcoming_and_past_sessions_with_seats(client, unit_a):
    make_session(units=[unit_a], university="Zhejiang University", capacity=3)
    make_session(units=[unit_a], university="Peking University", days=-5)
    html = client.get("/sessions/").text
    page = text_of(html[html.index('id="upcoming-title"') :])
    assert "Zhejiang University" in page and "3 seats left" in page
    assert page.index("Upcoming") < page.index("Zhejiang University") < page.index("Past sessions")
    assert page.index("Past sessions") < page.index("Peking University")


def test_a_full_session_says_registering_puts_you_on_the_waitlist(client, unit_a):
    session = make_session(units=[unit_a], capacity=1)
    registration_create(user=person(1), session=session)
    assert "Full: registering puts you on the waitlist" in client.get("/sessions/").text


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("city=Beijing", ["Peking University", "Tsinghua University"], ["Zhejiang University"]),
        ("city=beijing", ["Peking University"], ["Zhejiang University"]),
        ("city=北京", ["Peking University"], ["Zhejiang University"]),
        ("university=Zhejiang+University", ["Zhejiang University"], ["Peking University"]),
        ("city=Beijing&university=Tsinghua+University", ["Tsinghua University"], ["Peking University"]),
    ],
)
def test_the_list_filters_by_city_and_university(client, unit_a, query, shown, hidden):
    make_session(units=[unit_a], university="Zhejiang University", city="Hangzhou")
    make_session(units=[unit_a], university="Peking University", city="Beijing", city_zh_hans="北京")
    make_session(units=[unit_a], university="Tsinghua University", city="Beijing", city_zh_hans="北京")
    listed = client.get(f"/sessions/?{query}").text
    sessions = listed[listed.index('id="upcoming-title"') :]
    for name in shown:
        assert name in sessions
    for name in hidden:
        assert name not in sessions


@pytest.mark.parametrize(
    "query",
    [
        "city=Atlantis",
        "university=" + "x" * 5000,
        "city=%00",
        "city=%FF%FE",
        "city=Beijing&city=Hangzhou",
        "university=<script>alert(1)</script>",
        "city=' OR 1=1 --",
    ],
)
def test_odd_filter_values_say_nothing_matches(client, unit_a, query):
    make_session(units=[unit_a], university="Zhejiang University", city="Hangzhou")
    response = client.get(f"/sessions/?{query}")
    assert response.status_code == 200
    if "Hangzhou" not in query and "%00" not in query:
        assert "No session matches these filters." in response.text
    assert "<script>alert(1)" not in response.text


def test_the_signed_in_person_sees_which_sessions_they_registered_for(client, session):
    alice = person(1)
    registration_create(user=alice, session=session)
    client.force_login(alice)
    assert "You are registered" in client.get("/sessions/").text


def test_the_list_runs_a_fixed_number_of_queries(client, unit_a, django_assert_max_num_queries):
    def page():
        with django_assert_max_num_queries(9) as queries:
            assert client.get("/sessions/").status_code == 200
        return len(queries)

    alice = person(1)
    client.force_login(alice)
    make_session(units=[unit_a])
    few = page()
    units = BusinessUnitFactory.create_batch(4)
    for day in range(-6, 14):
        session = make_session(units=units, days=day, university=f"University {day}", capacity=3)
        for n in range(2):
            registration_create(user=person(100 + n), session=session) if day > 0 else None
        if day > 0:
            registration_create(user=alice, session=session)
    assert page() == few


# --- Time zones ------------------------------------------------------------------------


@pytest.fixture
def sunnyvale(unit_a):
    start = dt.datetime(2027, 3, 24, 18, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
    return make_session(
        units=[unit_a],
        starts_at=start,
        university="Alibaba Sunnyvale office",
        city="Sunnyvale",
        time_zone="America/Los_Angeles",
    )


@pytest.mark.parametrize("path", ["/sessions/", "/sessions/{pk}/"])
def test_a_sunnyvale_session_seen_from_shanghai_shows_both_times(client, sunnyvale, path):
    alice = person(1)
    alice.set_time_zone("Asia/Shanghai")
    client.force_login(alice)
    page = text_of(client.get(path.format(pk=sunnyvale.pk)).text)
    assert "Wed 24 Mar 2027, 18:00–20:00 Los Angeles time (PDT)" in page
    assert "Your time: Thu 25 Mar 2027, 09:00–11:00 Shanghai time (CST)" in page


def test_a_signed_in_user_without_a_zone_sees_the_portals(client, sunnyvale, settings):
    client.force_login(person(1))
    page = text_of(client.get(f"/sessions/{sunnyvale.pk}/").text)
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert "Your time: Thu 25 Mar 2027, 09:00–11:00 Shanghai time (CST)" in page


def test_a_viewer_in_the_sessions_zone_sees_one_time(client, sunnyvale):
    alice = person(1)
    alice.set_time_zone("America/Los_Angeles")
    client.force_login(alice)
    assert "Your time" not in client.get(f"/sessions/{sunnyvale.pk}/").text


# --- A session's page ---------------------------------------------------------------------


def test_a_visitor_is_asked_to_sign_in_to_register(client, session):
    page = client.get(f"/sessions/{session.pk}/").text
    assert "Sign in to register" in page
    assert f"/accounts/login/?next=/sessions/{session.pk}/" in page
    response = client.post(f"/sessions/{session.pk}/register/")
    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next=/sessions/{session.pk}/"
    assert not Registration.objects.exists()


def test_registering_shows_the_check_in_code_and_seats_left(client, session):
    alice = person(1)
    client.force_login(alice)
    response = client.post(f"/sessions/{session.pk}/register/", follow=True)
    registration = Registration.objects.get(user=alice)
    page = text_of(response.text)
    assert "You are registered." in page
    assert registration.check_in_code_grouped in page
    assert "1 seat left" in page


def test_a_full_session_puts_you_on_the_waitlist_and_says_so(client, unit_a):
    session = make_session(units=[unit_a], capacity=1)
    registration_create(user=person(2), session=session)
    alice = person(1)
    client.force_login(alice)
    assert "Join the waitlist" in client.get(f"/sessions/{session.pk}/").text
    page = text_of(client.post(f"/sessions/{session.pk}/register/", follow=True).text)
    assert "The session is full: you are on the waitlist." in page
    assert "You are on the waitlist, number 1." in page
    registration = Registration.objects.get(user=alice)
    assert registration.check_in_code_grouped not in page


def test_a_double_submit_registers_once_and_says_so(client, session):
    alice = person(1)
    client.force_login(alice)
    client.post(f"/sessions/{session.pk}/register/")
    page = text_of(client.post(f"/sessions/{session.pk}/register/", follow=True).text)
    assert "You are already registered for this session" in page
    assert Registration.objects.filter(user=alice).count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": "cancelled"}, "This session was cancelled: registering is closed."),
        ({"days": -3}, "This session has already started or is over: registering is closed."),
    ],
)
def test_registering_for_a_cancelled_or_past_session_is_refused_with_a_message(client, unit_a, change, message):
    session = make_session(units=[unit_a], **change)
    client.force_login(person(1))
    page = client.get(f"/sessions/{session.pk}/").text
    assert "Registering is closed" in page and 'action="/sessions/' not in page
    page = text_of(client.post(f"/sessions/{session.pk}/register/", follow=True).text)
    assert message in page
    assert not Registration.objects.exists()


def test_cancelling_on_the_page_frees_the_seat_for_the_first_waiting(client, unit_a):
    session = make_session(units=[unit_a], capacity=1)
    alice, bob = person(1), person(2)
    seat = registration_create(user=alice, session=session)
    registration_create(user=bob, session=session)
    client.force_login(alice)
    page = text_of(client.post(f"/sessions/registrations/{seat.pk}/cancel/", follow=True).text)
    assert "Your registration is cancelled." in page
    assert Registration.objects.get(user=bob).state == State.REGISTERED
    client.force_login(bob)
    assert "You are registered." in client.get(f"/sessions/{session.pk}/").text


def test_one_cannot_cancel_someone_elses_registration_on_the_page(client, session):
    seat = registration_create(user=person(1), session=session)
    client.force_login(person(2))
    assert client.post(f"/sessions/registrations/{seat.pk}/cancel/").status_code == 404
    assert client.post("/sessions/registrations/99999999999999999999/cancel/").status_code == 404
    assert Registration.objects.get().state == State.REGISTERED


@pytest.mark.parametrize("path", ["/sessions/{pk}/register/", "/sessions/registrations/1/cancel/"])
def test_registering_and_cancelling_are_posts_only(client, session, path):
    client.force_login(person(1))
    assert client.get(path.format(pk=session.pk)).status_code == 405


@pytest.mark.parametrize("pk", ["0", "99999", "99999999999999999999999"])
def test_an_unknown_session_is_not_found(client, pk):
    assert client.get(f"/sessions/{pk}/").status_code == 404
    assert client.get(f"/sessions/{pk}/calendar.ics").status_code == 404


def test_the_online_link_is_for_registered_people(client, unit_a):
    session = make_session(units=[unit_a], online_url="https://live.example.com/zju")
    assert "https://live.example.com/zju" not in client.get(f"/sessions/{session.pk}/").text
    alice = person(1)
    registration_create(user=alice, session=session)
    client.force_login(alice)
    assert "https://live.example.com/zju" in client.get(f"/sessions/{session.pk}/").text


def test_the_session_page_in_chinese(client, unit_a):
    session = make_session(units=[unit_a], university="Zhejiang University", university_zh_hans="浙江大学")
    response = client.get(f"/zh-hans/sessions/{session.pk}/")
    assert response.status_code == 200
    assert "浙江大学" in response.text


# --- The calendar file --------------------------------------------------------------------


def test_the_ics_file_has_the_session_in_its_zone(client, sunnyvale):
    response = client.get(f"/sessions/{sunnyvale.pk}/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["METHOD"] == "PUBLISH"
    event = next(iter(calendar.walk("VEVENT")))
    assert event.decoded("DTSTART") == sunnyvale.starts_at
    assert event["DTSTART"].params["TZID"] == "America/Los_Angeles"
    assert event.decoded("DURATION") == dt.timedelta(hours=2)
    assert "Alibaba Sunnyvale office" in str(event["SUMMARY"])
    assert str(event["STATUS"]) == "CONFIRMED"
    assert any(zone["TZID"] == "America/Los_Angeles" for zone in calendar.walk("VTIMEZONE"))


def test_a_cancelled_sessions_ics_says_so(client, unit_a):
    session = make_session(units=[unit_a], status="cancelled")
    event = next(
        iter(icalendar.Calendar.from_ical(client.get(f"/sessions/{session.pk}/calendar.ics").content).walk("VEVENT"))
    )
    assert str(event["STATUS"]) == "CANCELLED"


def test_the_home_page_leaves_out_cancelled_sessions(client, unit_a):
    make_session(units=[unit_a], university="Cancelled University", status="cancelled", days=2)
    make_session(units=[unit_a], university="Held University", days=3)
    page = client.get("/").text
    assert "Held University" in page and "Cancelled University" not in page


def test_a_session_change_bumps_the_catalogue_version(session):
    from postings.cache import catalogue_version

    before = catalogue_version()
    type(session).objects.filter(pk=session.pk).update(status="cancelled")
    assert catalogue_version() != before
    before = catalogue_version()
    type(session).objects.filter(pk=session.pk).update(capacity=5)
    assert catalogue_version() != before


def test_a_cancelled_session_no_longer_shows_a_seat_or_a_code(client, session):
    from infosessions.services import session_cancel

    alice = person(1)
    registration = registration_create(user=alice, session=session)
    session_cancel(session=session)
    client.force_login(alice)
    page = text_of(client.get(f"/sessions/{session.pk}/").text)
    assert "This session was cancelled." in page
    assert "You are registered." not in page and registration.check_in_code_grouped not in page
    assert "Cancel my registration" not in page
