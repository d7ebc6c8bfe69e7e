"""Interviews: scheduling, changing and cancelling one, and telling everyone with a calendar invitation.

Each change emails the candidate and every interviewer, each in their own
language, with an .ics attached (applicants.calendar): the first invitation
and every update as METHOD:REQUEST, a cancellation as METHOD:CANCEL, all
under the interview's one UID with SEQUENCE counting the changes, so
calendars replace or remove the event they already have. An interviewer
taken off an interview gets its cancellation; one added gets an invitation.

The candidate's copy names the interviewers but lists only the candidate as
attendee: the unit's addresses stay with the unit.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from postings.models import UnitMembership
from recruit.accounts.timezones import event_times, is_known_zone
from recruit.notifications.services import absolute_url, notify, recipient_language
from recruit.wording import join_words

from .. import calendar
from ..models import Application, Interview

MIN_DURATION, MAX_DURATION = 5, 8 * 60
# How far ahead an interview may be set: a season, with room to spare; a date past it is a typing mistake.
FURTHEST_AHEAD = dt.timedelta(days=2 * 365)
# Working hours, in the zone of whoever attends: outside them scheduling asks for a confirmation.
BUSINESS_HOURS = (dt.time(8, 0), dt.time(20, 0))


@dataclass(frozen=True)
class Slot:
    """When and where an interview takes place, and with whom: what the form gives the services."""

    starts_at: dt.datetime
    time_zone: str
    duration_minutes: int
    interviewers: tuple
    place: str = ""
    video_link: str = ""

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)


def interviewer_choices(unit):
    """The people who may interview for `unit`: its recruiters and hiring managers."""
    from recruit.accounts.models import User

    return User.objects.filter(
        unit_memberships__unit=unit, unit_memberships__role__in=UnitMembership.REVIEW_ROLES, is_active=True
    ).order_by("name", "email")


def outside_business_hours(starts_at: dt.datetime, ends_at: dt.datetime, zone_name: str) -> bool:
    """Whether the interview falls outside 08:00-20:00 on a weekday in `zone_name`."""
    zone = zoneinfo.ZoneInfo(zone_name)
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    opens, closes = BUSINESS_HOURS
    return start.weekday() >= 5 or start.date() != end.date() or start.time() < opens or end.time() > closes


def interview_refusal(application: Application) -> str | None:
    """Why `application` takes no interview at all, in the recruiter's words (None when it does)."""
    if application.status in Application.TERMINAL:
        return _("This application has ended (%(status)s): it takes no interviews.") % {
            "status": application.get_status_display().lower()
        }
    if application.is_blind:
        return _(
            "Blind screening hides who the candidate is until the application passes screening: "
            "move it on before scheduling an interview."
        )
    return None


def slot_problems(*, application: Application, slot: Slot, now: dt.datetime) -> list[str]:
    """Every reason `slot` cannot be booked on `application`, in the recruiter's words ([] if it can)."""
    refusal = interview_refusal(application)
    problems = [refusal] if refusal else []
    if not is_known_zone(slot.time_zone):
        problems.append(_("Choose a time zone from the list."))
    if slot.starts_at <= now:
        problems.append(_("This time has passed: choose a time in the future."))
    elif slot.starts_at > now + FURTHEST_AHEAD:
        problems.append(_("Choose a date within the next two years."))
    if not MIN_DURATION <= slot.duration_minutes <= MAX_DURATION:
        problems.append(
            _("An interview lasts from %(low)s to %(high)s minutes.") % {"low": MIN_DURATION, "high": MAX_DURATION}
        )
    if not (slot.place.strip() or slot.video_link.strip()):
        problems.append(_("Give a place or a video link (or both)."))
    if not slot.interviewers:
        problems.append(_("Choose at least one interviewer."))
    else:
        allowed = set(interviewer_choices(application.posting.unit).values_list("pk", flat=True))
        if any(person.pk not in allowed for person in slot.interviewers):
            problems.append(_("Interviewers are recruiters or hiring managers of the unit."))
    return problems


def _check(application, slot, now):
    problems = slot_problems(application=application, slot=slot, now=now)
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def interview_schedule(*, application: Application, actor, slot: Slot, now=None) -> Interview:
    """Book an interview on `application` and send the invitations; ValidationError saying why it cannot be."""
    now = now or timezone.now()
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("posting__unit", "candidate")
        .get(pk=application.pk)
    )
    _check(application, slot, now)
    # A form sent twice (a double click) books one interview: the application is locked above.
    if application.interviews.filter(status=Interview.Status.SCHEDULED, starts_at=slot.starts_at).exists():
        raise ValidationError(_("An interview at this time is already scheduled on this application."))
    interview = Interview.objects.create(
        application=application,
        starts_at=slot.starts_at,
        time_zone=slot.time_zone,
        duration_minutes=slot.duration_minutes,
        place=slot.place.strip(),
        video_link=slot.video_link.strip(),
        created_by=actor,
    )
    interview.interviewers.set(slot.interviewers)
    _tell(interview, application, event="interview_scheduled", people=_everyone(application, slot.interviewers))
    return interview


def _locked(interview: Interview) -> Interview:
    return (
        Interview.objects.select_for_update(of=("self",))
        .select_related("application__posting__unit", "application__candidate")
        .get(pk=interview.pk)
    )


@transaction.atomic
def interview_update(*, interview: Interview, actor, slot: Slot, now=None) -> bool:
    """Change an interview and send the update (SEQUENCE + 1); False, sending nothing, if nothing changed
    (a form sent twice). An interviewer taken off gets a cancellation, one added an invitation."""
    now = now or timezone.now()
    interview = _locked(interview)
    application = interview.application
    if interview.status == Interview.Status.CANCELLED:
        raise ValidationError(_("This interview is cancelled: schedule a new one instead."))
    _check(application, slot, now)
    before = set(interview.interviewers.all())
    after = set(slot.interviewers)
    fields = {
        "starts_at": slot.starts_at,
        "time_zone": slot.time_zone,
        "duration_minutes": slot.duration_minutes,
        "place": slot.place.strip(),
        "video_link": slot.video_link.strip(),
    }
    if before == after and all(getattr(interview, name) == value for name, value in fields.items()):
        return False
    for name, value in fields.items():
        setattr(interview, name, value)
    interview.sequence += 1
    interview.save(update_fields=[*fields, "sequence", "updated_at"])
    interview.interviewers.set(after)
    staying = [person for person in slot.interviewers if person in before]
    _tell(interview, application, event="interview_updated", people=_everyone(application, staying))
    added = [person for person in slot.interviewers if person not in before]
    _tell(interview, application, event="interview_scheduled", people=added)
    removed = sorted(before - after, key=lambda person: person.pk)
    _tell(interview, application, event="interview_cancelled", people=removed, method=calendar.CANCEL)
    return True


@transaction.atomic
def interview_cancel(*, interview: Interview, actor, now=None) -> bool:
    """Cancel an interview and tell everyone (METHOD:CANCEL, SEQUENCE + 1); False if it already was."""
    interview = _locked(interview)
    if interview.status == Interview.Status.CANCELLED:
        return False
    interview.status = Interview.Status.CANCELLED
    interview.sequence += 1
    interview.save(update_fields=["status", "sequence", "updated_at"])
    application = interview.application
    people = _everyone(application, list(interview.interviewers.all()))
    _tell(interview, application, event="interview_cancelled", people=people, method=calendar.CANCEL)
    return True


def interviews_cancel_upcoming(*, application: Application, actor, now=None) -> int:
    """Cancel the application's interviews still to come (it has ended); returns how many."""
    now = now or timezone.now()
    upcoming = application.interviews.filter(status=Interview.Status.SCHEDULED, starts_at__gt=now)
    return sum(interview_cancel(interview=interview, actor=actor, now=now) for interview in upcoming)


# --- The invitations ------------------------------------------------------------


def _everyone(application, interviewers) -> list:
    """The candidate (unless their account is gone) and the interviewers, each once."""
    people = [application.candidate] if application.candidate else []
    return people + [person for person in interviewers if person not in people]


def _tell(interview, application, *, event: str, people, method: str = calendar.REQUEST) -> None:
    """Email `event` to each of `people` in their language, with the invitation for their calendar."""
    interviewers = sorted(interview.interviewers.all(), key=lambda person: (person.name, person.email))
    for person in people:
        with translation.override(recipient_language(person)):
            for_candidate = person == application.candidate
            context, summary, description, url, link = _words(
                interview, application, person, for_candidate=for_candidate, interviewers=interviewers
            )
            attendees = [person] if for_candidate else _everyone(application, interviewers)
            if method == calendar.CANCEL:
                summary = _("Cancelled: %(summary)s") % {"summary": summary}
            ics = calendar.interview_invitation(
                interview,
                method=method,
                attendees=attendees,
                summary=summary,
                description=description,
                organizer_name=application.posting.unit.name,
                url=url,
            )
        notify(
            recipient=person,
            event=event,
            key=f"interview-{interview.pk}-{interview.sequence}",
            context=context,
            link=link,
            attachments=[calendar.attachment(ics, method=method)],
        )


def _words(interview, application, person, *, for_candidate: bool, interviewers):
    """What `person` reads about the interview, in the active language: the email's context, the calendar
    entry's summary and description, its URL and the link to their page."""
    posting = application.posting
    title, unit = posting.title, posting.unit.name
    candidate_name = (application.candidate.name or application.candidate.email) if application.candidate else ""
    if for_candidate:
        link = application.get_absolute_url()
        summary = _("Interview: %(title)s (%(unit)s)") % {"title": title, "unit": unit}
    else:
        link = reverse("workspace:application_detail", args=[application.pk])
        summary = _("Interview with %(candidate)s: %(title)s") % {"candidate": candidate_name, "title": title}
    own_zone = person.time_zone if is_known_zone(person.time_zone) else None
    when = event_times(interview.starts_at, interview.ends_at, interview.time_zone, own_zone)
    when_text = _told(when.own)
    interviewer_names = join_words(p.name or p.email for p in interviewers)
    place, video_link = interview.place, interview.video_link
    lines = [
        when_text,
        _("With: %(names)s") % {"names": interviewer_names},
        _("Place: %(place)s") % {"place": place} if place else "",
        _("Video link: %(link)s") % {"link": video_link} if video_link else "",
        absolute_url(link),
    ]
    context = {
        "recipient_name": person.name or person.email,
        "for_candidate": for_candidate,
        "candidate_name": candidate_name,
        "title": title,
        "unit": unit,
        "when": when,
        "when_text": when_text,
        "local_text": _told(when.local) if when.local else "",
        "duration_minutes": interview.duration_minutes,
        "place": place,
        "video_link": video_link,
        "interviewer_names": interviewer_names,
    }
    return context, summary, "\n".join(line for line in lines if line), video_link or absolute_url(link), link


def _told(span) -> str:
    """ "Mon 14 Dec 2026, 10:00–10:45 Shanghai time (CST)": a span in one line, its zone named."""
    return f"{span.start_text}{span.separator}{span.end_text} {span.zone_label}"
