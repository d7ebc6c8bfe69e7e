"""A candidate's resumes: stored (checked by `pdf.inspect_pdf`), made current, deleted, read."""

from contextlib import suppress
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Resume
from ..pdf import MAX_RESUME_BYTES, extract_text, inspect_pdf, resume_error, safe_display_name
from ..signals import resume_changed
from .candidates import lock_candidate

# Versions a candidate may keep: enough to tailor a resume per role, few
# enough that one account cannot fill the storage.
MAX_RESUME_VERSIONS = 10


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

    lock_candidate(candidate.pk)
    earlier = Resume.objects.filter(candidate=candidate, checksum=facts.sha256).first()
    if earlier is not None:
        _set_current(earlier)
        resume_changed.send(sender=Resume, candidate_id=candidate.pk)
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
    from ..tasks import resume_extract_text

    resume_extract_text.delay_on_commit(resume.pk)
    resume_changed.send(sender=Resume, candidate_id=candidate.pk)
    return resume


@transaction.atomic
def resume_make_current(*, resume: Resume) -> Resume:
    """Make this resume the one applications use by default; the candidate's other resumes stop being current."""
    lock_candidate(resume.candidate_id)
    _set_current(resume)
    resume_changed.send(sender=Resume, candidate_id=resume.candidate_id)
    return resume


@transaction.atomic
def resume_delete(*, resume: Resume) -> None:
    """Delete a resume, and its file once the deletion is committed; the newest remaining one becomes current."""
    lock_candidate(resume.candidate_id)
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
    resume_changed.send(sender=Resume, candidate_id=resume.candidate_id)
    # robust: a storage error after commit is logged, not shown as a failed deletion.
    transaction.on_commit(partial(storage.delete, name), robust=True)


def resume_extract_text(*, resume_id: int) -> str | None:
    """Read a resume's text once: the status it ends with, or None when it was already read (or is gone).

    A PDF that cannot be read (or a missing file) ends as "failed"; it never raises for those.
    """
    resume = (
        Resume.objects.filter(pk=resume_id, text_status=Resume.TextStatus.PENDING)
        .only("pk", "file", "candidate_id")
        .first()
    )
    if resume is None:
        return None
    try:
        with resume.file.storage.open(resume.file.name, "rb") as stored:
            data = stored.read(MAX_RESUME_BYTES + 1)
        text, status = extract_text(data), Resume.TextStatus.DONE
    except (ValidationError, FileNotFoundError):
        text, status = "", Resume.TextStatus.FAILED
    with transaction.atomic():
        # Conditional: a second delivery of the same task, running alongside, writes nothing.
        claimed = Resume.objects.filter(pk=resume_id, text_status=Resume.TextStatus.PENDING).update(
            text=text, text_status=status
        )
        if claimed:
            resume_changed.send(sender=Resume, candidate_id=resume.candidate_id)
    return status if claimed else None
