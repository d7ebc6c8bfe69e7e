"""Time zones: which names are accepted, how a time is told in a zone, and the visitor's zone.

An event (an information session) happens in the zone of its place and is
shown there, with the zone named; a visitor whose own zone tells a different
wall-clock time also sees their time beside it. Zones are IANA names
("Europe/Berlin"); the list comes from the system's zone database or, where a
slim image has none, from the tzdata package.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

# Set by static/js/time_zone.js from the browser, or by the time-zone form.
COOKIE_NAME = "time_zone"
COOKIE_MAX_AGE = 365 * 24 * 3600
MAX_LENGTH = 64

# The areas of the IANA database a person lives in; the others ("Etc/GMT+5",
# "US/Pacific", "posixrules") are accepted but not offered in the list.
_AREAS = ("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")

INVALID_ZONE = gettext_lazy("Choose a time zone from the list (a name such as Europe/Berlin or Asia/Shanghai).")


@cache
def known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def is_known_zone(name) -> bool:
    return isinstance(name, str) and name in known_zones()


def validate_time_zone(value) -> None:
    """Refuse anything but a zone name of the IANA database."""
    if not is_known_zone(value):
        raise ValidationError(INVALID_ZONE, code="invalid_time_zone")


def default_time_zone() -> str:
    """The site's zone (settings.TIME_ZONE): where an event is unless it says otherwise."""
    return settings.TIME_ZONE


@cache
def zone_choices() -> tuple:
    """The zones people live in, grouped by area: ((area, ((name, place), ...)), ...), for a select."""
    groups: dict[str, list] = {}
    for name in sorted(known_zones()):
        area, _slash, rest = name.partition("/")
        if area in _AREAS and rest:
            groups.setdefault(area, []).append((name, rest.replace("_", " ").replace("/", " / ")))
    return (("UTC", (("UTC", "UTC"),)), *((area, tuple(zones)) for area, zones in groups.items()))


def zone_place(name: str) -> str:
    """The place a zone is named after: "Europe/Berlin" -> "Berlin", "America/New_York" -> "New York"."""
    return name.rsplit("/", 1)[-1].replace("_", " ")


def _offset(value: dt.datetime) -> str:
    minutes = int(value.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


def _abbreviation(value: dt.datetime) -> str:
    """ "CET", "CST", or the UTC offset where the zone has no letters of its own ("+08" -> "UTC+8")."""
    name = value.tzname() or ""
    return name if name.isalpha() else _offset(value)


@dataclass(frozen=True)
class Span:
    """When an event happens, told in one zone."""

    start: dt.datetime
    end: dt.datetime
    start_text: str
    end_text: str
    zone_label: str
    # "18:00–20:00", but "Wed 20 Jan 2027, 23:00 – Thu 21 Jan 2027, 01:00".
    separator: str = "–"

    @property
    def start_iso(self) -> str:
        return self.start.isoformat(timespec="seconds")

    @property
    def end_iso(self) -> str:
        return self.end.isoformat(timespec="seconds")


def span_in(start: dt.datetime, end: dt.datetime, zone_name: str) -> Span:
    """`start`-`end` in `zone_name`: "Wed 20 Jan 2027, 18:00", "20:00", "Berlin time (CET)".

    The end repeats the date when it falls on another day in that zone.
    """
    zone = zoneinfo.ZoneInfo(zone_name)
    start, end = start.astimezone(zone), end.astimezone(zone)
    day_format = pgettext("date of an event (Django date format)", "D j M Y")
    time_format = pgettext("time of day (Django date format)", "H:i")
    day_and_time = pgettext("an event's date, then its time", "%(day)s, %(time)s")

    def told(value: dt.datetime) -> str:
        day, time = dateformat.format(value, day_format), dateformat.format(value, time_format)
        return day_and_time % {"day": day, "time": time}

    same_day = end.date() == start.date()
    end_text = dateformat.format(end, time_format) if same_day else told(end)
    abbreviations = list(dict.fromkeys([_abbreviation(start), _abbreviation(end)]))
    if zone_name == "UTC":
        label = "UTC"
    else:
        label = _("%(place)s time (%(abbreviation)s)") % {
            "place": zone_place(zone_name),
            "abbreviation": "/".join(abbreviations),
        }
    return Span(
        start=start,
        end=end,
        start_text=told(start),
        end_text=end_text,
        zone_label=label,
        separator="–" if same_day else " – ",
    )


@dataclass(frozen=True)
class EventTimes:
    """An event's time in its own zone, and in the visitor's when their clock says otherwise."""

    own: Span
    local: Span | None


def event_times(start: dt.datetime, end: dt.datetime, zone_name: str, visitor_zone: str | None) -> EventTimes:
    own = span_in(start, end, zone_name)
    local = None
    if visitor_zone and visitor_zone != zone_name:
        theirs = zoneinfo.ZoneInfo(visitor_zone)
        if any(moment.astimezone(theirs).utcoffset() != moment.utcoffset() for moment in (own.start, own.end)):
            local = span_in(start, end, visitor_zone)
    return EventTimes(own=own, local=local)


def visitor_time_zone(request) -> str | None:
    """The visitor's zone: the one stored on a signed-in user, else the browser's (cookie), else unknown."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and is_known_zone(user.time_zone):
        return user.time_zone
    cookie = request.COOKIES.get(COOKIE_NAME)
    return cookie if is_known_zone(cookie) else None
