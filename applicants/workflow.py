"""The application workflow as one table: every move, who makes it, what the candidate is told. Pure rules.

```
queued -> submitted                   (system: the earlier preferences ended)
submitted -> screening -> assessment -> interview -> offer -> hired
any of submitted..offer -> rejected   (recruiter; reason required)
any of queued..offer -> withdrawn     (candidate)
offer -> declined                     (candidate)
```

`services.application_move` reads `MOVES` and nothing else decides a move.
Each move's event names the notification the candidate gets, rendered from
`emails/<event>_subject.txt`, `_body.txt` and `_body.html` in their words:
never a recruiter's reason or note.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Application

S = Application.Status


class Mover(models.TextChoices):
    """Who makes a move."""

    CANDIDATE = "candidate", gettext_lazy("Candidate")
    RECRUITER = "recruiter", gettext_lazy("Recruiter")
    SYSTEM = "system", gettext_lazy("System")


@dataclass(frozen=True)
class Move:
    mover: Mover
    # The notification event the candidate is told of the move by.
    event: str
    reason_required: bool = False
    # The application ends without a hire: the candidate's next waiting preference goes to its unit.
    releases_next: bool = False


_UNDER_REVIEW = (S.SUBMITTED, S.SCREENING, S.ASSESSMENT, S.INTERVIEW, S.OFFER)

MOVES: dict[tuple[str, str], Move] = {
    (S.QUEUED, S.SUBMITTED): Move(Mover.SYSTEM, "application_released"),
    (S.SUBMITTED, S.SCREENING): Move(Mover.RECRUITER, "application_screening"),
    (S.SCREENING, S.ASSESSMENT): Move(Mover.RECRUITER, "application_assessment"),
    (S.SCREENING, S.INTERVIEW): Move(Mover.RECRUITER, "application_interview"),
    (S.ASSESSMENT, S.INTERVIEW): Move(Mover.RECRUITER, "application_interview"),
    (S.INTERVIEW, S.OFFER): Move(Mover.RECRUITER, "application_offer"),
    (S.OFFER, S.HIRED): Move(Mover.RECRUITER, "application_hired"),
    **{
        (current, S.REJECTED): Move(Mover.RECRUITER, "application_rejected", reason_required=True, releases_next=True)
        for current in _UNDER_REVIEW
    },
    **{
        (current, S.WITHDRAWN): Move(Mover.CANDIDATE, "application_withdrawn", releases_next=True)
        for current in (S.QUEUED, *_UNDER_REVIEW)
    },
    (S.OFFER, S.DECLINED): Move(Mover.CANDIDATE, "application_declined", releases_next=True),
}


class IllegalMove(Exception):
    """A move the workflow does not allow; the message says why in plain words."""


def check_move(*, current: str, target: str, by: Mover) -> Move:
    """The move from `current` to `target` if `by` may make it; IllegalMove saying why otherwise."""
    move = MOVES.get((current, target))
    if move is not None and move.mover == by:
        return move
    if current in Application.TERMINAL:
        raise IllegalMove(_("This application has already ended (%(status)s).") % {"status": S(current).label.lower()})
    raise IllegalMove(
        _("An application cannot go from “%(current)s” to “%(target)s”.")
        % {"current": S(current).label, "target": S(target).label}
    )


# What a candidate reads on their timeline for each stage reached; internal
# reasons and notes are never shown.
CANDIDATE_WORDS = {
    S.QUEUED: gettext_lazy("Received. It waits until your earlier preference ends."),
    S.SUBMITTED: gettext_lazy("With the unit's recruiters."),
    S.SCREENING: gettext_lazy("The recruiters are reviewing your profile."),
    S.ASSESSMENT: gettext_lazy("You are invited to an assessment."),
    S.INTERVIEW: gettext_lazy("You are invited to interviews."),
    S.OFFER: gettext_lazy("You have an offer."),
    S.HIRED: gettext_lazy("You accepted the offer. Welcome aboard!"),
    S.REJECTED: gettext_lazy("The unit decided not to go further this time."),
    S.WITHDRAWN: gettext_lazy("You withdrew this application."),
    S.DECLINED: gettext_lazy("You declined the offer."),
}


def preference_buttons(applications) -> dict[int, tuple[bool, bool]]:
    """For a candidate's active applications, in rank order: which may move up, which down (by pk).

    The application under review keeps its place; only waiting (queued) ones
    reorder among themselves, within their program, so only they get
    buttons: ↑ off on the first waiting one, ↓ off on the last. None in a
    program where fewer than two wait.
    """
    waiting_by_program = {}
    for application in applications:
        if application.status == S.QUEUED:
            waiting_by_program.setdefault(application.posting.program_id, []).append(application.pk)
    buttons = {}
    for waiting in waiting_by_program.values():
        if len(waiting) >= 2:
            buttons.update({pk: (index > 0, index < len(waiting) - 1) for index, pk in enumerate(waiting)})
    return buttons


def shifted_preferences(applications, *, pk: int, direction: str) -> list[int] | None:
    """The new order of one program's active applications (their pks) after moving `pk` up or down among
    the waiting ones; None when that move is not offered (under review, ended, already first or last)."""
    buttons = preference_buttons(applications)
    if pk not in buttons or not buttons[pk][0 if direction == "up" else 1]:
        return None
    order = [a.pk for a in applications]
    waiting = [a.pk for a in applications if a.status == S.QUEUED]
    index = waiting.index(pk)
    other = waiting[index - 1 if direction == "up" else index + 1]
    i, j = order.index(pk), order.index(other)
    order[i], order[j] = order[j], order[i]
    return order
