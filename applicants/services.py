"""Writes of the applicants app: applying and the moves of an application.

Each move is one transaction that writes its StageChange and queues the
notification; a candidate's applications are serialised by locking their
user row, so the cap and the preference order hold under concurrent requests.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from postings.models import Posting
from recruit.notifications.services import notify

from .eligibility import check_eligibility
from .models import CROSS_BORDER_CONSENT_VERSION, POOL_CONSENT_VERSION, Application, CandidateProfile, StageChange
from .workflow import check_move

S = Application.Status


class ApplicationRefused(Exception):
    """Applying was refused; `reasons` say why in the candidate's words."""

    def __init__(self, reasons: list[str]):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


def _lock_candidate(candidate):
    return get_user_model().objects.select_for_update().get(pk=candidate.pk)


def _active_in_program(candidate, program):
    return list(
        Application.objects.filter(candidate=candidate, posting__program=program, status__in=Application.ACTIVE)
        .select_related("posting")
        .order_by("rank", "created_at")
    )


def _record(application, *, actor, from_status, reason=""):
    StageChange.objects.create(
        application=application, actor=actor, from_status=from_status, to_status=application.status, reason=reason
    )


def _notify_candidate(application, event):
    candidate = application.candidate
    notify(
        recipient=candidate,
        email=candidate.email,
        event=event,
        key=f"application-{application.pk}-{application.status}",
        context={
            "application": application,
            "candidate_name": candidate.name or candidate.email,
            "queued": application.status == S.QUEUED,
        },
        link=application.get_absolute_url(),
    )


def profile_for(user) -> CandidateProfile:
    profile, _created = CandidateProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def application_submit(
    *, candidate, posting: Posting, cross_border_consent: bool = False, pool_consent: bool = False, now=None
) -> Application:
    """Apply `candidate` to `posting`, or raise ApplicationRefused with every reason.

    With ordered review the application waits (queued, unseen by its unit)
    while another of the candidate's applications in the program is with a
    unit; otherwise it goes to the unit at once.
    """
    now = now or timezone.now()
    candidate = _lock_candidate(candidate)
    posting = Posting.objects.select_related("program", "unit").get(pk=posting.pk)
    program = posting.program
    profile = profile_for(candidate)
    active = _active_in_program(candidate, program)

    reasons = []
    if not candidate.emailaddress_set.filter(email__iexact=candidate.email, verified=True).exists():
        reasons.append(_("Verify your email address first: open the link we sent you."))
    reasons += [_("Add %(what)s to your profile.") % {"what": what} for what in profile.missing_fields()]
    if not candidate.resumes.filter(is_current=True).exists():
        reasons.append(_("Upload your resume (PDF) first."))
    reasons += check_eligibility(profile=profile, posting=posting, active_applications=active, now=now).reasons
    crosses_border = any(not location.in_mainland_china for location in posting.locations.all())
    if crosses_border and not cross_border_consent:
        reasons.append(
            _("This role is outside mainland China: to apply, agree to the transfer of your application data abroad.")
        )
    if (
        Application.objects.filter(candidate=candidate, posting=posting)
        .exclude(status__in=Application.ACTIVE)
        .exists()
    ):
        reasons.append(_("You applied to this role before; an ended application cannot be reopened."))
    if reasons:
        raise ApplicationRefused(list(dict.fromkeys(reasons)))

    if pool_consent and not profile.has_pool_consent:
        profile.pool_consent_version = POOL_CONSENT_VERSION
        profile.pool_consent_at = now
        profile.save(update_fields=["pool_consent_version", "pool_consent_at", "updated_at"])

    released = any(a.status != S.QUEUED for a in active)
    waits = program.review == program.Review.ORDERED and released
    application = Application(
        candidate=candidate,
        posting=posting,
        rank=max((a.rank for a in active), default=0) + 1,
        status=S.QUEUED if waits else S.SUBMITTED,
        resume=candidate.resumes.filter(is_current=True).first(),
        submitted_at=None if waits else now,
    )
    if crosses_border:
        application.cross_border_consent_version = CROSS_BORDER_CONSENT_VERSION
        application.cross_border_consent_at = now
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        # The same candidate and posting, saved by a concurrent request.
        raise ApplicationRefused([_("You have already applied to this role.")]) from None
    _record(application, actor=candidate, from_status="")
    _notify_candidate(application, "application_received")
    return application


def _renumber(candidate, program):
    """Preferences of the active applications count 1, 2, ... again after one ends."""
    for rank, application in enumerate(_active_in_program(candidate, program), start=1):
        if application.rank != rank:
            application.rank = rank
            application.save(update_fields=["rank", "updated_at"])


def _release_next(candidate, program, *, now):
    """Ordered review: when no application of the program is with a unit, the best-ranked queued one goes."""
    active = _active_in_program(candidate, program)
    if any(a.status != S.QUEUED for a in active):
        return None
    queued = [a for a in active if a.status == S.QUEUED]
    if not queued:
        return None
    application = queued[0]
    check_move(current=application.status, target=S.SUBMITTED, by="system")
    application.status = S.SUBMITTED
    application.submitted_at = now
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    _record(application, actor=None, from_status=S.QUEUED)
    _notify_candidate(application, "application_released")
    return application


@transaction.atomic
def application_move(*, application: Application, target: str, actor, by: str, reason: str = "", now=None):
    """Move an application one stage (checked against the workflow), record it, tell the candidate.

    When an application ends without a hire, the candidate's next preference
    in the program is released to its unit in the same transaction.
    """
    now = now or timezone.now()
    if application.candidate_id:
        _lock_candidate(application.candidate)
    application = Application.objects.select_for_update().select_related("posting__program").get(pk=application.pk)
    check_move(current=application.status, target=target, by=by)
    if target == S.REJECTED and not reason.strip():
        raise ValidationError(_("Give a reason for the rejection."))
    previous = application.status
    application.status = target
    application.save(update_fields=["status", "updated_at"])
    _record(application, actor=actor, from_status=previous, reason=reason)
    if application.candidate_id:
        if target == S.WITHDRAWN:
            _notify_candidate(application, "application_withdrawn")
        if target in Application.TERMINAL:
            _renumber(application.candidate, application.posting.program)
        if target in {S.REJECTED, S.WITHDRAWN, S.DECLINED}:
            _release_next(application.candidate, application.posting.program, now=now)
    return application


def application_withdraw(*, application: Application, candidate, reason: str = "") -> Application:
    """The candidate withdraws their own application."""
    return application_move(
        application=application, target=S.WITHDRAWN, actor=candidate, by="candidate", reason=reason
    )


@transaction.atomic
def application_shift_preference(*, candidate, application: Application, direction: str) -> bool:
    """Swap an active application with the one above ("up") or below ("down") in the
    candidate's preferences of its program; False when there is nothing to swap with.

    An application already with its unit stays there: the order decides which
    waiting one is released next.
    """
    _lock_candidate(candidate)
    order = [a.pk for a in _active_in_program(candidate, application.posting.program)]
    if application.pk not in order:
        return False
    index = order.index(application.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(order):
        return False
    order[index], order[other] = order[other], order[index]
    for rank, pk in enumerate(order, start=1):
        Application.objects.filter(pk=pk).exclude(rank=rank).update(rank=rank, updated_at=timezone.now())
    return True


@transaction.atomic
def pool_consent_give(*, candidate, now=None) -> CandidateProfile:
    profile = profile_for(candidate)
    profile.pool_consent_version = POOL_CONSENT_VERSION
    profile.pool_consent_at = now or timezone.now()
    profile.save(update_fields=["pool_consent_version", "pool_consent_at", "updated_at"])
    return profile


@transaction.atomic
def pool_consent_withdraw(*, candidate) -> CandidateProfile:
    profile = profile_for(candidate)
    profile.pool_consent_version = ""
    profile.pool_consent_at = None
    profile.save(update_fields=["pool_consent_version", "pool_consent_at", "updated_at"])
    return profile
