"""Resumes: which PDFs we accept, and how a candidate's resumes are stored, made current and deleted.

A view calls `resume_upload(candidate=..., uploaded_file=...)` and shows the
`ValidationError` it may raise next to the file field; the checks are in
`inspect_pdf`, usable on their own. Uploads are judged by their bytes, never
by their name or declared content type, and every failure to read a PDF is a
message to the candidate, not a server error.
"""

import hashlib
import io
import itertools
import logging
import re
import unicodedata
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import pypdf
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from pypdf.filters import decode_stream_data
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from .models import Application, Resume

if TYPE_CHECKING:
    from recruit.accounts.models import User

logger = logging.getLogger(__name__)

MAX_RESUME_BYTES = 10 * 1024 * 1024
MAX_RESUME_PAGES = 20
# For the file input and its help text (which, like MESSAGES, states the limits).
RESUME_ACCEPT = "application/pdf,.pdf"
RESUME_HELP_TEXT = _("A PDF of at most 10 MB and 20 pages, without a password.")

# A resume is a few pages of text and pictures. Flate compresses zeros about
# 1000:1, so 10 MB of upload could otherwise ask for 10 GB of memory; pypdf's
# defaults (75 MB per stream) are meant for any PDF, ours are for resumes.
MAX_STREAM_OUTPUT = 50 * 1024 * 1024
# Inflated bytes of all the streams we decode while checking one file.
MAX_DOCUMENT_OUTPUT = 100 * 1024 * 1024
# A 20-page resume has a few thousand objects; pypdf reads about 25,000 a
# second, and a 10 MB file of tiny ones would hold the request for seconds.
MAX_PDF_OBJECTS = 20_000

MESSAGES = {
    "empty": _("The file is empty. Please choose your resume again."),
    "too_big": _("The file is larger than 10 MB. Please upload a smaller PDF (compressing its pictures helps)."),
    "not_pdf": _("This file is not a PDF. Please save or export your resume as a PDF and upload that."),
    "unreadable": _(
        "We could not read this PDF; it may be damaged. Please export it again from your editor "
        "and upload the new file."
    ),
    "encrypted": _("This PDF is protected by a password. Please upload a copy without a password."),
    "no_pages": _("This PDF has no pages."),
    "too_many_pages": _("This PDF has %(pages)d pages; a resume may have at most %(limit)d."),
    "javascript": _(
        "This PDF contains JavaScript, which we do not accept. Please save it as a plain PDF "
        "(for example with “Print to PDF”) and upload that."
    ),
    "launch": _(
        "This PDF tries to open other programs, which we do not accept. Please save it as a plain PDF "
        "(for example with “Print to PDF”) and upload that."
    ),
    "embedded_file": _("This PDF contains attached files. Please upload your resume without attachments."),
    "active_content": _(
        "This PDF contains interactive forms or media, which we do not accept. Please save it as a plain PDF "
        "(for example with “Print to PDF”) and upload that."
    ),
}

# What makes a PDF do something when opened, rather than be read. Keys first,
# then (key, value) pairs; names arrive decoded (/J#61vaScript is /JavaScript).
ACTIVE_KEYS = {
    "/JS": "javascript",
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/EmbeddedFile": "embedded_file",
    "/EmbeddedFiles": "embedded_file",
    "/EF": "embedded_file",
    "/RichMedia": "active_content",
    "/XFA": "active_content",
}
ACTIVE_VALUES = {
    ("/S", "/JavaScript"): "javascript",
    ("/S", "/Launch"): "launch",
    ("/S", "/GoToE"): "embedded_file",
    ("/Type", "/EmbeddedFile"): "embedded_file",
    ("/Subtype", "/FileAttachment"): "embedded_file",
    ("/Subtype", "/RichMedia"): "active_content",
    ("/S", "/RichMediaExecute"): "active_content",
}


def resume_error(code: str, **params) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code, params=params or None)


@dataclass(frozen=True)
class PdfFacts:
    page_count: int
    sha256: str


@contextmanager
def pdf_limits():
    """pypdf's resource limits, lowered for resumes, for the code run inside (a context variable: thread-safe)."""
    with pypdf.apply_configuration(
        zlib_maximum_output_length=MAX_STREAM_OUTPUT,
        lzw_maximum_output_length=MAX_STREAM_OUTPUT,
        run_length_maximum_output_length=MAX_STREAM_OUTPUT,
        brotli_maximum_output_length=MAX_STREAM_OUTPUT,
        jbig2_maximum_output_length=MAX_STREAM_OUTPUT,
        array_based_stream_maximum_output_length=MAX_STREAM_OUTPUT,
        image_maximum_buffer_size=MAX_STREAM_OUTPUT,
        stream_decoding_work_maximum_length=2 * MAX_STREAM_OUTPUT,
        # No stream of a file we accept can be longer than the file.
        maximum_declared_stream_length=MAX_RESUME_BYTES,
        # Never run an external decoder on an upload.
        jbig2dec_binary=None,
    ):
        yield


def inspect_pdf(data: bytes) -> PdfFacts:
    """The page count and SHA-256 of an acceptable resume; a ValidationError saying what is wrong otherwise."""
    if not data:
        raise resume_error("empty")
    if len(data) > MAX_RESUME_BYTES:
        raise resume_error("too_big")
    if b"%PDF-" not in data[:1024]:
        raise resume_error("not_pdf")
    try:
        with pdf_limits():
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise resume_error("encrypted")
            page_count = len(reader.pages)
            if page_count == 0:
                raise resume_error("no_pages")
            if page_count > MAX_RESUME_PAGES:
                raise resume_error("too_many_pages", pages=page_count, limit=MAX_RESUME_PAGES)
            _check_objects(reader)
    except ValidationError:
        raise
    except Exception as exc:
        # pypdf raises many kinds of errors (and some plain Python ones) on
        # malformed or hostile files; for the candidate they all mean one thing.
        logger.info("Resume refused as unreadable: %s: %s", type(exc).__name__, exc)
        raise resume_error("unreadable") from exc
    return PdfFacts(page_count=page_count, sha256=hashlib.sha256(data).hexdigest())


def _check_objects(reader: pypdf.PdfReader) -> None:
    """Refuse active content anywhere in the file, and decode every stream text extraction may read.

    Every object the cross-reference table lists is looked at, not only those
    reachable from the catalog, so a script cannot hide in an unusual place.
    Decoding now means a decompression bomb is refused at upload, in
    milliseconds, instead of failing later in a worker.
    """
    numbers = [(number, generation) for generation, entries in reader.xref.items() for number in entries]
    numbers += [(number, 0) for number in reader.xref_objStm]
    if len(numbers) > MAX_PDF_OBJECTS:
        raise ValueError(f"{len(numbers)} objects")
    inflated = 0
    for number, generation in numbers:
        obj = reader.get_object(IndirectObject(number, generation, reader))
        _check_active_content(obj)
        if isinstance(obj, StreamObject) and obj.get("/Subtype") != "/Image":
            # Pictures are decoded by whoever views the PDF, never by us. Decoded
            # without pypdf's cache, so at most one stream is held at a time.
            inflated += len(decode_stream_data(obj) if "/Filter" in obj else obj.get_data())
            if inflated > MAX_DOCUMENT_OUTPUT:
                raise ValueError("too much data once decompressed")


def _check_active_content(obj) -> None:
    """Look through one object and the dictionaries and arrays written inside it.

    References are not followed: what they point to is an object of its own, checked in its turn.
    """
    pending = [obj]
    while pending:
        item = pending.pop()
        if isinstance(item, DictionaryObject):
            for key, value in item.items():
                kind = ACTIVE_KEYS.get(key) or (isinstance(value, str) and ACTIVE_VALUES.get((key, value)))
                if kind:
                    raise resume_error(kind)
                if isinstance(value, DictionaryObject | ArrayObject):
                    pending.append(value)
        elif isinstance(item, ArrayObject):
            pending.extend(value for value in item if isinstance(value, DictionaryObject | ArrayObject))


def extract_text(data: bytes, *, max_chars: int = 200_000) -> str:
    """The text of every page, pages separated by a blank line, at most `max_chars` long; "" for a scan.

    Raises the same ValidationError as `inspect_pdf` when the PDF cannot be read.
    """
    if len(data) > MAX_RESUME_BYTES:
        raise resume_error("too_big")
    pages = []
    length = 0
    try:
        with pdf_limits():
            reader = pypdf.PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise resume_error("encrypted")
            for page in itertools.islice(reader.pages, MAX_RESUME_PAGES):
                text = _clean_text(page.extract_text())
                if text:
                    pages.append(text)
                    length += len(text) + 2
                if length >= max_chars:
                    break
    except ValidationError:
        raise
    except Exception as exc:
        # Including Celery's soft time limit, raised wherever pypdf happens to be.
        logger.info("Resume text unreadable: %s: %s", type(exc).__name__, exc)
        raise resume_error("unreadable") from exc
    return "\n\n".join(pages)[:max_chars]


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _clean_text(text: str) -> str:
    # PostgreSQL refuses NUL in text, and UTF-8 refuses lone surrogates.
    text = text.encode("utf-8", "replace").decode("utf-8")
    return _CONTROL_CHARACTERS.sub("", text).strip()


# Control, format (direction marks, zero-width), surrogate, private, unassigned,
# line and paragraph separator characters.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def safe_display_name(name: str) -> str:
    """The uploaded file's name, fit to show (never to store under): no folders, no invisible characters."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(char for char in name if unicodedata.category(char) not in INVISIBLE_CATEGORIES)
    name = " ".join(name.split())
    stem = name[:-4] if name.lower().endswith(".pdf") else name
    stem = stem.strip(" .")
    if not stem:
        return "resume.pdf"
    return stem[:116].rstrip(" .") + ".pdf"


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


def _lock_candidate(candidate_id: int) -> None:
    # Every change to a candidate's resumes locks the candidate's row first, so
    # the changes queue up, the first upload (no resume rows to lock yet)
    # included, and "one current resume" never meets a race.
    list(get_user_model()._default_manager.select_for_update().filter(pk=candidate_id).values_list("pk"))


def _set_current(resume: Resume) -> None:
    """Make this resume the candidate's current one; the caller holds the candidate's lock."""
    # The old current resume first: the partial unique index allows one at a time.
    Resume.objects.filter(candidate_id=resume.candidate_id, is_current=True).exclude(pk=resume.pk).update(
        is_current=False
    )
    if not Resume.objects.filter(pk=resume.pk).update(is_current=True):
        raise Resume.DoesNotExist("The resume was deleted.")
    resume.is_current = True


@transaction.atomic
def resume_upload(*, candidate: "User", uploaded_file: File) -> Resume:
    """Store an uploaded resume as the candidate's current one and have its text read after commit.

    Raises ValidationError (message for the candidate, `code` for tests) and
    stores nothing when the file is not an acceptable resume. The same file
    uploaded again is not stored twice: the earlier copy becomes current and
    is returned.
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
    from .tasks import extract_resume_text

    extract_resume_text.delay_on_commit(resume.pk)
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
    # The unit reviewing an application reads the resume it was sent with.
    if resume.applications.filter(status__in=Application.ACTIVE).exists():
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
