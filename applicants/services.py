"""Writes of the applicants app: applying, the moves of an application, preferences, resumes, consent.

Each move is one transaction that writes its StageChange and queues the
notification. Every write about one candidate (applications and resumes)
first locks that candidate's user row (`_lock_candidate`), so the cap, the
preference order and "one current resume" hold under concurrent requests.
"""

from contextlib import suppress
from functools import partial

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from postings.models import Posting
from recruit.notifications.services import notify

from .eligibility import REAPPLY_RULE, may_apply
from .models import (
    CROSS_BORDER_CONSENT_VERSION,
    POOL_CONSENT_VERSION,
    Application,
    CandidateProfile,
    Resume,
    StageChange,
)
from .pdf import MAX_RESUME_BYTES, extract_text, inspect_pdf, resume_error, safe_display_name
from .queries import candidacy_of
from .workflow import Mover, check_move, shifted_preferences

S = Application.Status

# Versions a candidate may keep: enough to tailor a resume per role, few
# enough that one account cannot fill the storage.
MAX_RESUME_VERSIONS = 10


class ApplicationRefused(Exception):
    """Applying was refused; `reasons` say why in the candidate's words."""

    def __init__(self, reasons: list[str]):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


class PreferenceNotMoved(Exception):
    """A reorder the rules do not offer; the message says why."""


def _lock_candidate(candidate_id: int):
    """Lock the candidate's user row for this transaction and return the fresh user."""
    return get_user_model()._default_manager.select_for_update().get(pk=candidate_id)


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


def profile_for(user) -> CandidateProfile:
    profile, _created = CandidateProfile.objects.get_or_create(user=user)
    return profile


# --- Applying -------------------------------------------------------------------


@transaction.atomic
def application_submit(
    *, candidate, posting: Posting, cross_border_consent: bool = False, pool_consent: bool = False, now=None
) -> Application:
    """Apply `candidate` to `posting`, or raise ApplicationRefused with every reason `may_apply` gives.

    With ordered review the application waits (queued, unseen by its unit)
    while another of the candidate's applications in the program is with a
    unit; otherwise it goes to the unit at once.
    """
    now = now or timezone.now()
    candidate = _lock_candidate(candidate.pk)
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
        status=S.QUEUED if waits else S.SUBMITTED,
        resume=candidate.resumes.filter(is_current=True).first(),
        submitted_at=None if waits else now,
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


def _make_move(application, *, target, actor, by: Mover, reason: str, now):
    """One move of the table, on an application the caller has locked; the candidate is told."""
    move = check_move(current=application.status, target=target, by=by)
    if move.reason_required and not reason.strip():
        raise ValidationError(_("Give a reason for this move."))
    previous = application.status
    application.status = target
    fields = ["status", "updated_at"]
    if target == S.SUBMITTED:
        application.submitted_at = now
        fields.append("submitted_at")
    application.save(update_fields=fields)
    _record(application, actor=actor, from_status=previous, reason=reason)
    candidate = application.candidate
    if candidate is not None:
        _notify_candidate(application, move.event)
        if target in Application.TERMINAL:
            _renumber(candidate, application.posting.program)
        if move.releases_next:
            _release_next(candidate, application.posting.program, now=now)
    return application


@transaction.atomic
def application_move(
    *, application: Application, target: str, actor, by: Mover, reason: str = "", now=None
) -> Application:
    """Move an application as the workflow table allows `by`, record it, tell the candidate.

    Raises IllegalMove for a move the table does not give `by`, and
    ValidationError when the move needs a reason and has none. When the move
    releases the next preference, it goes to its unit in the same transaction.
    """
    now = now or timezone.now()
    if application.candidate_id:
        _lock_candidate(application.candidate_id)
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("posting__program", "posting__unit", "candidate")
        .get(pk=application.pk)
    )
    return _make_move(application, target=target, actor=actor, by=by, reason=reason, now=now)


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
    _lock_candidate(candidate.pk)
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


# --- Talent-pool consent --------------------------------------------------------


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


# --- Resumes --------------------------------------------------------------------


def _read_at_most(uploaded_file: File, limit: int) -> bytes:
    """Up to `limit` bytes of the file, from its start."""
    with suppress(AttributeError, OSError):
        uploaded_file.seek(0)
    chunks = []
    remaining = limit
    while remaining > 0:
        chunk = uploaded_file.read(remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _declared_size(uploaded_file: File) -> int | None:
    try:
        return uploaded_file.size
    except AttributeError:
        return None


def _set_current(resume: Resume) -> None:
    """Make this resume the candidate's current one; the caller holds the candidate's lock."""
    # The old current resume first: the partial unique index allows one at a time.
    Resume.objects.filter(candidate_id=resume.candidate_id, is_current=True).exclude(pk=resume.pk).update(
        is_current=False
    )
    if not Resume.objects.filter(pk=resume.pk).update(is_current=True):
        raise Resume.DoesNotExist("The resume was deleted.")
    resume.is_current = True


def _quota_error(candidate) -> ValidationError:
    oldest = Resume.objects.filter(candidate=candidate).deletable().order_by("uploaded_at", "id").first()
    if oldest is None:
        message = _(
            "You keep %(limit)d resume versions, the most we store, and each was sent with an application under "
            "way. A version can be deleted once its application has ended."
        ) % {"limit": MAX_RESUME_VERSIONS}
    else:
        message = _(
            "You keep %(limit)d resume versions, the most we store. Delete one you no longer need first, "
            "for example the oldest, “%(name)s”, then upload again."
        ) % {"limit": MAX_RESUME_VERSIONS, "name": oldest.original_name}
    return ValidationError(message, code="quota")


@transaction.atomic
def resume_upload(*, candidate, uploaded_file: File) -> Resume:
    """Store an uploaded resume as the candidate's current one and have its text read after commit.

    Raises ValidationError (message for the candidate, `code` for tests) and
    stores nothing when the file is not an acceptable resume, or when the
    candidate already keeps MAX_RESUME_VERSIONS. The same file uploaded again
    is not stored twice: the earlier copy becomes current and is returned.
    """
    declared_size = _declared_size(uploaded_file)
    if declared_size is not None and declared_size > MAX_RESUME_BYTES:
        raise resume_error("too_big")
    data = _read_at_most(uploaded_file, MAX_RESUME_BYTES + 1)
    facts = inspect_pdf(data)

    _lock_candidate(candidate.pk)
    earlier = Resume.objects.filter(candidate=candidate, checksum=facts.sha256).first()
    if earlier is not None:
        _set_current(earlier)
        return earlier
    if Resume.objects.filter(candidate=candidate).count() >= MAX_RESUME_VERSIONS:
        raise _quota_error(candidate)

    Resume.objects.filter(candidate=candidate, is_current=True).update(is_current=False)
    resume = Resume(
        candidate=candidate,
        original_name=safe_display_name(uploaded_file.name or ""),
        checksum=facts.sha256,
        size=len(data),
        page_count=facts.page_count,
        is_current=True,
    )
    # upload_to generates the stored name; the uploaded name is only shown.
    resume.file.save("resume.pdf", ContentFile(data), save=False)
    try:
        resume.save()
    except BaseException:
        # The file reached storage but its row did not reach the database.
        resume.file.delete(save=False)
        raise

    # Imported here because the task module imports this one.
    from .tasks import resume_extract_text

    resume_extract_text.delay_on_commit(resume.pk)
    return resume


@transaction.atomic
def resume_make_current(*, resume: Resume) -> Resume:
    """Make this resume the one applications use by default; the candidate's other resumes stop being current."""
    _lock_candidate(resume.candidate_id)
    _set_current(resume)
    return resume


@transaction.atomic
def resume_delete(*, resume: Resume) -> None:
    """Delete a resume, and its file once the deletion is committed; the newest remaining one becomes current."""
    _lock_candidate(resume.candidate_id)
    this = Resume.objects.filter(pk=resume.pk)
    if this.exists() and not this.deletable().exists():
        raise ValidationError(
            _("This resume was sent with an application still under way, so it stays. Upload a new one instead."),
            code="in_use",
        )
    name, storage = resume.file.name, resume.file.storage
    deleted, _counts = Resume.objects.filter(pk=resume.pk).delete()
    if not deleted:
        return
    remaining = Resume.objects.filter(candidate_id=resume.candidate_id)
    if not remaining.filter(is_current=True).exists():
        newest = remaining.order_by("-uploaded_at", "-id").first()
        if newest is not None:
            _set_current(newest)
    # robust: a storage error after commit is logged, not shown as a failed deletion.
    transaction.on_commit(partial(storage.delete, name), robust=True)


def resume_extract_text(*, resume_id: int) -> str | None:
    """Read a resume's text once: the status it ends with, or None when it was already read (or is gone).

    A PDF that cannot be read (or a missing file) ends as "failed"; it never raises for those.
    """
    resume = Resume.objects.filter(pk=resume_id, text_status=Resume.TextStatus.PENDING).only("pk", "file").first()
    if resume is None:
        return None
    try:
        with resume.file.storage.open(resume.file.name, "rb") as stored:
            data = stored.read(MAX_RESUME_BYTES + 1)
        text, status = extract_text(data), Resume.TextStatus.DONE
    except (ValidationError, FileNotFoundError):
        text, status = "", Resume.TextStatus.FAILED
    # Conditional: a second delivery of the same task, running alongside, writes nothing.
    claimed = Resume.objects.filter(pk=resume_id, text_status=Resume.TextStatus.PENDING).update(
        text=text, text_status=status
    )
    return status if claimed else None
