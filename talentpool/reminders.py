"""The reminder before a pool entry expires: REMINDER_DAYS (30) ahead, once per consent, the candidate is told the
day their resume leaves the pool and how to renew (their pool page, /me/pool/).

Each reminder is claimed on the entry (`services.entry_mark_reminded`, a conditional update) in the transaction that
writes it into the notification outbox: a second run, or two workers at once, send it once, and a crash between the
two leaves neither. A renewed consent starts a new period (`entry_refresh` clears `reminded_at`), reminded afresh.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from recruit.notifications.services import notify

from .models import PoolEntry
from .services import entries_due_reminder, entry_mark_reminded

EVENT = "pool_expiry_reminder"
# The candidate's pool page (leave, rejoin, renew), built by the candidate pages: a plain path, so the reminder
# does not depend on them being installed.
RENEW_PATH = "/me/pool/"


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind every candidate whose entry expires within REMINDER_DAYS and who was not reminded in this consent
    period; returns how many were reminded now. One transaction per reminder."""
    now = now or timezone.now()
    due = list(entries_due_reminder(now).order_by("pk").values_list("pk", flat=True))
    return sum(reminder_send(entry_id=entry_id, now=now) for entry_id in due)


@transaction.atomic
def reminder_send(*, entry_id: int, now: dt.datetime | None = None) -> bool:
    """The reminder of one entry, if this call claims it; True when written to the outbox."""
    now = now or timezone.now()
    entry = PoolEntry.objects.select_related("candidate").filter(pk=entry_id).first()
    if entry is None or entry.expires_at is None or not entry_mark_reminded(entry=entry, now=now):
        return False
    candidate = entry.candidate
    notify(
        recipient=candidate,
        event=EVENT,
        # The period's end names it: a renewed consent (a new expiry) is reminded again.
        key=f"pool-entry-{entry.pk}-expires-{entry.expires_at:%Y%m%d%H%M%S}",
        context={"candidate_name": candidate.name or "", "expires_on": timezone.localdate(entry.expires_at)},
        link=RENEW_PATH,
    )
    return True
