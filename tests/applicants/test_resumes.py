"""Resumes: what is refused and why, where files go, which resume is current, and reading the text."""

import hashlib
import io
import re
import time
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from applicants.models import Resume
from applicants.pdf import MAX_RESUME_BYTES, PdfFacts, extract_text, inspect_pdf, safe_display_name
from applicants.services import resume_delete, resume_make_current, resume_upload
from applicants.tasks import resume_extract_text
from tests.applicants import pdfs

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


def upload(data: bytes | None = None, name: str = "Alice Zhang CV.pdf", content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, pdfs.valid() if data is None else data, content_type=content_type)


def stored_resume(candidate, data: bytes) -> Resume:
    """A resume row and file as if uploaded earlier, without the upload's checks."""
    return Resume.objects.create(
        candidate=candidate,
        file=ContentFile(data, name="resume.pdf"),
        original_name="resume.pdf",
        checksum=hashlib.sha256(data).hexdigest(),
        size=len(data),
        page_count=1,
    )


# --- Refused uploads ------------------------------------------------------

REFUSED = [
    pytest.param(lambda: b"", "empty", "The file is empty.", id="empty"),
    pytest.param(lambda: pdfs.padded(11 * MB), "too_big", "larger than 10 MB", id="over-10-mb"),
    pytest.param(pdfs.text_file, "not_pdf", "This file is not a PDF.", id="text-named-pdf"),
    pytest.param(pdfs.broken, "unreadable", "We could not read this PDF", id="truncated"),
    pytest.param(pdfs.encrypted, "encrypted", "protected by a password", id="encrypted"),
    pytest.param(
        lambda: pdfs.with_pages(21),
        "too_many_pages",
        "This PDF has 21 pages; a resume may have at most 20.",
        id="21-pages",
    ),
    pytest.param(pdfs.with_javascript, "javascript", "contains JavaScript", id="javascript"),
    pytest.param(pdfs.with_javascript_link, "javascript", "contains JavaScript", id="javascript-in-a-link"),
    pytest.param(
        pdfs.with_javascript_in_object_stream, "javascript", "contains JavaScript", id="javascript-in-an-object-stream"
    ),
    pytest.param(pdfs.with_attachment, "embedded_file", "contains attached files", id="embedded-file"),
    pytest.param(pdfs.with_launch_action, "launch", "tries to open other programs", id="launch-action"),
    pytest.param(pdfs.bomb, "unreadable", "We could not read this PDF", id="decompression-bomb"),
]


@pytest.mark.parametrize(("build", "code", "message"), REFUSED)
def test_a_bad_upload_is_refused_with_a_clear_message_and_nothing_is_stored(
    candidate, media_root, django_capture_on_commit_callbacks, build, code, message
):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ValidationError) as refused:
        resume_upload(candidate=candidate, uploaded_file=upload(build()))

    assert refused.value.code == code
    assert message in refused.value.messages[0]
    assert not Resume.objects.exists()
    assert stored_files(media_root) == []
    assert callbacks == []


@pytest.mark.parametrize(("build", "code", "message"), REFUSED)
def test_inspect_pdf_says_what_is_wrong(build, code, message):
    with pytest.raises(ValidationError) as refused:
        inspect_pdf(build())

    assert refused.value.code == code
    assert message in refused.value.messages[0]


def test_a_decompression_bomb_is_refused_in_well_under_a_second_or_two(candidate):
    bomb = pdfs.bomb()  # ~200 KB inflating to 200 MB

    started = time.perf_counter()
    with pytest.raises(ValidationError):
        resume_upload(candidate=candidate, uploaded_file=upload(bomb))

    assert time.perf_counter() - started < 2


def test_a_file_is_judged_by_its_content_not_its_name_or_declared_type(candidate):
    resume = resume_upload(
        candidate=candidate, uploaded_file=upload(name="cv.docx", content_type="application/msword")
    )

    assert resume.page_count == 1
    assert resume.original_name == "cv.docx.pdf"


def test_an_upload_declared_over_10_mb_is_refused_before_it_is_read(candidate):
    source = CountingReads(pdfs.padded(12 * MB))

    with pytest.raises(ValidationError) as refused:
        resume_upload(candidate=candidate, uploaded_file=File(source, name="big.pdf"))

    assert refused.value.code == "too_big"
    assert source.bytes_read == 0


def test_an_upload_of_unknown_size_is_read_no_further_than_the_limit(candidate):
    source = CountingReads(pdfs.padded(30 * MB))
    uploaded = File(source, name="big.pdf")
    uploaded.size = None  # as for a stream whose length nobody declared

    with pytest.raises(ValidationError) as refused:
        resume_upload(candidate=candidate, uploaded_file=uploaded)

    assert refused.value.code == "too_big"
    assert source.bytes_read == MAX_RESUME_BYTES + 1


class CountingReads(io.BytesIO):
    bytes_read = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


# --- Storing --------------------------------------------------------------


def test_a_valid_resume_is_stored_with_its_checksum_size_and_page_count(candidate):
    data = pdfs.valid()

    resume = resume_upload(candidate=candidate, uploaded_file=upload(data))

    resume.refresh_from_db()
    assert resume.checksum == hashlib.sha256(data).hexdigest()
    assert resume.size == len(data)
    assert resume.page_count == 1
    assert resume.is_current
    assert resume.text_status == Resume.TextStatus.PENDING
    assert resume.original_name == "Alice Zhang CV.pdf"
    with resume.file.open("rb") as stored:
        assert stored.read() == data


def test_a_path_in_the_uploaded_name_is_only_displayed_and_the_file_stored_under_a_generated_name(
    candidate, media_root
):
    uploaded = File(io.BytesIO(pdfs.valid()), name="../../etc/passwd.pdf")

    resume = resume_upload(candidate=candidate, uploaded_file=uploaded)

    assert resume.original_name == "passwd.pdf"
    assert re.fullmatch(r"resumes/[0-9a-f]{32}\.pdf", resume.file.name)
    assert Path(resume.file.path).resolve().parent == (media_root / "resumes").resolve()
    assert stored_files(media_root) == [resume.file.name]


def test_a_second_upload_becomes_current_and_the_first_does_not_stay_current(candidate):
    first = resume_upload(candidate=candidate, uploaded_file=upload(pdfs.valid("First version")))

    second = resume_upload(candidate=candidate, uploaded_file=upload(pdfs.valid("Second version")))

    first.refresh_from_db()
    assert not first.is_current
    assert second.is_current
    assert Resume.objects.get(candidate=candidate, is_current=True) == second


def test_one_candidates_upload_leaves_another_candidates_current_resume_alone(candidate, other_candidate):
    bobs = resume_upload(candidate=other_candidate, uploaded_file=upload(pdfs.valid("Bob")))

    resume_upload(candidate=candidate, uploaded_file=upload(pdfs.valid("Alice")))

    bobs.refresh_from_db()
    assert bobs.is_current


def test_the_same_file_uploaded_again_is_not_stored_twice_and_becomes_current_again(
    candidate, media_root, django_capture_on_commit_callbacks
):
    first = resume_upload(candidate=candidate, uploaded_file=upload(pdfs.valid("First version")))
    resume_upload(candidate=candidate, uploaded_file=upload(pdfs.valid("Second version")))

    with django_capture_on_commit_callbacks() as callbacks:
        again = resume_upload(candidate=candidate, uploaded_file=upload(pdfs.valid("First version")))

    assert again.pk == first.pk
    assert Resume.objects.filter(candidate=candidate).count() == 2
    assert Resume.objects.get(candidate=candidate, is_current=True) == first
    assert len(stored_files(media_root)) == 2
    assert callbacks == []


def test_the_same_file_from_two_candidates_is_stored_for_each(candidate, other_candidate):
    alices = resume_upload(candidate=candidate, uploaded_file=upload())
    bobs = resume_upload(candidate=other_candidate, uploaded_file=upload())

    assert alices.pk != bobs.pk
    assert alices.file.name != bobs.file.name


def test_an_earlier_resume_can_be_made_current_again(candidate):
    first = resume_upload(candidate=candidate, uploaded_file=upload(pdfs.valid("First version")))
    second = resume_upload(candidate=candidate, uploaded_file=upload(pdfs.valid("Second version")))

    resume_make_current(resume=first)

    second.refresh_from_db()
    assert Resume.objects.get(candidate=candidate, is_current=True) == first
    assert not second.is_current


# --- Deleting -------------------------------------------------------------


def test_deleting_a_resume_removes_its_file_once_committed(candidate, media_root, django_capture_on_commit_callbacks):
    resume = resume_upload(candidate=candidate, uploaded_file=upload())
    path = Path(resume.file.path)

    with django_capture_on_commit_callbacks(execute=True):
        resume_delete(resume=resume)
        assert path.exists()  # a rolled-back deletion must still find its file

    assert not path.exists()
    assert not Resume.objects.exists()
    assert stored_files(media_root) == []


def test_deleting_the_current_resume_makes_the_newest_remaining_one_current(candidate):
    resume_upload(candidate=candidate, uploaded_file=upload(pdfs.valid("First version")))
    second = resume_upload(candidate=candidate, uploaded_file=upload(pdfs.valid("Second version")))
    third = resume_upload(candidate=candidate, uploaded_file=upload(pdfs.valid("Third version")))

    resume_delete(resume=third)

    assert Resume.objects.get(candidate=candidate, is_current=True) == second


def test_deleting_an_older_resume_keeps_the_current_one(candidate):
    first = resume_upload(candidate=candidate, uploaded_file=upload(pdfs.valid("First version")))
    second = resume_upload(candidate=candidate, uploaded_file=upload(pdfs.valid("Second version")))

    resume_delete(resume=first)

    assert Resume.objects.get(candidate=candidate, is_current=True) == second


# --- Reading the text -----------------------------------------------------


def test_the_text_is_read_after_the_upload_commits(candidate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        resume = resume_upload(candidate=candidate, uploaded_file=upload())
        assert Resume.objects.get(pk=resume.pk).text_status == Resume.TextStatus.PENDING

    assert len(callbacks) == 1
    resume.refresh_from_db()
    assert resume.text_status == Resume.TextStatus.DONE
    assert resume.text == "Alice Zhang — Python, PyTorch"


def test_reading_a_broken_stored_file_marks_it_failed(candidate):
    resume = stored_resume(candidate, pdfs.broken())

    assert resume_extract_text.delay(resume.pk).get() == Resume.TextStatus.FAILED

    resume.refresh_from_db()
    assert resume.text_status == Resume.TextStatus.FAILED
    assert resume.text == ""


def test_reading_a_stored_decompression_bomb_fails_fast(candidate):
    resume = stored_resume(candidate, pdfs.bomb())

    started = time.perf_counter()
    status = resume_extract_text.delay(resume.pk).get()

    assert status == Resume.TextStatus.FAILED
    assert time.perf_counter() - started < 2


def test_reading_a_resume_whose_file_is_missing_marks_it_failed(candidate):
    resume = stored_resume(candidate, pdfs.valid())
    resume.file.storage.delete(resume.file.name)

    assert resume_extract_text.delay(resume.pk).get() == Resume.TextStatus.FAILED


def test_reading_the_text_twice_reads_it_once(candidate):
    resume = stored_resume(candidate, pdfs.valid("Alice Zhang — first reading"))
    assert resume_extract_text.delay(resume.pk).get() == Resume.TextStatus.DONE
    with resume.file.open("wb") as stored:
        stored.write(pdfs.valid("Something else"))

    assert resume_extract_text.delay(resume.pk).get() is None

    resume.refresh_from_db()
    assert resume.text == "Alice Zhang — first reading"


def test_reading_a_deleted_resume_does_nothing(candidate):
    resume = stored_resume(candidate, pdfs.valid())
    Resume.objects.filter(pk=resume.pk).delete()

    assert resume_extract_text.delay(resume.pk).get() is None


def test_extract_text_stops_at_the_character_limit():
    assert extract_text(pdfs.valid(), max_chars=11) == "Alice Zhang"


def test_extract_text_of_blank_pages_is_empty():
    assert extract_text(pdfs.with_pages(2)) == ""


# --- Checks on their own --------------------------------------------------


def test_inspect_pdf_gives_the_page_count_and_checksum():
    data = pdfs.valid()

    assert inspect_pdf(data) == PdfFacts(page_count=1, sha256=hashlib.sha256(data).hexdigest())


def test_twenty_pages_are_accepted():
    assert inspect_pdf(pdfs.with_pages(20)).page_count == 20


def test_a_pdf_header_after_the_first_kilobyte_is_not_a_pdf():
    with pytest.raises(ValidationError) as refused:
        inspect_pdf(b" " * 1024 + pdfs.valid())

    assert refused.value.code == "not_pdf"


def test_javascript_spelled_with_escaped_names_is_refused():
    data = pdfs.one_page(pdfs.text_content("x"), catalog_extra=b"/OpenAction << /S /J#61vaScript /J#53 (1) >> ")

    with pytest.raises(ValidationError) as refused:
        inspect_pdf(data)

    assert refused.value.code == "javascript"


@pytest.mark.parametrize(
    ("uploaded", "shown"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\alice\\CV.PDF", "CV.pdf"),
        ("\u202efdp.exe", "fdp.exe.pdf"),
        ("\u200fAlice\u200e CV\x00\n.pdf", "Alice CV.pdf"),
        ("  Alice   Zhang  CV.pdf ", "Alice Zhang CV.pdf"),
        ("简历-张三.pdf", "简历-张三.pdf"),
        ("cv.docx", "cv.docx.pdf"),
        ("", "resume.pdf"),
        ("...", "resume.pdf"),
        ("/", "resume.pdf"),
        (".pdf", "resume.pdf"),
    ],
)
def test_safe_display_name(uploaded, shown):
    assert safe_display_name(uploaded) == shown


def test_safe_display_name_is_at_most_120_characters_and_ends_in_pdf():
    shown = safe_display_name("a" * 300 + ".pdf")

    assert len(shown) == 120
    assert shown.endswith("a.pdf")


# --- Quota ------------------------------------------------------------------


def fill_quota(candidate):
    from applicants.services import MAX_RESUME_VERSIONS

    resumes = []
    for number in range(MAX_RESUME_VERSIONS):
        data = pdfs.valid(f"Version {number}")
        resumes.append(resume_upload(candidate=candidate, uploaded_file=upload(data, name=f"cv-{number}.pdf")))
    return resumes


def test_an_eleventh_version_is_refused_naming_the_oldest_one_that_may_go(candidate, media_root):
    versions = fill_quota(candidate)
    with pytest.raises(ValidationError) as refused:
        resume_upload(candidate=candidate, uploaded_file=upload(pdfs.valid("Eleventh")))
    assert refused.value.code == "quota"
    assert "10 resume versions" in refused.value.messages[0]
    assert "“cv-0.pdf”" in refused.value.messages[0]
    assert Resume.objects.filter(candidate=candidate).count() == 10
    assert len(stored_files(media_root)) == 10
    assert Resume.objects.get(is_current=True) == versions[-1]


def test_the_oldest_version_sent_with_an_application_under_way_is_not_the_one_named(candidate, media_root):
    from tests.factories import ApplicationFactory

    versions = fill_quota(candidate)
    ApplicationFactory(candidate=candidate, resume=versions[0])
    with pytest.raises(ValidationError) as refused:
        resume_upload(candidate=candidate, uploaded_file=upload(pdfs.valid("Eleventh")))
    assert "“cv-1.pdf”" in refused.value.messages[0]


def test_when_every_version_is_in_use_the_message_says_when_one_may_go(candidate, media_root):
    from tests.factories import ApplicationFactory

    for version in fill_quota(candidate):
        ApplicationFactory(candidate=candidate, resume=version)
    with pytest.raises(ValidationError, match="once its application has ended"):
        resume_upload(candidate=candidate, uploaded_file=upload(pdfs.valid("Eleventh")))


def test_at_the_quota_the_same_file_again_becomes_current_and_deleting_one_makes_room(candidate, media_root):
    versions = fill_quota(candidate)
    again = resume_upload(candidate=candidate, uploaded_file=upload(pdfs.valid("Version 0")))
    assert again == versions[0]
    assert Resume.objects.get(is_current=True) == versions[0]
    resume_delete(resume=versions[1])
    assert resume_upload(candidate=candidate, uploaded_file=upload(pdfs.valid("Eleventh"))).is_current


def test_the_quota_is_shown_on_the_page_and_the_refusal_beside_the_field(client, candidate, media_root):
    fill_quota(candidate)
    client.force_login(candidate)
    assert "You keep 10 of at most 10 versions." in client.get("/me/resumes/").text
    response = client.post("/me/resumes/", {"file": SimpleUploadedFile("new.pdf", pdfs.valid("Eleventh"))})
    assert response.status_code == 200
    assert "the most we store" in response.text
