"""Registering for information sessions, the waitlist, check-in, and the reminders.

Every service runs in one transaction that first locks the session's row
(`select_for_update`): registrations, cancellations, promotions and check-ins
of one session happen one after another, so the seat count a service reads is
the one it writes against. Two cancellations at once each promote the first
person still waiting when they get the lock: two different people, never one
twice. The notifications are written in the same transaction (the outbox).
"""

import datetime as dt
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from postings.models import InfoSession
from recruit.accounts.timezones import event_times, is_known_zone
from recruit.notifications.services import notify, recipient_language

from . import codes
from .models import Registration

logger = logging.getLogger(__name__)

State = Registration.State

# The reminders: how long before the start each is sent. The day-before one is skipped for a registration made
# after it was due (the confirmation just said when), so nobody gets it hours before the start.
REMINDERS = {"24h": dt.timedelta(hours=24), "1h": dt.timedelta(hours=1)}


class RegistrationRefused(Exception):
    """Registering or cancelling was refused; the message says why, in the person's words."""


class CheckInRefused(Exception):
    """A check-in was refused; the message says why, in the recruiter's words."""


def _locked(session: InfoSession) -> InfoSession:
    return InfoSession.objects.select_for_update().get(pk=session.pk)


# --- Registering and cancelling --------------------------------------------------


@transaction.atomic
def registration_create(*, user, session: InfoSession, now: dt.datetime | None = None) -> Registration:
    """Register `user` for `session`: a seat while there is one, else a place on the waitlist (the returned
    registration's `state` says which). Refused for a cancelled or started session, and for someone already
    registered or waiting."""
    now = now or timezone.now()
    session = _locked(session)
    if session.is_cancelled:
        raise RegistrationRefused(_("This session was cancelled: registering is closed."))
    if session.has_started(now):
        raise RegistrationRefused(_("This session has already started or is over: registering is closed."))
    if Registration.objects.live().filter(user=user, session=session).exists():
        raise RegistrationRefused(_("You are already registered for this session (or on its waitlist)."))
    seated = Registration.objects.holding_seats().filter(session=session).count()
    state = State.REGISTERED if seated < session.capacity else State.WAITLISTED
    taken = set(Registration.objects.filter(session=session).values_list("check_in_code", flat=True))
    code = codes.new_code()
    while code in taken:
        code = codes.new_code()
    try:
        with transaction.atomic():
            registration = Registration.objects.create(user=user, session=session, state=state, check_in_code=code)
    except IntegrityError as error:
        # The session's lock settles this already; the constraint is the last word.
        raise RegistrationRefused(_("You are already registered for this session (or on its waitlist).")) from error
    _tell(registration, "session_registered" if state == State.REGISTERED else "session_waitlisted")
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, user, now: dt.datetime | None = None) -> Registration | None:
    """Cancel `user`'s `registration` (theirs only) and give a freed seat to the first person waiting, who is told.

    Returns the promoted registration, if any. Cancelling twice changes nothing the second time; an attended
    registration is kept.
    """
    now = now or timezone.now()
    session = _locked(registration.session)
    registration = Registration.objects.select_for_update().get(pk=registration.pk, user=user)
    if registration.state == State.CANCELLED:
        return None
    if registration.state == State.ATTENDED:
        raise RegistrationRefused(_("You were checked in at this session: the registration stays."))
    if session.has_started(now):
        raise RegistrationRefused(_("This session has already started: the registration can no longer be cancelled."))
    registration.state = State.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["state", "cancelled_at", "updated_at"])
    promoted = _promote_waitlisted(session, now=now)
    return promoted[0] if promoted else None


def _promote_waitlisted(session: InfoSession, *, now: dt.datetime) -> list[Registration]:
    """Give the free seats of `session` (locked by the caller) to the people waiting longest; tell each."""
    if session.is_cancelled or session.has_started(now):
        return []
    free = session.capacity - Registration.objects.holding_seats().filter(session=session).count()
    if free <= 0:
        return []
    promoted = list(Registration.objects.waitlist().filter(session=session).select_for_update()[:free])
    for registration in promoted:
        registration.state = State.REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["state", "promoted_at", "updated_at"])
        _tell(registration, "session_promoted")
    return promoted


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first person waiting; None when not on the waitlist."""
    if registration.state != State.WAITLISTED:
        return None
    ahead = (
        Registration.objects.waitlist()
        .filter(session_id=registration.session_id)
        .filter(
            Q(created_at__lt=registration.created_at) | Q(created_at=registration.created_at, pk__lt=registration.pk)
        )
    )
    return ahead.count() + 1


# --- Managing sessions ------------------------------------------------------------


@transaction.atomic
def session_save(*, session: InfoSession, units, now: dt.datetime | None = None) -> InfoSession:
    """Save a new or changed session (validated by its form) with its units; seats added to a session with a
    waitlist go to the people waiting, who are told."""
    now = now or timezone.now()
    session.full_clean(exclude=["units"])
    session.save()
    session.units.set(units)
    _promote_waitlisted(_locked(session), now=now)
    return session


@transaction.atomic
def session_cancel(*, session: InfoSession) -> int:
    """Cancel `session`; everyone registered or waiting is told (once). Returns how many were told."""
    session = _locked(session)
    if session.is_cancelled:
        return 0
    session.status = InfoSession.Status.CANCELLED
    session.save(update_fields=["status"])
    told = 0
    for registration in Registration.objects.live().filter(session=session).select_related("user", "session"):
        told += _tell(registration, "session_cancelled") is not None
    return told


# --- Check-in -----------------------------------------------------------------------


@transaction.atomic
def check_in(*, session: InfoSession, code: str, now: dt.datetime | None = None) -> Registration:
    """Check in the person whose code this is at `session`, once: the registration becomes attended, and their
    talent-pool entry (if they have one) counts the session, in the same transaction."""
    from talentpool.models import PoolEntry

    now = now or timezone.now()
    session = _locked(session)
    if session.is_cancelled:
        raise CheckInRefused(_("This session was cancelled: nobody can be checked in."))
    code = codes.normalise(code)
    if not codes.is_well_formed(code):
        raise CheckInRefused(
            _("A check-in code has %(length)d letters and digits, like ACDEF-34679. Check what was typed.")
            % {"length": codes.LENGTH}
        )
    candidates = Registration.objects.live().filter(session=session).values_list("check_in_code", "pk")
    pk = codes.find(code, candidates)
    if pk is None:
        raise CheckInRefused(_("No registration for this session has this code."))
    registration = Registration.objects.select_for_update().select_related("user").get(pk=pk)
    if registration.state == State.ATTENDED:
        raise CheckInRefused(
            _("This code was already used: %(name)s was checked in at %(time)s.")
            % {"name": registration.user.name or registration.user.email, "time": _clock(registration.attended_at)}
        )
    if registration.state == State.WAITLISTED:
        raise CheckInRefused(
            _("%(name)s is on the waitlist, not registered: there is no seat for them yet.")
            % {"name": registration.user.name or registration.user.email}
        )
    registration.state = State.ATTENDED
    registration.attended_at = now
    registration.save(update_fields=["state", "attended_at", "updated_at"])
    PoolEntry.objects.filter(candidate=registration.user_id).update(
        sessions_attended=F("sessions_attended") + 1, last_session_attended_at=now
    )
    return registration


def _clock(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


# --- Reminders ---------------------------------------------------------------------


def session_reminders_send(*, now: dt.datetime | None = None, limit: int = 500) -> int:
    """Send the reminders now due (a day and an hour before each session), each once; returns how many.

    Run by beat every few minutes (tasks.session_reminders_send). Each reminder is claimed with a conditional
    update of its registration before it is written to the outbox, in one transaction per reminder, so two runs
    at once, or one run twice, send nothing twice.
    """
    now = now or timezone.now()
    sent = 0
    for which in ("1h", "24h"):
        for pk in _due(which, now)[:limit]:
            sent += _remind(pk, which, now)
    return sent


def _due(which: str, now: dt.datetime):
    lead = REMINDERS[which]
    due = Registration.objects.filter(
        state=State.REGISTERED,
        session__status=InfoSession.Status.SCHEDULED,
        session__starts_at__gt=now,
        session__starts_at__lte=now + lead,
        **{f"reminded_{which}_at__isnull": True},
    )
    if which == "24h":
        # Not when the hour-before one is due already, nor for a seat taken after the day-before moment.
        due = due.filter(session__starts_at__gt=now + REMINDERS["1h"]).filter(
            Q(promoted_at__isnull=True, created_at__lte=F("session__starts_at") - lead)
            | Q(promoted_at__lte=F("session__starts_at") - lead)
        )
    return due.order_by("session__starts_at", "pk").values_list("pk", flat=True)


@transaction.atomic
def _remind(pk: int, which: str, now: dt.datetime) -> int:
    claimed = Registration.objects.filter(pk=pk, state=State.REGISTERED, **{f"reminded_{which}_at__isnull": True})
    changes = {f"reminded_{which}_at": now}
    if which == "1h":
        # The day-before one is no longer news: it is never sent after this one.
        changes["reminded_24h_at"] = Coalesce(F("reminded_24h_at"), Value(now))
    if not claimed.update(**changes):
        return 0
    registration = Registration.objects.select_related("user", "session").get(pk=pk)
    _tell(registration, "session_reminder", reminder=which)
    return 1


# --- Telling people -----------------------------------------------------------------


def _tell(registration: Registration, event: str, *, reminder: str = ""):
    """Write `event`'s notification to the registration's person, in their language and time zone."""
    person, session = registration.user, registration.session
    with translation.override(recipient_language(person)):
        context = email_context(registration, reminder=reminder)
    return notify(
        recipient=person,
        event=event,
        key=f"registration-{registration.pk}{'-' + reminder if reminder else ''}",
        context=context,
        link=reverse("infosessions:detail", args=[session.pk]),
    )


def email_context(registration: Registration, *, reminder: str = "") -> dict:
    """What the session emails show, in the active language: the session, when (in its zone and the person's),
    where, and the person's check-in code or waitlist place."""
    person, session = registration.user, registration.session
    own_zone = person.time_zone if is_known_zone(person.time_zone) else settings.TIME_ZONE
    when = event_times(session.starts_at, session.ends_at, session.time_zone, own_zone)
    return {
        "recipient_name": person.name or person.email,
        "university": session.university,
        "city": session.city,
        "venue": session.venue,
        "online_url": session.online_url,
        "when_text": _told(when.own),
        "local_text": _told(when.local) if when.local else "",
        "duration_minutes": session.duration_minutes,
        "check_in_code": registration.check_in_code_grouped if registration.state in Registration.SEATED else "",
        "waitlist_position": waitlist_position(registration) or 0,
        "reminder": reminder,
    }


def _told(span) -> str:
    return f"{span.start_text}{span.separator}{span.end_text} {span.zone_label}"
