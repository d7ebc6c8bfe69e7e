"""The application workflow: which moves exist and who may make them. Pure rules."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Application

S = Application.Status

# queued -> submitted happens when the earlier preference ends; recruiters
# move submitted..offer forward or reject; candidates withdraw or decline.
RECRUITER_MOVES = {
    S.SUBMITTED: {S.SCREENING, S.REJECTED},
    S.SCREENING: {S.ASSESSMENT, S.INTERVIEW, S.REJECTED},
    S.ASSESSMENT: {S.INTERVIEW, S.REJECTED},
    S.INTERVIEW: {S.OFFER, S.REJECTED},
    S.OFFER: {S.HIRED, S.REJECTED},
}
CANDIDATE_MOVES = {status: {S.WITHDRAWN} for status in (S.QUEUED, S.SUBMITTED, S.SCREENING, S.ASSESSMENT, S.INTERVIEW)}
CANDIDATE_MOVES[S.OFFER] = {S.WITHDRAWN, S.DECLINED}
SYSTEM_MOVES = {S.QUEUED: {S.SUBMITTED}}


class IllegalMove(Exception):
    """A move the workflow does not allow; the message says why in plain words."""


def check_move(*, current: str, target: str, by: str) -> None:
    """Raise IllegalMove unless `by` ("candidate", "recruiter" or "system") may move `current` to `target`."""
    moves = {"candidate": CANDIDATE_MOVES, "recruiter": RECRUITER_MOVES, "system": SYSTEM_MOVES}[by]
    if target in moves.get(current, set()):
        return
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
