"""Which PDFs we accept as resumes, and their text: pure checks on bytes, no database.

`services.resume_upload` calls `inspect_pdf` and shows the ValidationError it
may raise next to the file field. Uploads are judged by their bytes, never by
their name or declared content type, and every failure to read a PDF is a
message to the candidate, not a server error.
"""

import hashlib
import io
import itertools
import logging
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass

import pypdf
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pypdf.filters import decode_stream_data
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

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
