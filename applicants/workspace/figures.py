"""The workspace's figures: a unit's dashboard, the program overview (admins) and a unit's own figures (its
members), each overview table also as a CSV file.

The numbers come from `applicants.figures` (aggregate queries); this module
lays them out as tables, each with its chart (`charts`), in the page's
language. The same table is what the page shows beside its chart and what the
CSV download holds, so the three never disagree.
"""

import csv
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from postings.access import is_admin, workspace_unit
from recruit.accounts.timezones import visitor_time_zone

from .. import figures
from ..models import Application
from . import charts, pagecache, panels
from .frame import remember_unit, workspace_context, workspace_view

S = Application.Status


# --- The unit's dashboard -----------------------------------------------------------


@workspace_view
def unit_dashboard(request, slug):
    """A unit's day at a glance; records the visit, so the next one shows what is new since this one. Kept in the
    cache until the unit's pipeline changes, the visit is recorded again or time moves it on (pagecache)."""
    unit = workspace_unit(request.user, slug)
    since = figures.visit_recorded(user=request.user, unit=unit)
    zone_name = visitor_time_zone(request) or settings.TIME_ZONE
    remember_unit(request, unit)
    # "New" starts at the last visit, or slides with the time (a week ago): then the page says until when it holds.
    start = since.moment if since.last_visit else None

    def render_page(csrf_token):
        now = timezone.now()
        board = figures.unit_dashboard(user=request.user, unit=unit, since=since, zone_name=zone_name, now=now)
        context = {
            **workspace_context(request, unit=unit),
            "workspace_section": "dashboard",
            "board": board,
            "stages": [(stage, S(stage).label) for stage in figures.ACTIVE_STAGES],
            "zone_name": zone_name,
            "csrf_token": csrf_token,
            "dashboard_panels": panels.dashboard_panels(request, unit),
        }
        return render(request, "recruit/figures/unit_dashboard.html", context), board.changes_at(now)

    return pagecache.cached_page(
        request, name="unit-dashboard", unit_id=unit.pk, parts=(zone_name, start), render_page=render_page
    )


# --- The overview -------------------------------------------------------------------


@workspace_view
def overview(request):
    """The whole program's figures, for admins (anyone else: 404)."""
    if not is_admin(request.user):
        raise Http404
    return _figures_page(request, unit=None)


@workspace_view
def unit_figures(request, slug):
    """One unit's figures, for its members (and admins)."""
    return _figures_page(request, unit=workspace_unit(request.user, slug))


@workspace_view
def overview_csv(request, table):
    if not is_admin(request.user):
        raise Http404
    return _csv(table, unit=None)


@workspace_view
def unit_figures_csv(request, slug, table):
    return _csv(table, unit=workspace_unit(request.user, slug))


def _figures_page(request, *, unit):
    numbers = figures.program_figures(unit=unit)
    context = {
        **workspace_context(request, unit=unit),
        "workspace_section": "overview" if unit is None else "",
        "unit": unit,
        "body": _figures_body(numbers, unit=unit),
    }
    return render(request, "recruit/figures/overview.html", context)


def _figures_body(numbers: figures.Figures, *, unit) -> SafeString:
    """The tables and charts of one count of the figures, in the page's language: drawn once and kept while the
    count is (laying out a few hundred cells and bars costs more than the rest of the page)."""
    key = f"figures-body:{unit.pk if unit else 'all'}:{numbers.computed_at.isoformat()}:{_language()}"
    body = cache.get(key)
    if body is None:
        context = {"unit": unit, "numbers": numbers, "summary": summary(numbers), "sections": sections(numbers)}
        body = render_to_string("recruit/figures/_overview_body.html", context)
        cache.set(key, str(body), figures.FIGURES_MAX_AGE)
    return mark_safe(body)  # noqa: S308 -- rendered by the template above, escaped there


def _csv(table: str, *, unit) -> HttpResponse:
    tables = sections(figures.program_figures(unit=unit))
    section = next((section for section in tables if section.slug == table), None)
    if section is None:
        raise Http404
    name = f"{unit.slug}-figures" if unit else "program-figures"
    response = HttpResponse(csv_text(section), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{table}-{timezone.localdate():%Y-%m-%d}.csv"'
    return response


# --- Tables -------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = True
    # Percentages: the page writes "66.7%", the CSV 66.7 under a heading that says "(%)".
    percent: bool = False

    @property
    def csv_label(self) -> str:
        return _("%(label)s (%%)") % {"label": self.label} if self.percent else self.label


@dataclass(frozen=True)
class Cell:
    """What the CSV holds (`value`: a number stays a number) and what the page shows (`text`), in `lang` when not
    the page's language (None; "" for text of an unknown language, as a school a candidate typed)."""

    value: object
    text: str
    lang: str | None = None

    @property
    def numeric(self) -> bool:
        """A number (or a missing one, shown as a dash): aligned to the right."""
        return not isinstance(self.value, str) or self.value == ""


@dataclass(frozen=True)
class Section:
    """A table of the overview, with its chart; `slug` names its CSV file."""

    slug: str
    title: str
    note: str
    columns: list[Column]
    rows: list[list[Cell]]
    chart: str


def number(value) -> Cell:
    return Cell(value, formats.number_format(value, force_grouping=True))


def percent(share: float | None) -> Cell:
    """A share as a percentage with one decimal ("66.7%"); "—" (and an empty CSV cell) when there is none."""
    if share is None:
        return Cell("", "—")
    value = round(100 * share, 1)
    return Cell(value, _("%(percent)s%%") % {"percent": formats.number_format(value, 1)})


def days(value: float | None) -> Cell:
    if value is None:
        return Cell("", "—")
    value = round(value, 1)
    shown = formats.number_format(value, 1)
    return Cell(value, ngettext("%(days)s day", "%(days)s days", 1 if value == 1 else 2) % {"days": shown})


def name(text_and_lang: tuple[str, str]) -> Cell:
    text, lang = text_and_lang
    return Cell(text, text, lang or None)


def _language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def summary(numbers: figures.Figures) -> list[tuple[str, str]]:
    """The headline figures: (label, value) pairs."""
    return [
        (_("Roles"), number(numbers.roles).text),
        (_("Openings"), number(numbers.openings).text),
        (_("Applications"), number(numbers.applications).text),
        (_("Hires"), number(numbers.hires).text),
        (_("AI share of openings"), percent(numbers.ai_openings_share).text),
        (_("AI share of applications"), percent(numbers.ai_applications_share).text),
    ]


def _chart_description() -> str:
    return _("The numbers are in the table beside the chart.")


def sections(numbers: figures.Figures) -> list[Section]:
    """Every table of the overview, in the page's language, each with its chart (no units table for one unit)."""
    built = [_funnel(numbers), _stage_days(numbers)]
    if numbers.unit is None:
        built.append(
            _groups(
                numbers.units,
                slug="units",
                title=_("Units"),
                heading=_("Unit"),
                chart_title=_("Applications by unit"),
                note=_(
                    "Announced roles (published or closed since) and their openings; applications released to "
                    "each unit, and hires."
                ),
            )
        )
    built += [
        _groups(
            numbers.categories,
            slug="categories",
            title=_("Role categories"),
            heading=_("Category"),
            chart_title=_("Applications by role category"),
            note=_("AI categories are marked. Openings are the roles' headcount."),
            ai_column=True,
        ),
        _groups(
            numbers.locations,
            slug="locations",
            title=_("Cities"),
            heading=_("City"),
            chart_title=_("Applications by city"),
            note=_("A role offered in several cities counts in each, with its openings and applications."),
        ),
        _ai_share(numbers),
        _schools(numbers),
        _offers(numbers),
    ]
    return built


def _funnel(numbers) -> Section:
    rows = [
        [Cell(S(step.stage).label, S(step.stage).label), number(step.reached), percent(step.conversion),
         percent(step.share)]
        for step in numbers.funnel
    ]  # fmt: skip
    steps = [
        charts.Step(
            label=S(step.stage).label,
            value=step.reached,
            text=number(step.reached).text,
            conversion_text=(
                _("↓ %(percent)s of the stage before") % {"percent": percent(step.conversion).text}
                if step.conversion is not None
                else None
            ),
        )
        for step in numbers.funnel
    ]
    has_data = bool(numbers.funnel and numbers.funnel[0].reached)
    return Section(
        slug="funnel",
        title=_("Funnel"),
        note=_("How far applications got: each counts in every stage up to the furthest it reached (one that "
               "skipped the assessment counts as having passed it)."),
        columns=[Column(_("Stage"), numeric=False), Column(_("Reached")),
                 Column(_("From the stage before"), percent=True), Column(_("Of all applications"), percent=True)],
        rows=rows,
        chart=charts.funnel_chart(
            chart_id="chart-funnel", title=_("Funnel"), description=_chart_description(), steps=steps
        ) if has_data else "",
    )  # fmt: skip


def _stage_days(numbers) -> Section:
    rows = [
        [Cell(S(time.stage).label, S(time.stage).label), days(time.median_days), number(time.stays)]
        for time in numbers.stage_times
    ]
    bars = [
        charts.Bar(label=S(time.stage).label, value=time.median_days, text=days(time.median_days).text)
        for time in numbers.stage_times
        if time.median_days is not None
    ]
    return Section(
        slug="stage-days",
        title=_("Days in each stage"),
        note=_("The median time an application spent in each stage before it moved on; stays still under way are "
               "not counted."),
        columns=[Column(_("Stage"), numeric=False), Column(_("Median days")), Column(_("Stays counted"))],
        rows=rows,
        chart=charts.bar_chart(
            chart_id="chart-stage-days", title=_("Days in each stage"), description=_chart_description(), bars=bars
        ),
    )  # fmt: skip


def _groups(rows, *, slug, title, heading, chart_title, note, ai_column=False) -> Section:
    language = _language()
    columns = [Column(heading, numeric=False)]
    if ai_column:
        columns.append(Column(_("AI role"), numeric=False))
    columns += [Column(_("Roles")), Column(_("Openings")), Column(_("Applications")), Column(_("Hires"))]
    table = []
    for row in rows:
        cells = [name(row.name.text(language))]
        if ai_column:
            cells.append(Cell(_("Yes") if row.is_ai else _("No"), _("Yes") if row.is_ai else _("No")))
        cells += [number(row.roles), number(row.openings), number(row.applications), number(row.hires)]
        table.append(cells)
    bars = [
        charts.Bar(
            label=row.name.text(language)[0],
            lang=row.name.text(language)[1] or None,
            value=row.applications,
            text=number(row.applications).text,
            tone="ai" if row.is_ai else "accent",
        )
        for row in rows
    ]
    return Section(
        slug=slug,
        title=title,
        note=note,
        columns=columns,
        rows=table,
        chart=charts.bar_chart(
            chart_id=f"chart-{slug}", title=chart_title, description=_chart_description(), bars=bars
        ) if any(row.applications for row in rows) else "",
    )  # fmt: skip


def _ai_share(numbers) -> Section:
    rows = [
        [Cell(_("Openings"), _("Openings")), number(numbers.ai_openings), number(numbers.openings),
         percent(numbers.ai_openings_share)],
        [Cell(_("Applications"), _("Applications")), number(numbers.ai_applications), number(numbers.applications),
         percent(numbers.ai_applications_share)],
    ]  # fmt: skip
    bars = [
        charts.Bar(label=_("Openings in AI roles"), value=100 * share, text=percent(share).text, tone="ai")
        for share in [numbers.ai_openings_share]
        if share is not None
    ] + [
        charts.Bar(label=_("Applications to AI roles"), value=100 * share, text=percent(share).text, tone="ai")
        for share in [numbers.ai_applications_share]
        if share is not None
    ]
    return Section(
        slug="ai-share",
        title=_("AI roles"),
        note=_("The share of openings in the AI role categories, and of applications to them."),
        columns=[Column(_("Of"), numeric=False), Column(_("AI roles")), Column(_("All roles")),
                 Column(_("AI share"), percent=True)],
        rows=rows,
        chart=charts.bar_chart(
            chart_id="chart-ai-share", title=_("AI share"), description=_chart_description(), bars=bars, maximum=100
        ),
    )  # fmt: skip


def _schools(numbers) -> Section:
    # A school is written as the candidate typed it: its language is not known.
    rows = [[Cell(row.school, row.school, ""), number(row.candidates), number(row.applications)]
            for row in numbers.schools]  # fmt: skip
    bars = [
        charts.Bar(label=row.school, lang="", value=row.candidates, text=number(row.candidates).text)
        for row in numbers.schools
    ]
    return Section(
        slug="schools",
        title=_("Schools"),
        note=_("The %(count)s schools most applicants come from, as candidates wrote them in their profiles.")
        % {"count": figures.SCHOOL_LIMIT},
        columns=[Column(_("School"), numeric=False), Column(_("Candidates")), Column(_("Applications"))],
        rows=rows,
        chart=charts.bar_chart(
            chart_id="chart-schools", title=_("Candidates by school"), description=_chart_description(), bars=bars
        ),
    )


def _offers(numbers) -> Section:
    offers = numbers.offers
    outcomes = [
        (_("Offers made"), offers["made"]),
        (_("Accepted (hired)"), offers["accepted"]),
        (_("Declined"), offers["declined"]),
        (_("Still open"), offers["open"]),
    ]
    rows = [[Cell(label, label), number(count)] for label, count in outcomes]
    rows.append([Cell(_("Accepted, of the offers decided"), _("Accepted, of the offers decided")),
                 percent(offers["acceptance"])])  # fmt: skip
    bars = [
        charts.Bar(label=label, value=count, text=number(count).text, tone="muted" if index == 2 else "accent")
        for index, (label, count) in enumerate(outcomes[1:], start=1)
    ]
    return Section(
        slug="offers",
        title=_("Offers"),
        note=_("Offers made are the applications that reached the offer stage; an offer may also end in a "
               "withdrawal or a rejection."),
        columns=[Column(_("Offers"), numeric=False), Column(_("Number"))],
        rows=rows,
        chart=charts.bar_chart(
            chart_id="chart-offers", title=_("Offers"), description=_chart_description(), bars=bars
        ) if offers["made"] else "",
    )  # fmt: skip


# --- CSV ----------------------------------------------------------------------------

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection): such text gets a leading
# apostrophe, which shows it as text. Numbers are written as numbers.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def spreadsheet_safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(section: Section) -> str:
    """The table as CSV: a byte-order mark first (so spreadsheet programs read UTF-8), the page's column
    names, then the rows' values."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([spreadsheet_safe(column.csv_label) for column in section.columns])
    writer.writerows([spreadsheet_safe(cell.value) for cell in row] for row in section.rows)
    return out.getvalue()
