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
from django.utils.translation import get_language, gettext_lazy, pgettext, pgettext_lazy
from django.utils.translation import gettext as _

# Set by static/js/time_zone.js from the browser, or by the time-zone form.
COOKIE_NAME = "time_zone"
COOKIE_MAX_AGE = 365 * 24 * 3600
MAX_LENGTH = 64

# The areas of the IANA database a person lives in; the others ("Etc/GMT+5",
# "US/Pacific", "posixrules") are accepted but not offered in the list.
_AREAS = ("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")

# The areas' names in the zone list.
AREA_NAMES = {
    "Africa": pgettext_lazy("time zone area", "Africa"),
    "America": pgettext_lazy("time zone area", "America"),
    "Antarctica": pgettext_lazy("time zone area", "Antarctica"),
    "Asia": pgettext_lazy("time zone area", "Asia"),
    "Atlantic": pgettext_lazy("time zone area", "Atlantic"),
    "Australia": pgettext_lazy("time zone area", "Australia"),
    "Europe": pgettext_lazy("time zone area", "Europe"),
    "Indian": pgettext_lazy("time zone area", "Indian Ocean"),
    "Pacific": pgettext_lazy("time zone area", "Pacific"),
}

# Chinese names of the zones of the portal's cities and of the large cities
# students apply from: the place a zone is named after ("Europe/Berlin" ->
# 柏林, "Berlin time" -> 柏林时间). The IANA database names places in English
# only; a zone not listed here is told by its offset on Chinese pages
# ("UTC−5"), which reads naturally there, and keeps its English place in the
# zone list (marked as English).
CHINESE_PLACES = {
    "Africa/Cairo": "开罗",
    "Africa/Johannesburg": "约翰内斯堡",
    "Africa/Lagos": "拉各斯",
    "Africa/Nairobi": "内罗毕",
    "America/Argentina/Buenos_Aires": "布宜诺斯艾利斯",
    "America/Chicago": "芝加哥",
    "America/Denver": "丹佛",
    "America/Los_Angeles": "洛杉矶",
    "America/Mexico_City": "墨西哥城",
    "America/New_York": "纽约",
    "America/Sao_Paulo": "圣保罗",
    "America/Toronto": "多伦多",
    "America/Vancouver": "温哥华",
    "Asia/Bangkok": "曼谷",
    "Asia/Calcutta": "加尔各答",
    "Asia/Chongqing": "重庆",
    "Asia/Harbin": "哈尔滨",
    "Asia/Dubai": "迪拜",
    "Asia/Ho_Chi_Minh": "胡志明市",
    "Asia/Hong_Kong": "香港",
    "Asia/Jakarta": "雅加达",
    "Asia/Kathmandu": "加德满都",
    "Asia/Kolkata": "加尔各答",
    "Asia/Kuala_Lumpur": "吉隆坡",
    "Asia/Macao": "澳门",
    "Asia/Macau": "澳门",
    "Asia/Manila": "马尼拉",
    "Asia/Riyadh": "利雅得",
    "Asia/Seoul": "首尔",
    "Asia/Shanghai": "上海",
    "Asia/Singapore": "新加坡",
    "Asia/Taipei": "台北",
    "Asia/Tokyo": "东京",
    "Asia/Urumqi": "乌鲁木齐",
    "Australia/Melbourne": "墨尔本",
    "Australia/Perth": "珀斯",
    "Australia/Sydney": "悉尼",
    "Europe/Amsterdam": "阿姆斯特丹",
    "Europe/Berlin": "柏林",
    "Europe/Dublin": "都柏林",
    "Europe/Istanbul": "伊斯坦布尔",
    "Europe/London": "伦敦",
    "Europe/Madrid": "马德里",
    "Europe/Moscow": "莫斯科",
    "Europe/Paris": "巴黎",
    "Europe/Rome": "罗马",
    "Europe/Stockholm": "斯德哥尔摩",
    "Europe/Zurich": "苏黎世",
    "Pacific/Auckland": "奥克兰",
}
# Where Chinese names the zone itself rather than its city: China's one zone
# is Beijing time wherever the database's city is; North America's by region.
CHINESE_ZONE_NAMES = {
    "Asia/Shanghai": "北京时间",
    "Asia/Chongqing": "北京时间",
    "Asia/Harbin": "北京时间",
    "PRC": "北京时间",
    "Asia/Calcutta": "印度时间",
    "Asia/Kolkata": "印度时间",
    "America/Los_Angeles": "太平洋时间",
    "America/Denver": "山地时间",
    "America/Chicago": "美国中部时间",
    "America/New_York": "美国东部时间",
}
# Beijing time needs no offset on a Chinese page: it is the one every reader knows.
_BEIJING_TIME = "北京时间"

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


def _in_chinese() -> bool:
    return (get_language() or "").startswith("zh")


def local_place(name: str) -> str | None:
    """The place a zone is named after, translated into the page's language where the portal has the name
    (Chinese: the zones of CHINESE_PLACES); None where the database's English name stands (and on English
    pages)."""
    return CHINESE_PLACES.get(name) if _in_chinese() else None


def area_name(area: str) -> str:
    """An area of the zone list in the page's language ("Europe" -> 欧洲)."""
    return str(AREA_NAMES.get(area, area))


def zone_label(zone_name: str, moments) -> str:
    """A zone named for people, at `moments` (whose abbreviations or offsets it gives, once each).

    English: "Berlin time (CET/CEST)", "Kathmandu time (UTC+5:45)". Chinese: 北京时间, 柏林时间（UTC+1）,
    太平洋时间（UTC−8）, and a zone without a Chinese name by its offset alone ("UTC−5").
    """
    if zone_name == "UTC":
        return "UTC"
    zone = zoneinfo.ZoneInfo(zone_name)
    moments = [moment.astimezone(zone) for moment in moments]
    if _in_chinese():
        offsets = "/".join(dict.fromkeys(_offset(moment) for moment in moments))
        place = CHINESE_PLACES.get(zone_name)
        name = CHINESE_ZONE_NAMES.get(zone_name) or (f"{place}时间" if place else None)
        if name is None:
            return offsets
        return name if name == _BEIJING_TIME else f"{name}（{offsets}）"
    abbreviations = list(dict.fromkeys(_abbreviation(moment) for moment in moments))
    return _("%(place)s time (%(abbreviation)s)") % {
        "place": zone_place(zone_name),
        "abbreviation": "/".join(abbreviations),
    }


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
    """`start`-`end` in `zone_name`: "Wed 20 Jan 2027, 18:00", "20:00", "Berlin time (CET)" (see zone_label).

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
    return Span(
        start=start,
        end=end,
        start_text=told(start),
        end_text=end_text,
        zone_label=zone_label(zone_name, (start, end)),
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
