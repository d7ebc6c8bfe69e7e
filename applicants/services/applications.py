"""Applying, the moves of an application (as `workflow.MOVES` allows) and the order of preferences.

Each move is one transaction that writes its StageChange and queues the
notification, in the candidate's words.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from postings.models import Posting
from recruit.notifications.services import notify

from ..eligibility import REAPPLY_RULE, may_apply
from ..models import CROSS_BORDER_CONSENT_VERSION, POOL_CONSENT_VERSION, Application, CandidateProfile, StageChange
from ..queries import candidacy_of
from ..signals import application_moved, application_submitted
from ..workflow import IllegalMove, Mover, check_move, shifted_preferences
from .candidates import lock_candidate, profile_for
from .interviews import interviews_cancel_upcoming

S = Application.Status


class ApplicationRefused(Exception):
    """Applying was refused; `reasons` say why in the candidate's words."""

    def __init__(self, reasons: list[str]):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


class PreferenceNotMoved(Exception):
    """A reorder the rules do not offer; the message says why."""


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
    """Tell the candidate, in their words: the context holds no recruiter's reason or note."""
    candidate = application.candidate
    profile = CandidateProfile.objects.filter(user=candidate).only("pool_consent_at").first()
    notify(
        recipient=candidate,
        email=candidate.email,
        event=event,
        key=f"application-{application.pk}-{application.status}",
        context={
            "application": application,
            "candidate_name": candidate.name or candidate.email,
            "queued": application.status == S.QUEUED,
            "in_pool": bool(profile and profile.has_pool_consent),
            "reapply_rule": str(REAPPLY_RULE),
        },
        link=application.get_absolute_url(),
    )


# --- Applying -------------------------------------------------------------------


@transaction.atomic
def application_submit(
    *,
    candidate,
    posting: Posting,
    cross_border_consent: bool = False,
    pool_consent: bool = False,
    source: str = Application.Source.DIRECT,
    now=None,
) -> Application:
    """Apply `candidate` to `posting`, or raise ApplicationRefused with every reason `may_apply` gives.

    `source` says how the candidate came: directly, or by accepting a talent-pool invitation.

    With ordered review the application waits (queued, unseen by its unit)
    while another of the candidate's applications in the program is with a
    unit; otherwise it goes to the unit at once.
    """
    now = now or timezone.now()
    candidate = lock_candidate(candidate.pk)
    try:
        posting = Posting.objects.select_related("program", "unit").prefetch_related("locations").get(pk=posting.pk)
    except Posting.DoesNotExist:
        raise ApplicationRefused([_("This role is not open for applications.")]) from None
    eligibility = may_apply(
        candidacy=candidacy_of(candidate), posting=posting, now=now, cross_border_consent=cross_border_consent
    )
    if not eligibility:
        raise ApplicationRefused(eligibility.messages)

    profile = profile_for(candidate)
    if pool_consent and not profile.has_pool_consent:
        profile.pool_consent_version = POOL_CONSENT_VERSION
        profile.pool_consent_at = now
        profile.save(update_fields=["pool_consent_version", "pool_consent_at", "updated_at"])

    program = posting.program
    active = _active_in_program(candidate, program)
    released = any(a.status != S.QUEUED for a in active)
    waits = program.review == program.Review.ORDERED and released
    application = Application(
        candidate=candidate,
        posting=posting,
        rank=max((a.rank for a in active), default=0) + 1,
        source=source,
        status=S.QUEUED if waits else S.SUBMITTED,
        resume=candidate.resumes.filter(is_current=True).first(),
        submitted_at=None if waits else now,
        stage_entered_at=now,
    )
    if eligibility.needs_cross_border_consent:
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
    application_submitted.send(sender=Application, application=application)
    return application


# --- Moves ----------------------------------------------------------------------


def _renumber(candidate, program):
    """Preferences of the active applications count 1, 2, ... again after one ends."""
    for rank, application in enumerate(_active_in_program(candidate, program), start=1):
        if application.rank != rank:
            application.rank = rank
            application.save(update_fields=["rank", "updated_at"])


def _release_next(candidate, program, *, now):
    """Ordered review: when no application of the program is with a unit, the best-ranked waiting one goes."""
    active = _active_in_program(candidate, program)
    if not active or any(a.status != S.QUEUED for a in active):
        return None
    return _make_move(active[0], target=S.SUBMITTED, actor=None, by=Mover.SYSTEM, reason="", now=now)


def _make_move(application, *, target, actor, by: Mover, reason: str, now, rejection_reason=None):
    """One move of the table, on an application the caller has locked; the candidate is told."""
    move = check_move(current=application.status, target=target, by=by)
    if move.reason_required and rejection_reason is None:
        raise ValidationError(_("Choose a reason for turning this application down."))
    previous = application.status
    application.status = target
    application.stage_entered_at = now
    fields = ["status", "stage_entered_at", "updated_at"]
    if move.reason_required:
        application.rejection_reason = rejection_reason
        fields.append("rejection_reason")
    if target == S.SUBMITTED:
        application.submitted_at = now
        fields.append("submitted_at")
    application.save(update_fields=fields)
    _record(application, actor=actor, from_status=previous, reason=reason)
    application_moved.send(sender=Application, application=application, from_status=previous, to_status=target)
    candidate = application.candidate
    if target in Application.TERMINAL:
        # However it ends (turned down, in bulk, withdrawn, declined, hired), nobody's calendar keeps its
        # interviews still to come: each interviewer and the candidate get the cancellation.
        interviews_cancel_upcoming(application=application, actor=actor, now=now)
    if candidate is not None:
        _notify_candidate(application, move.event)
        if target in Application.TERMINAL:
            _renumber(candidate, application.posting.program)
        if move.releases_next:
            _release_next(candidate, application.posting.program, now=now)
    return application


@transaction.atomic
def application_move(
    *, application: Application, target: str, actor, by: Mover, reason: str = "", rejection_reason=None, now=None
) -> Application:
    """Move an application as the workflow table allows `by`, record it, tell the candidate.

    `reason` is the mover's note (internal, on the StageChange); a rejection
    also needs a `rejection_reason` (a RejectionReason, internal too). Raises
    IllegalMove for a move the table does not give `by`, and ValidationError
    when the move needs a reason and has none. When the move releases the next
    preference, it goes to its unit in the same transaction.
    """
    now = now or timezone.now()
    if application.candidate_id:
        lock_candidate(application.candidate_id)
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("posting__program", "posting__unit", "candidate")
        .get(pk=application.pk)
    )
    return _make_move(
        application, target=target, actor=actor, by=by, reason=reason, now=now, rejection_reason=rejection_reason
    )


class BulkMoveResult:
    """What a bulk move did: the applications moved, and those refused with the workflow's message."""

    def __init__(self):
        self.moved: list[Application] = []
        self.refused: list[tuple[Application, str]] = []

    def __bool__(self):
        return bool(self.moved)


def applications_move(
    *, applications, target: str, actor, reason: str = "", rejection_reason=None, now=None
) -> BulkMoveResult:
    """Move each of `applications` (already scoped to what `actor` may review) as a recruiter, one transaction
    each: one refused move (illegal from its stage, or moved meanwhile by someone else) leaves the others done."""
    result = BulkMoveResult()
    for application in applications:
        try:
            moved = application_move(
                application=application,
                target=target,
                actor=actor,
                by=Mover.RECRUITER,
                reason=reason,
                rejection_reason=rejection_reason,
                now=now,
            )
        except IllegalMove as refused:
            result.refused.append((application, str(refused)))
        except ValidationError as refused:
            result.refused.append((application, " ".join(refused.messages)))
        else:
            result.moved.append(moved)
    return result


def application_withdraw(*, application: Application, candidate, reason: str = "") -> Application:
    """The candidate withdraws their own application."""
    return application_move(
        application=application, target=S.WITHDRAWN, actor=candidate, by=Mover.CANDIDATE, reason=reason
    )


@transaction.atomic
def application_shift_preference(*, candidate, application: Application, direction: str) -> None:
    """Move a waiting application one place up or down among the candidate's waiting preferences.

    The application under review keeps its place; an ended one has none.
    Raises PreferenceNotMoved, saying why, for any move the page does not offer.
    """
    lock_candidate(candidate.pk)
    application = Application.objects.select_related("posting").get(pk=application.pk)
    if application.status in Application.TERMINAL:
        raise PreferenceNotMoved(_("This application has ended, so it has no place among your preferences."))
    if application.status != S.QUEUED:
        raise PreferenceNotMoved(_("The application under review keeps its place; only waiting ones can move."))
    active = _active_in_program(candidate, application.posting.program)
    order = shifted_preferences(active, pk=application.pk, direction=direction)
    if order is None:
        raise PreferenceNotMoved(_("This application cannot move further that way."))
    for rank, pk in enumerate(order, start=1):
        Application.objects.filter(pk=pk).exclude(rank=rank).update(rank=rank, updated_at=timezone.now())
