"""Whether a candidate may apply to a posting, with every reason in plain words.

A pure function: the caller passes the profile, the posting (with its program
loaded) and the candidate's active applications; nothing here reads or writes
the database.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from postings.models import DegreeLevel


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    reasons: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.eligible


def _day(value: dt.date) -> str:
    return value.isoformat()


def graduation_reasons(graduation_date: dt.date | None, program) -> list[str]:
    """Why a graduation date falls outside the program's window (both ends included); [] if it doesn't."""
    window = {"start": _day(program.graduation_start), "end": _day(program.graduation_end)}
    if graduation_date is None:
        return [
            _("Add your expected graduation date: this program is for graduates from %(start)s to %(end)s.") % window
        ]
    if graduation_date < program.graduation_start:
        return [
            _("Your expected graduation date, %(date)s, is before this program's window (%(start)s to %(end)s).")
            % {"date": _day(graduation_date), **window}
        ]
    if graduation_date > program.graduation_end:
        return [
            _("Your expected graduation date, %(date)s, is after this program's window (%(start)s to %(end)s).")
            % {"date": _day(graduation_date), **window}
        ]
    return []


def check_eligibility(
    *, profile, posting, active_applications: Iterable, now: dt.datetime | None = None
) -> Eligibility:
    """May this candidate apply to this posting now? Every reason they may not, in plain words.

    `active_applications` are the candidate's applications not yet ended
    (any program); the cap counts those of the posting's program.
    """
    now = now or timezone.now()
    program = posting.program
    reasons = []

    if posting.status != posting.Status.PUBLISHED:
        reasons.append(_("This role is not open for applications."))
    elif now < program.applications_open:
        reasons.append(
            _("Applications to this program open on %(date)s.")
            % {"date": _day(timezone.localdate(program.applications_open))}
        )
    elif now > posting.deadline():
        reasons.append(
            _("Applications to this role closed on %(date)s.") % {"date": _day(timezone.localdate(posting.deadline()))}
        )

    reasons += graduation_reasons(profile.graduation_date if profile else None, program)

    accepted = [str(DegreeLevel(level).label) for level in DegreeLevel.values if level in posting.degree_levels]
    if not profile or not profile.degree_level:
        reasons.append(_("Add your degree level: this role accepts %(levels)s.") % {"levels": ", ".join(accepted)})
    elif profile.degree_level not in posting.degree_levels:
        reasons.append(
            _("This role accepts %(levels)s; your degree level is %(yours)s.")
            % {"levels": ", ".join(accepted), "yours": DegreeLevel(profile.degree_level).label}
        )

    in_program = [a for a in active_applications if a.posting.program_id == program.pk]
    if any(a.posting_id == posting.pk for a in in_program):
        reasons.append(_("You have already applied to this role."))
    elif len(in_program) >= program.max_active_applications:
        reasons.append(
            _(
                "You already hold %(count)d active applications, the most this program allows. "
                "Withdraw one to apply here."
            )
            % {"count": len(in_program)}
        )

    return Eligibility(eligible=not reasons, reasons=reasons)
