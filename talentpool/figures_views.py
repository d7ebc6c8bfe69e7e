"""The pool's figures in the workspace: /recruit/pool/figures/ (a recruiter's unit; every unit and the overall line
for admins), its CSV file, and the panel on a unit's dashboard (registered in apps.py)."""

import re

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.workspace.figures import Cell, Column, Section, csv_text, number, percent
from applicants.workspace.frame import workspace_context, workspace_view
from postings.access import workspace_unit

from . import figures
from .digest import pool_path

_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")


def _asked_unit(request):
    """The unit of ?unit=<slug>, if the user works in it (404 otherwise, odd input too); None when not asked."""
    slug = request.GET.get("unit")
    if slug is None:
        return None
    if not _SLUG.fullmatch(slug):
        raise Http404
    return workspace_unit(request.user, slug)


def _scope(request):
    """(the unit shown, the units of the table, the frame's context): ?unit= for a unit of the user's; else every
    unit for an admin (unit None), or the unit the recruiter works in now."""
    unit = _asked_unit(request)
    context = workspace_context(request, unit=unit)
    if unit is None and context["workspace_admin"]:
        return None, sorted(context["workspace_units"], key=lambda each: str(each.name)), context
    unit = unit or context["workspace_unit"]
    if unit is None:
        raise Http404
    return unit, [unit], context


def _table(units, *, overall: bool) -> tuple[Section, list[Cell] | None]:
    """The figures of `units`, a row each, and the overall line (admins), as the page and the CSV show them."""
    counted = figures.units_figures([unit.pk for unit in units])
    columns = [
        Column(_("Unit"), numeric=False),
        Column(_("Resurfaced")),
        Column(_("Invited")),
        Column(_("Accepted")),
        Column(_("Hired through the pool")),
        Column(_("Accepted of invited"), percent=True),
    ]

    def cells(label: str, numbers: figures.PoolFigures, lang=None) -> list[Cell]:
        return [
            Cell(label, label, lang),
            number(numbers.resurfaced),
            number(numbers.invited),
            number(numbers.accepted),
            number(numbers.hired),
            percent(numbers.acceptance),
        ]

    rows = [cells(str(unit.name), counted.get(unit.pk, figures.PoolFigures())) for unit in units]
    total = cells(_("All units"), figures.overall_figures()) if overall else None
    section = Section(
        slug="talent-pool",
        title=_("Talent pool"),
        note=_(
            "Resurfaced: candidates the pool suggested for the unit's postings (or that it invited from the pool). "
            "Invited, accepted: candidates invited to its postings, and those who accepted. Hired through the pool: "
            "applications from a pool invitation that ended in a hire. The overall line counts each candidate once."
        ),
        columns=columns,
        rows=rows,
        chart="",
    )
    return section, total


@workspace_view
def pool_figures(request):
    """The pool's figures: the recruiter's unit (?unit= for another of theirs), or every unit for an admin."""
    unit, units, frame = _scope(request)
    section, total = _table(units, overall=unit is None)
    query = f"?unit={unit.slug}" if unit else ""
    context = {
        **frame,
        "workspace_section": "pool",
        "unit": unit,
        "section": section,
        "total": total,
        "csv_url": reverse("pool_figures:csv") + query,
        # A recruiter of several units switches between them here; an admin has the table of all.
        "other_units": [other for other in frame["workspace_units"] if other != unit] if unit else [],
    }
    return render(request, "talentpool/figures/home.html", context)


@workspace_view
def pool_figures_csv(request):
    """The same table as a CSV file (the overall line last, for admins)."""
    unit, units, _frame = _scope(request)
    section, total = _table(units, overall=unit is None)
    if total is not None:
        section.rows.append(total)
    name = f"{unit.slug}-talent-pool" if unit else "talent-pool"
    response = HttpResponse(csv_text(section), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y-%m-%d}.csv"'
    return response


def dashboard_panel(request, unit) -> str:
    """The pool's panel on a unit's dashboard: its figures and the new suggestions waiting (applicants' registry,
    applicants/workspace/panels.py). Only what the unit's pipeline version watches: suggestions, invitations, and
    applications (migration *_pipeline_triggers)."""
    context = {
        "unit": unit,
        "numbers": figures.unit_figures(unit),
        "figures_url": reverse("pool_figures:home") + f"?unit={unit.slug}",
        "pool_url": pool_path(),
    }
    return render_to_string("talentpool/figures/_dashboard_panel.html", context)
