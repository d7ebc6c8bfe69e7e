"""PDFs for the resume tests: one good file and one of each kind we refuse.

Most are written by hand (a few objects and a cross-reference table), so each
test knows exactly what its file contains; pypdf writes the ones it has an API
for (encryption, JavaScript, attachments, many pages).
"""

import functools
import io
import zlib

from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript

RESUME_TEXT = "Alice Zhang — Python, PyTorch"


def assemble(*objects: bytes, trailer: bytes = b"") -> bytes:
    """A PDF of these objects (numbered from 1; object 1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref_at)
    return bytes(out)


def stream(data: bytes, entries: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), entries) + data + b"\nendstream"


def one_page(content: bytes, *more_objects: bytes, catalog_extra: bytes = b"", page_extra: bytes = b"") -> bytes:
    """A one-page A4 PDF whose page draws `content` with Helvetica as /F1; more objects are numbered from 5."""
    return assemble(
        b"<< /Type /Catalog /Pages 2 0 R %s>>" % catalog_extra,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R %s"
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
        b" /Encoding /WinAnsiEncoding >> >> >> >>" % page_extra,
        content,
        *more_objects,
    )


def text_content(text: str) -> bytes:
    escaped = text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return stream(b"BT /F1 14 Tf 72 770 Td (" + escaped + b") Tj ET")


def valid(text: str = RESUME_TEXT) -> bytes:
    """A one-page resume whose text reads `text`."""
    return one_page(text_content(text))


def with_pages(count: int) -> bytes:
    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(width=595, height=842)
    return _written(writer)


def encrypted() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(valid())))
    writer.encrypt(user_password="open-sesame", algorithm="RC4-128")
    return _written(writer)


def with_javascript() -> bytes:
    """JavaScript in the document-level name tree (the catalog's /Names), run on opening."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(valid())))
    writer.add_open_action(JavaScript("app.alert('Hire me');"))
    return _written(writer)


def with_javascript_link() -> bytes:
    """JavaScript hidden in a link annotation's action, away from the catalog."""
    return one_page(
        text_content(RESUME_TEXT),
        b"<< /Type /Annot /Subtype /Link /Rect [72 760 300 790] /A << /S /JavaScript /JS 6 0 R >> >>",
        stream(b"app.alert('Hire me');"),
        page_extra=b"/Annots [5 0 R] ",
    )


def with_javascript_in_object_stream() -> bytes:
    """An opening script compressed inside an object stream, found only through a cross-reference stream."""
    header = b"6 0 "
    packed = zlib.compress(header + b"<< /S /JavaScript /JS (app.alert('Hire me');) >>")
    out = bytearray(b"%PDF-1.7\n")
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        stream(b""),
        stream(packed, b"/Type /ObjStm /N 1 /First %d /Filter /FlateDecode " % len(header)),
    ]
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    # Entries of /W [1 4 2]: free; in the file at an offset; in object stream 5 at index 0.
    rows = [(0, 0, 0xFFFF), *((1, offset, 0) for offset in offsets), (2, 5, 0), (1, xref_at, 0)]
    table = b"".join(kind.to_bytes(1) + field.to_bytes(4) + extra.to_bytes(2) for kind, field, extra in rows)
    out += b"7 0 obj\n" + stream(table, b"/Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R ") + b"\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def with_attachment() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(valid())))
    writer.add_attachment("payload.exe", b"MZ not really a program")
    return _written(writer)


def with_launch_action() -> bytes:
    return one_page(text_content(RESUME_TEXT), catalog_extra=b"/OpenAction << /S /Launch /F (calc.exe) >> ")


def broken() -> bytes:
    """The first half of a good file, as an interrupted upload leaves it: no pages, no trailer."""
    data = valid()
    return data[: data.index(b"3 0 obj")]


def text_file() -> bytes:
    return b"Alice Zhang\nPython, PyTorch\nThis is a plain text file with a .pdf name.\n" * 20


def padded(size: int) -> bytes:
    """A valid PDF of about `size` bytes: one page and a large unreferenced stream."""
    return one_page(text_content(RESUME_TEXT), stream(b"0" * size))


@functools.cache
def bomb(inflated_mb: int = 200) -> bytes:
    """A one-page PDF whose content stream is ~200 KB of Flate data inflating to `inflated_mb` MB of zeros.

    Compressed chunk by chunk, so building it never holds the inflated data in memory.
    """
    compressor = zlib.compressobj(9)
    chunk = bytes(1024 * 1024)
    deflated = b"".join(compressor.compress(chunk) for _ in range(inflated_mb)) + compressor.flush()
    return one_page(stream(deflated, b"/Filter /FlateDecode "))


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
