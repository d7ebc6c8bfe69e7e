"""How a time is told in a zone: the zone's place and abbreviation, or its offset."""

import datetime as dt

import pytest

from recruit.accounts.timezones import event_times, is_known_zone, span_in, zone_place

NOON_UTC = dt.datetime(2027, 1, 20, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("zone", "label"),
    [
        ("Europe/Berlin", "Berlin time (CET)"),
        ("Asia/Shanghai", "Shanghai time (CST)"),
        ("Asia/Kolkata", "Kolkata time (IST)"),
        ("Asia/Kathmandu", "Kathmandu time (UTC+5:45)"),
        ("America/Sao_Paulo", "Sao Paulo time (UTC−3)"),
        ("UTC", "UTC"),
    ],
)
def test_a_zone_is_named_by_its_place_and_abbreviation_or_offset(zone, label):
    assert span_in(NOON_UTC, NOON_UTC + dt.timedelta(hours=1), zone).zone_label == label


def test_a_zone_deep_in_the_database_is_named_by_its_city():
    assert zone_place("America/Argentina/Buenos_Aires") == "Buenos Aires"


def test_the_times_carry_their_offset_without_microseconds():
    start = NOON_UTC.replace(microsecond=123456)
    span = span_in(start, start + dt.timedelta(hours=2), "Europe/Berlin")
    assert (span.start_iso, span.end_iso) == ("2027-01-20T13:00:00+01:00", "2027-01-20T15:00:00+01:00")


def test_an_unknown_visitor_sees_only_the_events_own_time():
    assert event_times(NOON_UTC, NOON_UTC + dt.timedelta(hours=1), "Europe/Berlin", None).local is None


@pytest.mark.parametrize("name", [None, 42, "", "Europe", "europe/berlin", "Europe/Berlin/"])
def test_only_names_of_the_zone_database_are_known(name):
    assert not is_known_zone(name)
