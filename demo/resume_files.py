"""Resume PDFs for the demo's candidates: made here, checked and stored as uploads are."""

import hashlib
import io

from django.core.files.base import ContentFile
from pypdf import PdfWriter
from pypdf.generic import ContentStream, DictionaryObject, NameObject

from applicants.models import Resume
from applicants.pdf import inspect_pdf, safe_display_name


def resume_row(candidate, data: bytes, *, name: str, text: str, is_current: bool, page_count: int | None = None):
    """An unsaved Resume row for this PDF; inspected like an upload unless the caller knows its pages."""
    if page_count is None:
        facts = inspect_pdf(data)
        checksum, page_count = facts.sha256, facts.page_count
    else:
        checksum = hashlib.sha256(data).hexdigest()
    return Resume(
        candidate=candidate,
        original_name=safe_display_name(name),
        checksum=checksum,
        size=len(data),
        page_count=page_count,
        text=text,
        text_status=Resume.TextStatus.DONE,
        is_current=is_current,
    )


def store(resume: Resume, data: bytes, stored_files: list[str]) -> None:
    """Save the file to the default storage (not the row), and add its name to `stored_files`."""
    # upload_to generates the stored name, as for an upload.
    resume.file.save("resume.pdf", ContentFile(data), save=False)
    stored_files.append(resume.file.name)


def resume_pdf(lines: list[str], *, title: str) -> bytes:
    """A one-page A4 PDF that draws `lines` as text, the first as a heading.

    The standard Helvetica font draws Latin script only: other characters come out as "?".
    """
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    page[NameObject("/Resources")] = DictionaryObject(
        {
            NameObject("/Font"): DictionaryObject(
                {NameObject("/F1"): _font("/Helvetica-Bold"), NameObject("/F2"): _font("/Helvetica")}
            )
        }
    )
    operations = [b"BT /F1 18 Tf 72 770 Td (%s) Tj /F2 11 Tf 15 TL 0 -8 Td" % _pdf_text(lines[0])]
    operations += [b"T* (%s) Tj" % _pdf_text(line) for line in lines[1:]]
    operations.append(b"ET")
    content = ContentStream(None, writer)
    content.set_data(b"\n".join(operations))
    page.replace_contents(content)
    page.compress_content_streams()
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _font(base: str) -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject(base),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )


def _pdf_text(text: str) -> bytes:
    """`text` as a PDF string literal's contents, in the fonts' WinAnsi encoding."""
    return text.encode("cp1252", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
