"""The applicant list as a CSV file: streamed, readable by spreadsheets in Chinese too, only what the unit sees,
formulas defused, nothing internal."""

import csv
import datetime as dt
import io
import tracemalloc

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from applicants.models import Application, CandidateProfile, Review, StageChange
from applicants.workspace import export
from recruit.accounts.models import User
from tests.factories import PostingFactory
from tests.workspace.pipeline_data import applicant

pytestmark = pytest.mark.django_db

S = Application.Status


@pytest.fixture
def posting(unit_a):
    return PostingFactory(unit=unit_a, title="Agent Engineer Intern", title_zh_hans="智能体工程师实习生")


def download(client, unit, query=""):
    return client.get(reverse("workspace:applicant_export", args=[unit.slug]) + query)


def table(response) -> list[list[str]]:
    """The file's rows, read as a spreadsheet reads them."""
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))


def test_it_is_a_streamed_attachment_named_for_the_unit_and_the_day(client, recruiter_a, unit_a, posting):
    applicant(posting)
    client.force_login(recruiter_a)
    response = download(client, unit_a)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="applicants-alibaba-cloud-{today}.csv"'
    assert "no-store" in response["Cache-Control"]


def test_each_row_has_what_the_list_shows(client, recruiter_a, unit_a, posting):
    application = applicant(
        posting,
        name="Mei Chen",
        status=S.INTERVIEW,
        school="Fudan University",
        degree="doctorate",
        rank=2,
        source=Application.Source.TALENT_POOL,
        days=6,
        score=3.333,
    )
    client.force_login(recruiter_a)
    header, row = table(download(client, unit_a))
    assert header == [
        "Application number",
        "Applicant",
        "School",
        "Degree level",
        "Graduation date",
        "Posting",
        "Stage",
        "Preference",
        "Source",
        "Applied",
        "In this stage since",
        "Days in stage",
        "Average score",
        "Number of reviews",
        "Application page",
    ]
    entered = timezone.localtime(application.stage_entered_at).date().isoformat()
    assert row[:14] == [
        str(application.pk),
        "Mei Chen",
        "Fudan University",
        "Doctorate",
        "2027-06-30",
        "Agent Engineer Intern",
        "Interview",
        "2",
        "Invited from the talent pool",
        timezone.localtime(application.created_at).date().isoformat(),
        entered,
        "6",
        "3.33",
        "1",
    ]


def test_headers_and_words_are_in_the_users_language_and_chinese_survives_a_spreadsheet(
    client, recruiter_a, unit_a, posting
):
    applicant(posting, name="陈美", school="浙江大学", status=S.SCREENING)
    recruiter_a.language = "zh-hans"
    recruiter_a.save()
    client.force_login(recruiter_a)
    response = download(client, unit_a)
    header, row = table(response)
    assert header[1] != "Applicant"
    assert row[1:3] == ["陈美", "浙江大学"]
    assert row[5] == "智能体工程师实习生"
    assert row[6] != "Screening"


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ('=HYPERLINK("http://evil.example","CV")', '\'=HYPERLINK("http://evil.example","CV")'),
        ("+86 138", "'+86 138"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rReturn", "'\rReturn"),
        ("＝1+1", "'＝1+1"),
        ("Mei = Chen", "Mei = Chen"),
    ],
)
def test_text_a_spreadsheet_would_run_as_a_formula_is_written_as_text(
    client, recruiter_a, unit_a, posting, typed, written
):
    applicant(posting, name=typed, school=typed)
    client.force_login(recruiter_a)
    _header, row = table(download(client, unit_a))
    assert row[1] == written
    assert row[2] == written


def test_a_posting_title_that_looks_like_a_formula_is_defused_too(client, recruiter_a, unit_a):
    applicant(PostingFactory(unit=unit_a, title="=1+2"))
    client.force_login(recruiter_a)
    _header, row = table(download(client, unit_a))
    assert row[5] == "'=1+2"


def test_only_the_units_released_applications_are_exported_filtered_and_ordered_as_the_list(
    client, recruiter_a, unit_a, unit_b, posting
):
    applicant(posting, name="Mei Chen", status=S.SCREENING, days=3)
    applicant(posting, name="Lin Zhou", status=S.SCREENING, days=9)
    applicant(posting, name="Omar Haddad", status=S.INTERVIEW)
    applicant(posting, name="Waiting Wang", status=S.QUEUED)
    applicant(PostingFactory(unit=unit_b), name="Other Unit Olga")
    client.force_login(recruiter_a)
    assert sorted(row[1] for row in table(download(client, unit_a))[1:]) == ["Lin Zhou", "Mei Chen", "Omar Haddad"]
    rows = table(download(client, unit_a, "?stage=screening&sort=-days"))[1:]
    assert [row[1] for row in rows] == ["Lin Zhou", "Mei Chen"]


def test_blind_applications_are_exported_without_name_school_or_link(client, recruiter_a, unit_a):
    posting = PostingFactory(unit=unit_a, blind_screening=True)
    hidden = applicant(posting, name="Mei Chen", school="Peking University", status=S.SCREENING)
    applicant(posting, name="Omar Haddad", school="Fudan University", status=S.OFFER)
    client.force_login(recruiter_a)
    response = download(client, unit_a, "?sort=name")
    body = b"".join(response.streaming_content).decode()
    assert "Mei Chen" not in body and "Peking University" not in body and "@example.com" not in body
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))[1:]
    shown, blind = rows
    assert shown[1:3] == ["Omar Haddad", "Fudan University"]
    assert blind[1:3] == [f"Applicant {hidden.pk}", ""]
    assert blind[14] == ""


def test_nothing_internal_is_exported(client, recruiter_a, unit_a, posting, rejection_reason):
    application = applicant(posting, name="Mei Chen", status=S.REJECTED)
    Application.objects.filter(pk=application.pk).update(rejection_reason=rejection_reason)
    StageChange.objects.create(
        application=application,
        actor=recruiter_a,
        from_status=S.SUBMITTED,
        to_status=S.REJECTED,
        reason="Internal: weak on Go.",
    )
    Review.objects.create(
        application=application,
        reviewer=recruiter_a,
        scores={"skills": 1, "communication": 4},
        score=2.5,
        recommendation=Review.Recommendation.NO,
        notes="Private review note.",
    )
    client.force_login(recruiter_a)
    body = b"".join(download(client, unit_a).streaming_content).decode()
    for secret in ("weak on Go", "Private review note", rejection_reason.name, "communication", "strong", "Rita"):
        assert secret not in body
    assert "@example.com" not in body


def test_unreadable_filters_export_nothing_and_go_back_to_the_list_saying_so(client, recruiter_a, unit_a, posting):
    applicant(posting)
    client.force_login(recruiter_a)
    response = download(client, unit_a, "?graduation_month=2027-13&stage=active")
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("workspace:applicant_list", args=[unit_a.slug]) + "?graduation_month=2027-13&stage=active"
    )
    page = client.get(response["Location"]).content.decode()
    assert "Some filters could not be read: correct them, then export again." in page


def test_an_unknown_sort_order_still_exports_in_the_lists_own_order(client, recruiter_a, unit_a, posting):
    applicant(posting)
    client.force_login(recruiter_a)
    assert download(client, unit_a, "?sort=evil").status_code == 200


def test_a_recruiter_of_another_unit_gets_404_a_candidate_404_and_a_visitor_the_sign_in_page(
    client, recruiter_b, candidate, unit_a, posting
):
    applicant(posting)
    assert download(client, unit_a).status_code == 302
    client.force_login(candidate)
    assert download(client, unit_a).status_code == 404
    client.force_login(recruiter_b)
    assert download(client, unit_a).status_code == 404


@pytest.mark.parametrize("count", [3, 40])
def test_the_export_runs_the_same_queries_whatever_its_length(
    client, recruiter_a, unit_a, posting, count, django_assert_num_queries
):
    for _ in range(count):
        applicant(posting)
    client.force_login(recruiter_a)
    with django_assert_num_queries(EXPORT_QUERIES):
        response = download(client, unit_a)
        assert len(table(response)) == count + 1


# Session, user, membership, unit, the rows.
EXPORT_QUERIES = 5


def test_the_export_holds_a_few_rows_in_memory_whatever_its_length(client, recruiter_a, unit_a, posting, monkeypatch):
    """Streamed row by row from an iterator: ten times the rows, about the same peak memory."""
    monkeypatch.setattr(export, "FETCH_SIZE", 100)
    monkeypatch.setattr(export, "ROWS_PER_CHUNK", 50)
    client.force_login(recruiter_a)
    small = _peak_memory(client, unit_a, posting, total=300)
    large = _peak_memory(client, unit_a, posting, total=3000)
    assert large < small * 2, (small, large)


def _peak_memory(client, unit, posting, *, total) -> int:
    """Make applications until there are `total`, then download them all; the peak memory of reading the file."""
    existing = Application.objects.count()
    stamp = timezone.now()
    users = User.objects.bulk_create(
        [User(email=f"bulk{existing + n}@example.com", name=f"Bulk {existing + n}") for n in range(total - existing)]
    )
    CandidateProfile.objects.bulk_create(
        [
            CandidateProfile(user=user, school="Zhejiang University", graduation_date=dt.date(2027, 6, 1))
            for user in users
        ]
    )
    Application.objects.bulk_create(
        [
            Application(candidate=user, posting=posting, rank=1, status=S.SCREENING, stage_entered_at=stamp)
            for user in users
        ]
    )
    response = download(client, unit)
    tracemalloc.start()
    try:
        rows = sum(chunk.count(b"\n") for chunk in response.streaming_content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert rows == total + 1
    return peak
