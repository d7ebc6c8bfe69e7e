"""An interview as a calendar invitation (.ics, RFC 5545/5546), written with the icalendar library.

Every copy of one interview carries its `uid` as UID and its `sequence` as
SEQUENCE: a calendar that got the first invitation replaces it with an
update (METHOD:REQUEST, a higher SEQUENCE) and removes it on a cancellation
(METHOD:CANCEL). The start is written in the interview's own zone (DTSTART
with TZID, and the VTIMEZONE that defines it), so a calendar in any zone
shows the right moment.

The organizer is the portal's sending address, and attendees are not asked
to reply (RSVP=FALSE): the invitation comes from the portal, and a change is
made by the unit in the workspace, not by answering the email.
"""

import datetime as dt
import zoneinfo
from collections.abc import Sequence
from email.utils import parseaddr

import icalendar
from django.conf import settings
from django.utils import timezone

REQUEST, CANCEL, PUBLISH = "REQUEST", "CANCEL", "PUBLISH"
PRODUCT_ID = "-//Campus Recruitment//Interviews//EN"
CONTENT_TYPE = "text/calendar; method={method}"
FILE_NAME = "interview.ics"


def _address(email: str, name: str, **parameters) -> icalendar.vCalAddress:
    address = icalendar.vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = name
    address.params.update(parameters)
    return address


def interview_invitation(
    interview,
    *,
    method: str,
    attendees: Sequence,
    summary: str,
    description: str,
    organizer_name: str,
    url: str = "",
    now: dt.datetime | None = None,
) -> str:
    """The .ics text of `interview` for `attendees` (users, each with `email` and `name`).

    `method` is REQUEST (a new or updated interview) or CANCEL. `summary` and
    `description` are written by the caller in the recipient's language;
    `url` is where the recipient follows it (the video link, or their page).
    """
    if method not in (REQUEST, CANCEL):
        raise ValueError(f"An invitation is a REQUEST or a CANCEL, not {method!r}.")
    return event_calendar(
        uid=str(interview.uid),
        sequence=interview.sequence,
        starts_at=interview.starts_at,
        duration=dt.timedelta(minutes=interview.duration_minutes),
        time_zone=interview.time_zone,
        method=method,
        cancelled=method == CANCEL,
        summary=summary,
        description=description,
        location=interview.place or interview.video_link,
        url=url,
        organizer_name=organizer_name,
        attendees=attendees,
        now=now,
    )


def event_calendar(
    *,
    uid: str,
    sequence: int,
    starts_at: dt.datetime,
    duration: dt.timedelta,
    time_zone: str,
    method: str,
    summary: str,
    description: str,
    organizer_name: str,
    cancelled: bool = False,
    location: str = "",
    url: str = "",
    attendees: Sequence = (),
    product_id: str = PRODUCT_ID,
    now: dt.datetime | None = None,
) -> str:
    """The .ics text of one event starting at `starts_at` in `time_zone` (DTSTART with TZID and its VTIMEZONE).

    `method` is the iTIP method: REQUEST or CANCEL for an invitation with `attendees`, PUBLISH for an event
    anyone may add to their calendar (an information session).
    """
    zone = zoneinfo.ZoneInfo(time_zone)
    starts_at = starts_at.astimezone(zone)

    calendar = icalendar.Calendar()
    calendar.add("prodid", product_id)
    calendar.add("version", "2.0")
    calendar.add("method", method)

    event = icalendar.Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", (now or timezone.now()).astimezone(dt.UTC))
    event.add("dtstart", starts_at)
    event.add("duration", duration)
    event.add("summary", summary)
    event.add("description", description)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    _name, sender = parseaddr(settings.DEFAULT_FROM_EMAIL)
    event.add("organizer", _address(sender, organizer_name))
    for person in attendees:
        event.add(
            "attendee",
            _address(
                person.email,
                person.name,
                CUTYPE="INDIVIDUAL",
                ROLE="REQ-PARTICIPANT",
                PARTSTAT="NEEDS-ACTION",
                RSVP="FALSE",
            ),
        )
    calendar.add_component(event)
    # Only the zone's rules around the event: a small file that every calendar reads the same way.
    calendar.add_missing_timezones(
        first_date=starts_at.date() - dt.timedelta(days=366), last_date=starts_at.date() + dt.timedelta(days=366)
    )
    return calendar.to_ical().decode()


def attachment(ics: str, *, method: str, filename: str = FILE_NAME) -> dict:
    """The invitation as an outbox attachment (recruit.notifications.services.notify)."""
    return {"filename": filename, "content_type": CONTENT_TYPE.format(method=method), "content": ics}
