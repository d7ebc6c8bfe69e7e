"""Information sessions are shown in their city's time zone, named, with the visitor's time beside it."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from postings.models import InfoSession
from recruit.accounts.timezones import COOKIE_NAME, event_times, zone_choices
from tests.factories import BusinessUnitFactory, InfoSessionFactory, UserFactory, verify_email

pytestmark = pytest.mark.django_db

BERLIN, SHANGHAI, LOS_ANGELES = ZoneInfo("Europe/Berlin"), ZoneInfo("Asia/Shanghai"), ZoneInfo("America/Los_Angeles")


def session_at(start, hours=2, **kwargs):
    return InfoSessionFactory(starts_at=start, ends_at=start + dt.timedelta(hours=hours), **kwargs)


@pytest.fixture
def munich():
    """The session a visitor saw on the wrong day: 20 January 2027, 18:00 Berlin time."""
    return session_at(
        dt.datetime(2027, 1, 20, 18, 0, tzinfo=BERLIN),
        university="Technical University of Munich",
        city="Munich",
        time_zone="Europe/Berlin",
    )


def when(text):
    """The session's own time line and the visitor's, as plain text."""
    own = re.search(r'<p class="session__when">(.*?)</p>', text, re.S).group(1)
    local = re.search(r'<p class="session__local">(.*?)</p>', text, re.S)
    plain = lambda html: " ".join(re.sub(r"<[^>]+>", "", html).split())  # noqa: E731
    return plain(own), local and plain(local.group(1))


def sessions_page(client, visitor_zone=None):
    if visitor_zone:
        client.cookies[COOKIE_NAME] = visitor_zone
    return client.get("/sessions/")


def test_a_session_abroad_shows_its_own_day_and_zone(client, munich):
    response = sessions_page(client)
    assert when(response.text) == ("Wed 20 Jan 2027, 18:00–20:00 Berlin time (CET)", None)
    assert '<time datetime="2027-01-20T18:00:00+01:00">' in response.text


def test_a_visitor_in_shanghai_also_sees_the_next_day_in_their_time(client, munich):
    own, local = when(sessions_page(client, "Asia/Shanghai").text)
    assert own == "Wed 20 Jan 2027, 18:00–20:00 Berlin time (CET)"
    assert local == "Your time: Thu 21 Jan 2027, 01:00–03:00 Shanghai time (CST)"


def test_a_visitor_west_of_the_session_sees_the_day_before(client):
    session_at(dt.datetime(2027, 3, 16, 8, 0, tzinfo=SHANGHAI), city="Hangzhou", time_zone="Asia/Shanghai")
    own, local = when(sessions_page(client, "America/Los_Angeles").text)
    assert own == "Tue 16 Mar 2027, 08:00–10:00 Shanghai time (CST)"
    assert local == "Your time: Mon 15 Mar 2027, 17:00–19:00 Los Angeles time (PDT)"


@pytest.mark.parametrize(
    ("start", "own", "local"),
    [
        # Winter: Berlin is UTC+1, seven hours behind Shanghai.
        (
            dt.datetime(2027, 1, 20, 16, 0, tzinfo=BERLIN),
            "Wed 20 Jan 2027, 16:00–18:00 Berlin time (CET)",
            "Your time: Wed 20 Jan 2027, 23:00 – Thu 21 Jan 2027, 01:00 Shanghai time (CST)",
        ),
        # Summer: Berlin is UTC+2, six hours behind: the same wall-clock hour lands elsewhere.
        (
            dt.datetime(2027, 7, 1, 16, 0, tzinfo=BERLIN),
            "Thu 1 Jul 2027, 16:00–18:00 Berlin time (CEST)",
            "Your time: Thu 1 Jul 2027, 22:00 – Fri 2 Jul 2027, 00:00 Shanghai time (CST)",
        ),
    ],
)
def test_summer_time_moves_the_visitors_time_but_not_the_sessions(client, start, own, local):
    session_at(start, city="Munich", time_zone="Europe/Berlin")
    assert when(sessions_page(client, "Asia/Shanghai").text) == (own, local)


def test_a_session_over_the_change_to_summer_time_names_both_abbreviations():
    # 01:30 CET to 03:30 CEST on 28 March 2027 is one hour: the clocks jump at 02:00.
    start = dt.datetime(2027, 3, 28, 1, 30, tzinfo=BERLIN).astimezone(dt.UTC)
    times = event_times(start, start + dt.timedelta(hours=1), "Europe/Berlin", None)
    assert (times.own.start_text, times.own.end_text) == ("Sun 28 Mar 2027, 01:30", "03:30")
    assert times.own.zone_label == "Berlin time (CET/CEST)"


def test_a_session_past_midnight_in_its_own_zone_dates_its_end(client):
    session_at(dt.datetime(2027, 1, 20, 23, 0, tzinfo=BERLIN), city="Munich", time_zone="Europe/Berlin")
    own, _local = when(sessions_page(client).text)
    assert own == "Wed 20 Jan 2027, 23:00 – Thu 21 Jan 2027, 01:00 Berlin time (CET)"


def test_a_visitor_whose_clock_says_the_same_sees_no_second_time(client, munich):
    assert when(sessions_page(client, "Europe/Paris").text)[1] is None
    assert when(sessions_page(client, "Europe/Berlin").text)[1] is None


def test_a_zone_without_letters_is_named_by_its_offset(client):
    session_at(dt.datetime(2026, 12, 8, 18, 30, tzinfo=ZoneInfo("Asia/Singapore")), time_zone="Asia/Singapore")
    assert when(sessions_page(client).text)[0] == "Tue 8 Dec 2026, 18:30–20:30 Singapore time (UTC+8)"


def test_a_session_without_a_zone_is_in_the_sites_zone(settings):
    session = InfoSession.objects.create(
        program=InfoSessionFactory().program,
        university="Zhejiang University",
        city="Hangzhou",
        starts_at=timezone.now(),
        ends_at=timezone.now() + dt.timedelta(hours=1),
    )
    assert session.time_zone == settings.TIME_ZONE == "Asia/Shanghai"


@pytest.mark.parametrize("bad", ["Mars/Olympus_Mons", "berlin", "Europe/Berlin ", "../../etc/passwd"])
def test_a_session_in_an_unknown_zone_is_refused(bad):
    session = InfoSessionFactory.build(program=InfoSessionFactory().program, time_zone=bad)
    with pytest.raises(ValidationError) as refused:
        session.full_clean()
    assert "Choose a time zone from the list" in str(refused.value.message_dict["time_zone"])


def test_an_unknown_zone_in_the_cookie_is_ignored(client, munich):
    response = sessions_page(client, "Nowhere/Atlantis")
    assert response.status_code == 200
    assert when(response.text)[1] is None


# --- The visitor's zone: the select, the user, sign-in ------------------------


def test_the_select_remembers_the_visitors_zone_without_javascript(client, munich):
    response = client.post("/time-zone/", {"time_zone": "Asia/Shanghai", "next": "/sessions/?x=1"})
    assert response.status_code == 302
    assert response["Location"] == "/sessions/?x=1"
    assert response.cookies[COOKIE_NAME].value == "Asia/Shanghai"
    page = client.get("/sessions/")
    assert when(page.text)[1].startswith("Your time: Thu 21 Jan 2027, 01:00")
    assert '<option value="Asia/Shanghai" selected>' in page.text


def test_a_signed_in_users_zone_is_stored_and_wins_over_the_browsers(client, candidate, munich):
    client.force_login(candidate)
    client.post("/time-zone/", {"time_zone": "America/Los_Angeles", "next": "/sessions/"})
    candidate.refresh_from_db()
    assert candidate.time_zone == "America/Los_Angeles"
    client.cookies[COOKIE_NAME] = "Asia/Shanghai"
    assert "Los Angeles time" in when(client.get("/sessions/").text)[1]


def test_a_bad_zone_from_the_select_is_refused_with_a_message_and_changes_nothing(client, candidate):
    candidate.time_zone = "Europe/Berlin"
    candidate.save()
    client.force_login(candidate)
    response = client.post("/time-zone/", {"time_zone": "Europe/Atlantis", "next": "/sessions/"}, follow=True)
    assert response.status_code == 200
    assert "Choose a time zone from the list" in response.text
    candidate.refresh_from_db()
    assert candidate.time_zone == "Europe/Berlin"
    assert client.cookies.get(COOKIE_NAME) is None


def test_choosing_no_zone_forgets_it(client, candidate, munich):
    candidate.set_time_zone("Asia/Shanghai")
    client.force_login(candidate)
    response = client.post("/time-zone/", {"time_zone": "", "next": "/sessions/"})
    candidate.refresh_from_db()
    assert candidate.time_zone == ""
    assert response.cookies[COOKIE_NAME].value == ""
    assert when(client.get("/sessions/").text)[1] is None


def test_the_select_never_sends_the_visitor_to_another_host(client):
    response = client.post("/time-zone/", {"time_zone": "Asia/Shanghai", "next": "https://evil.example/"})
    assert response["Location"] == "/sessions/"


def test_the_zone_is_only_set_by_post(client):
    assert client.get("/time-zone/?time_zone=Asia/Shanghai").status_code == 405


def test_signing_in_keeps_the_zone_the_browser_reported(client):
    user = verify_email(UserFactory(email="carla@example.com"))
    client.cookies[COOKIE_NAME] = "Europe/Berlin"
    response = client.post("/accounts/login/", {"login": "carla@example.com", "password": "correct-horse-battery"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.time_zone == "Europe/Berlin"


def test_signing_in_does_not_replace_a_zone_the_user_chose(client):
    user = verify_email(UserFactory(email="carla@example.com", time_zone="Asia/Singapore"))
    client.cookies[COOKIE_NAME] = "Europe/Berlin"
    client.post("/accounts/login/", {"login": "carla@example.com", "password": "correct-horse-battery"})
    user.refresh_from_db()
    assert user.time_zone == "Asia/Singapore"


def test_a_user_in_an_unknown_zone_is_refused():
    user = UserFactory.build(email="dan@example.com", time_zone="Europe/Atlantis")
    with pytest.raises(ValidationError):
        user.full_clean()
    assert user.set_time_zone("Europe/Atlantis") is False


def test_the_list_offers_the_zones_people_live_in():
    offered = {name for _area, zones in zone_choices() for name, _place in zones}
    assert {"Europe/Berlin", "Asia/Shanghai", "America/Los_Angeles", "UTC"} <= offered
    assert "Etc/GMT+5" not in offered
    assert "posixrules" not in offered


# --- Pages ---------------------------------------------------------------------


def test_the_home_page_shows_the_next_sessions_the_same_way(client, munich):
    client.cookies[COOKIE_NAME] = "Asia/Shanghai"
    own, local = when(client.get("/").text)
    assert own == "Wed 20 Jan 2027, 18:00–20:00 Berlin time (CET)"
    assert local == "Your time: Thu 21 Jan 2027, 01:00–03:00 Shanghai time (CST)"


def test_the_sessions_page_runs_a_fixed_number_of_queries(client, candidate, django_assert_max_num_queries):
    units = BusinessUnitFactory.create_batch(3)
    for day in range(12):
        session_at(timezone.now() + dt.timedelta(days=day - 4)).units.set(units)
    client.force_login(candidate)
    with django_assert_max_num_queries(8):
        response = client.get("/sessions/")
    assert response.status_code == 200


def test_existing_sessions_get_their_citys_zone():
    from importlib import import_module

    migration = import_module("postings.migrations.0003_infosession_time_zone")
    munich = InfoSessionFactory(city="Munich")
    singapore = InfoSessionFactory(city="singapore")
    elsewhere = InfoSessionFactory(city="Atlantis")
    migration.set_known_zones(apps, None)
    zones = dict(InfoSession.objects.values_list("pk", "time_zone"))
    assert zones == {munich.pk: "Europe/Berlin", singapore.pk: "Asia/Singapore", elsewhere.pk: "Asia/Shanghai"}
