"""Whether a candidate may apply to a posting: every reason they may not, in plain words.

One pure function, `may_apply`, holds every refusal the portal knows; the
posting page, the apply page, /me/ and `services.application_submit` all ask
it, so no page offers a button the service then refuses. The caller passes
the facts (`Candidacy`, read once by `queries.candidacy_of`), the posting with
its program and locations loaded, and the time; nothing here reads or writes
the database.

Applying again after withdrawing: no. Each role takes one application per
candidate (a database constraint): a withdrawn application ends for good, and
the candidate may apply to other roles. Reopening would let a candidate jump
the preference order (withdraw, let the next preference go to its unit,
re-apply) and would rewrite a history the unit has already seen.
`REAPPLY_RULE` says so, in the same words, on the withdrawal page, in its
email and on the apply page.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from postings.models import DegreeLevel
from recruit.wording import join_words

from .models import Application

ENDED = Application.TERMINAL

REAPPLY_RULE = gettext_lazy(
    "Each role takes one application per candidate: once withdrawn, an application cannot be reopened "
    "and you cannot apply to that role again. You may apply to other roles."
)


@dataclass(frozen=True)
class Reason:
    """One refusal: `code` for code and tests, `message` for the candidate, `fix` the URL name that helps."""

    code: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        return self.message

    @property
    def fix_label(self) -> str:
        return str(FIX_LABELS.get(self.fix, ""))


# The words of the link beside a reason, by the page it leads to.
FIX_LABELS = {
    "applicants:profile": gettext_lazy("Edit your profile"),
    "applicants:resumes": gettext_lazy("Your resumes"),
    "applicants:dashboard": gettext_lazy("Your applications"),
}


@dataclass(frozen=True)
class Candidacy:
    """What the rules need to know about a candidate (`queries.candidacy_of` reads it)."""

    email_verified: bool
    # The CandidateProfile (with its user), unsaved when they have none yet.
    profile: object
    has_resume: bool
    # Every application of the candidate (any status), each with `posting_id`,
    # `status` and `posting.program_id`.
    applications: Sequence = ()


@dataclass(frozen=True)
class Eligibility:
    reasons: list[Reason] = field(default_factory=list)
    # The role is abroad: the apply form asks for the cross-border consent.
    needs_cross_border_consent: bool = False

    @property
    def eligible(self) -> bool:
        return not self.reasons

    def __bool__(self) -> bool:
        return self.eligible

    @property
    def messages(self) -> list[str]:
        return [reason.message for reason in self.reasons]


def _day(value: dt.date) -> str:
    """A day as the page's language writes it: 30 October 2027, 2027年10月30日."""
    return date_format(value, "DATE_FORMAT")


def graduation_reasons(graduation_date: dt.date | None, program) -> list[Reason]:
    """Why a graduation date falls outside the program's window (both ends included), naming the program."""
    window = {"program": program.name, "start": _day(program.graduation_start), "end": _day(program.graduation_end)}
    if graduation_date is None:
        message = _("Add your expected graduation date: %(program)s is for graduates from %(start)s to %(end)s.")
        return [Reason("graduation_missing", message % window, "applicants:profile")]
    if graduation_date < program.graduation_start:
        message = _(
            "Your expected graduation date, %(date)s, is before the window of %(program)s (%(start)s to %(end)s)."
        )
        return [Reason("graduation_early", message % {"date": _day(graduation_date), **window}, "applicants:profile")]
    if graduation_date > program.graduation_end:
        message = _(
            "Your expected graduation date, %(date)s, is after the window of %(program)s (%(start)s to %(end)s)."
        )
        return [Reason("graduation_late", message % {"date": _day(graduation_date), **window}, "applicants:profile")]
    return []


def candidate_reasons(candidacy: Candidacy) -> list[Reason]:
    """What the candidate must do before applying anywhere: verify, complete the profile, upload a resume."""
    reasons = []
    if not candidacy.email_verified:
        reasons.append(Reason("email", _("Verify your email address first: open the link we sent you.")))
    missing = candidacy.profile.missing_fields()
    reasons += [
        Reason("profile", _("Add %(what)s to your profile.") % {"what": what}, "applicants:profile")
        for what in missing
    ]
    if not candidacy.has_resume:
        reasons.append(Reason("resume", _("Upload your resume (PDF) first."), "applicants:resumes"))
    return reasons


def _active_in(candidacy: Candidacy, program) -> list:
    return [a for a in candidacy.applications if a.posting.program_id == program.pk and a.status not in ENDED]


def program_reasons(candidacy: Candidacy, program, *, now: dt.datetime) -> list[Reason]:
    """Why the candidate may apply to no role of this program now: its period, their graduation date, the cap."""
    reasons = []
    if now < program.applications_open:
        message = _("Applications to %(program)s open on %(date)s.")
        reasons.append(
            Reason(
                "not_open",
                message % {"program": program.name, "date": _day(timezone.localdate(program.applications_open))},
            )
        )
    elif now > program.applications_close:
        message = _("Applications to %(program)s closed on %(date)s.")
        reasons.append(
            Reason(
                "closed",
                message % {"program": program.name, "date": _day(timezone.localdate(program.applications_close))},
            )
        )
    # A missing date is asked for with the rest of the profile (candidate_reasons).
    if candidacy.profile.graduation_date:
        reasons += graduation_reasons(candidacy.profile.graduation_date, program)
    active = _active_in(candidacy, program)
    if len(active) >= program.max_active_applications:
        message = _(
            "You already hold %(count)d active applications in %(program)s, the most it allows. "
            "Withdraw one to apply to another role."
        )
        reasons.append(
            Reason("cap", message % {"count": len(active), "program": program.name}, "applicants:dashboard")
        )
    return reasons


def posting_reasons(candidacy: Candidacy, posting, *, now: dt.datetime) -> list[Reason]:
    """Why this role in particular does not take the candidate's application."""
    reasons = []
    # A role published for a later time is not open before it (before its program opens, the
    # program's reason says enough).
    scheduled = posting.published_at and posting.program.applications_open <= now < posting.published_at
    if posting.status != posting.Status.PUBLISHED or scheduled:
        reasons.append(Reason("not_published", _("This role is not open for applications.")))
    elif posting.closes_at and posting.closes_at < now <= posting.program.applications_close:
        message = _("Applications to this role closed on %(date)s.")
        reasons.append(Reason("closed", message % {"date": _day(timezone.localdate(posting.closes_at))}))

    profile = candidacy.profile
    # A missing degree level is asked for with the rest of the profile (candidate_reasons).
    accepted_levels = posting.accepted_degree_levels()
    if profile.degree_level and profile.degree_level not in accepted_levels:
        message = _("This role accepts %(levels)s; your degree level is %(yours)s.")
        accepted = join_words([DegreeLevel(level).label for level in accepted_levels])
        yours = DegreeLevel(profile.degree_level).label
        reasons.append(Reason("degree", message % {"levels": accepted, "yours": yours}, "applicants:profile"))

    earlier = [a for a in candidacy.applications if a.posting_id == posting.pk]
    if any(a.status not in ENDED for a in earlier):
        reasons.append(Reason("applied", _("You have already applied to this role."), "applicants:dashboard"))
    elif any(a.status == Application.Status.WITHDRAWN for a in earlier):
        reasons.append(
            Reason("withdrawn", _("You withdrew your application to this role. %(rule)s") % {"rule": REAPPLY_RULE})
        )
    elif earlier:
        message = _("You applied to this role before; each role takes one application per candidate.")
        reasons.append(Reason("applied_before", message))
    return reasons


def may_apply(
    *, candidacy: Candidacy, posting, now: dt.datetime | None = None, cross_border_consent: bool | None = None
) -> Eligibility:
    """May this candidate apply to this posting now? Every reason they may not.

    `cross_border_consent` is None on the pages (the form asks for it when
    `needs_cross_border_consent`), and what the candidate ticked when they
    submit: a role abroad without it is refused.
    """
    now = now or timezone.now()
    reasons = candidate_reasons(candidacy)
    reasons += program_reasons(candidacy, posting.program, now=now)
    reasons += posting_reasons(candidacy, posting, now=now)
    # Already applied to this very role says it all: the cap is beside the point.
    if any(r.code in {"applied", "withdrawn", "applied_before"} for r in reasons):
        reasons = [r for r in reasons if r.code != "cap"]
    if posting.crosses_border and cross_border_consent is False:
        message = _(
            "This role is outside mainland China: to apply, agree to the transfer of your application data abroad."
        )
        reasons.append(Reason("cross_border_consent", message))
    return Eligibility(reasons=reasons, needs_cross_border_consent=posting.crosses_border)
