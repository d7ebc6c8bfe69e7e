"""Whether a candidate's pool entry is available to other units now, and every reason it is not. Pure rules.

DESIGN.md: a candidate is available when they consented, hold no active application and no hire in the program,
and the entry has not expired. Precisely, `availability()` answers, in this order:

- **left**: the candidate left the pool (`pool_leave`) and has not given consent again since. Giving consent
  again (`pool_rejoin`, or the consent page) is rejoining.
- **expired**: the consent the entry rests on is older than the retention period
  (settings.TALENT_POOL_RETENTION_DAYS, 365 by default). Renewing consent (giving it again) starts a new period.
- **unavailable**, with every reason that holds:
  - `no_consent`: no talent-pool consent recorded;
  - `no_resume`: no current resume;
  - `active_application`: an application under way (waiting, with a unit, up to an offer), in any program: the
    unit reviewing it has the candidate, and an invitation would compete with it;
  - `hired`: hired in any program: a hire is the end of the candidate's season (the entry expires anyway);
  - `not_resurfaced`: turned down with a reason that does not allow resurfacing (a conduct concern, not
    eligible), and no application made since. Applying again lifts it: another unit then looks at the candidate
    afresh, and when that application ends well enough (withdrawn, declined, or rejected with a reason that allows
    resurfacing) the candidate is available again. Giving or renewing consent does not lift it: the unit's
    judgement is not the candidate's to undo.
- **available** otherwise.

Whatever the reason for a rejection, the unit that made it is never suggested the candidate again for the same
role category (`Turndown`, excluded by matching); a reason that does not allow resurfacing keeps them from every
unit until the rule above lifts it.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from applicants.models import Application

from .models import PoolEntry

S = Application.Status

AVAILABLE, UNAVAILABLE, LEFT, EXPIRED = PoolEntry.Status
U = PoolEntry.Unavailable
NO_CONSENT, NO_RESUME, ACTIVE_APPLICATION, HIRED, NOT_RESURFACED = (
    U.NO_CONSENT,
    U.NO_RESUME,
    U.ACTIVE_APPLICATION,
    U.HIRED,
    U.NOT_RESURFACED,
)


@dataclass(frozen=True)
class PastApplication:
    """What the rule needs of one of the candidate's applications."""

    status: str
    # When it reached its current status (the rejection's time, for a rejected one).
    status_since: dt.datetime
    created_at: dt.datetime
    # The rejection reason's answer; None unless rejected.
    allows_resurfacing: bool | None = None


@dataclass(frozen=True)
class PoolFacts:
    """What the rule needs to know about a candidate (`services.entry_refresh` reads it)."""

    consent_at: dt.datetime | None
    has_resume: bool
    applications: Sequence[PastApplication] = ()
    left_at: dt.datetime | None = None


@dataclass(frozen=True)
class Availability:
    status: str
    # Codes of PoolEntry.Unavailable when unavailable; empty otherwise.
    reasons: list[str] = field(default_factory=list)
    expires_at: dt.datetime | None = None

    @property
    def available(self) -> bool:
        return self.status == AVAILABLE

    def __bool__(self) -> bool:
        return self.available


def expiry_of(consent_at: dt.datetime | None, retention_days: int) -> dt.datetime | None:
    """When an entry resting on consent given at `consent_at` expires."""
    return consent_at + dt.timedelta(days=retention_days) if consent_at else None


def has_left(facts: PoolFacts) -> bool:
    """Left and not back: consent given after leaving is rejoining."""
    return facts.left_at is not None and (facts.consent_at is None or facts.consent_at <= facts.left_at)


def not_resurfaced(applications: Sequence[PastApplication]) -> bool:
    """Turned down with a reason that rules out other units, and no application made since."""
    blocks = [a.status_since for a in applications if a.status == S.REJECTED and a.allows_resurfacing is False]
    if not blocks:
        return False
    latest_block = max(blocks)
    return not any(a.created_at > latest_block for a in applications)


def availability(facts: PoolFacts, *, now: dt.datetime, retention_days: int) -> Availability:
    """The entry's status and, when unavailable, every reason (module docstring)."""
    expires_at = expiry_of(facts.consent_at, retention_days)
    if has_left(facts):
        return Availability(LEFT, expires_at=expires_at)
    if expires_at is not None and expires_at <= now:
        return Availability(EXPIRED, expires_at=expires_at)
    reasons = []
    if facts.consent_at is None:
        reasons.append(NO_CONSENT)
    if not facts.has_resume:
        reasons.append(NO_RESUME)
    if any(a.status in Application.ACTIVE for a in facts.applications):
        reasons.append(ACTIVE_APPLICATION)
    if any(a.status == S.HIRED for a in facts.applications):
        reasons.append(HIRED)
    if not_resurfaced(facts.applications):
        reasons.append(NOT_RESURFACED)
    return Availability(UNAVAILABLE if reasons else AVAILABLE, reasons, expires_at)
