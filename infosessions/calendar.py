"""A session as a calendar file (.ics), with the interviews' calendar writer (applicants/calendar.py).

METHOD:PUBLISH: anyone may add the session to their calendar; it invites nobody. The UID is the session's,
so a file downloaded again after a change replaces the entry, and a cancelled session's file marks it
cancelled.
"""

from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from applicants import calendar
from recruit.notifications.services import absolute_url
from recruit.wording import join_words

PRODUCT_ID = "-//Campus Recruitment//Information sessions//EN"


def session_ics(session, *, request=None) -> str:
    url = reverse("infosessions:detail", args=[session.pk])
    url = request.build_absolute_uri(url) if request is not None else absolute_url(url)
    summary = _("Information session: %(university)s") % {"university": session.university}
    if session.is_cancelled:
        summary = _("Cancelled: %(summary)s") % {"summary": summary}
    units = join_words(unit.name for unit in session.units.all())
    lines = [
        session.summary,
        _("Units presenting: %(units)s") % {"units": units} if units else "",
        _("Online: %(link)s") % {"link": session.online_url} if session.online_url else "",
        url,
    ]
    place = ", ".join(part for part in (session.venue, session.university, session.city) if part)
    return calendar.event_calendar(
        uid=f"info-session-{session.pk}@{slugify(session.program.slug) or 'portal'}",
        sequence=0,
        starts_at=session.starts_at,
        duration=session.duration,
        time_zone=session.time_zone,
        method=calendar.PUBLISH,
        cancelled=session.is_cancelled,
        summary=summary,
        description="\n".join(line for line in lines if line),
        location=place or session.online_url,
        url=url,
        organizer_name=session.program.name,
        product_id=PRODUCT_ID,
    )


def file_name(session) -> str:
    return f"information-session-{session.pk}.ics"
