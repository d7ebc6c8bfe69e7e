"""The applicant list as a CSV file, streamed row by row: a 20,000-row export holds a few hundred rows in memory
at a time, whatever its size.

The file has what the list shows and nothing more: no review notes, no competency scores, no rejection reasons;
blind applications leave out name, school and link. Text a spreadsheet would run as a formula is defused.
"""

import csv
from collections.abc import Callable, Iterator

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .cards import Card, card_for

# Spreadsheets (Excel, LibreOffice) read UTF-8 with a byte-order mark as UTF-8: Chinese names stay readable.
BOM = "\ufeff"
# A cell starting with one of these is run as a formula (OWASP "CSV injection"); the full-width forms too,
# which some spreadsheets in Chinese read as their ASCII twins.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Rows fetched per round trip (a server-side cursor on PostgreSQL), and written per chunk of the response.
FETCH_SIZE = 2000
ROWS_PER_CHUNK = 200


def neutralised(value):
    """`value`, with text that a spreadsheet would run as a formula turned into plain text by a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    """A file whose write() hands back what it is given: csv.writer then formats one row at a time."""

    def write(self, value):
        return value


def header() -> list[str]:
    return [
        _("Application number"),
        _("Applicant"),
        _("School"),
        _("Degree level"),
        _("Graduation date"),
        _("Posting"),
        _("Stage"),
        _("Preference"),
        _("Source"),
        _("Applied"),
        _("In this stage since"),
        _("Days in stage"),
        _("Average score"),
        _("Number of reviews"),
        _("Application page"),
    ]


def row(card: Card, *, link: str) -> list:
    application = card.application
    return [
        application.pk,
        card.name,
        card.school,
        card.degree,
        card.graduation_date.isoformat() if card.graduation_date else "",
        application.posting.title,
        card.stage_label,
        application.rank,
        application.get_source_display(),
        timezone.localtime(application.created_at).date().isoformat(),
        timezone.localtime(application.stage_entered_at).date().isoformat(),
        card.days_in_stage,
        round(application.average_score, 2) if application.average_score is not None else "",
        application.review_count,
        "" if card.blind else link,
    ]


def lines(applications: QuerySet, *, link_for: Callable[[int], str], language: str) -> Iterator[str]:
    """The CSV text, a chunk of rows at a time, in `language` (the response is written after the view returns)."""
    writer = csv.writer(_Echo())
    with translation.override(language):
        yield BOM + writer.writerow(header())
    now = timezone.now()
    chunk = []
    for application in applications.iterator(chunk_size=FETCH_SIZE):
        with translation.override(language):
            card = card_for(application, now=now)
            chunk.append(writer.writerow([neutralised(value) for value in row(card, link=link_for(application.pk))]))
        if len(chunk) >= ROWS_PER_CHUNK:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def filename(unit) -> str:
    return f"applicants-{unit.slug}-{timezone.localdate():%Y-%m-%d}.csv"


def applicant_csv(applications: QuerySet, *, request, unit) -> StreamingHttpResponse:
    """A download of `applications` (loaded by cards.card_queryset, filtered and ordered as the list is)."""
    link_for = _application_links(request)
    response = StreamingHttpResponse(
        lines(applications, link_for=link_for, language=translation.get_language()),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename(unit)}"'
    return response


def _application_links(request) -> Callable[[int], str]:
    """The address of an application's page in the workspace, or nothing while that page is not installed."""
    try:
        reverse("workspace:application_detail", args=[1])
    except NoReverseMatch:
        return lambda pk: ""
    return lambda pk: request.build_absolute_uri(reverse("workspace:application_detail", args=[pk]))
