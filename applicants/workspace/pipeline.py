"""The pipeline: a posting's board, the unit's applicant list, moves one by one and in bulk, and the list's CSV.

Every view reads through the scopes: postings and units from `postings.access` (another unit's: 404),
applications from `Application.objects.reviewed_by` (another unit's, or queued: 404, or left alone in a bulk
form). Every move goes through `services.application_move`, which alone decides what is legal.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from postings.access import workspace_posting, workspace_unit
from postings.models import Skill

from .. import services
from ..models import Application, RejectionReason
from ..templatetags.workspace import applicant_name
from ..workflow import IllegalMove, Mover, check_move
from . import export, pagecache
from .cards import (
    BOARD_STAGES,
    ENDED_STAGES,
    UNIT_STAGES,
    Card,
    board_card,
    board_cards,
    bulk_targets,
    card_dom_id,
    card_queryset,
    cards_in_order,
    stage_counts,
)
from .filters import SORT_KEYS, ApplicantFilter
from .frame import remember_unit, workspace_context, workspace_view

S = Application.Status

# A column shows the applications longest in its stage; the list (linked under it) has every one.
BOARD_CARDS_PER_STAGE = 25
LIST_PAGE_SIZE = 50
# More than a page can select; a larger form is not one a person sent.
BULK_MAX_IDS = 500


@dataclass
class Column:
    stage: str
    label: str
    count: int
    cards: list[Card]

    @property
    def capped(self) -> bool:
        return self.count > len(self.cards)


def _unit_applications(user, unit):
    return Application.objects.reviewed_by(user).filter(posting__unit=unit)


def _local_next(request, fallback: str) -> str:
    """The `next` path sent with the form when it is a path of this site, else `fallback`."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return target
    return fallback


# --- The board -------------------------------------------------------------------------------------------------


@require_safe
@workspace_view
def posting_board(request, pk):
    """One column per stage of a posting's applications, cards to move from one to another. Kept in the cache
    until the unit's pipeline changes (pagecache)."""
    posting = workspace_posting(request.user, pk)
    remember_unit(request, posting.unit)
    return pagecache.cached_page(
        request,
        name="posting-board",
        unit_id=posting.unit_id,
        render_page=lambda csrf_token: _render_board(request, posting, csrf_token),
    )


def _render_board(request, posting, csrf_token):
    now = timezone.now()
    applications = Application.objects.reviewed_by(request.user).filter(posting=posting)
    counts = stage_counts(applications)
    cards = board_cards(applications, per_stage=BOARD_CARDS_PER_STAGE, now=now)

    def column(stage):
        return Column(stage, S(stage).label, counts[stage], cards.get(stage, []))

    context = {
        **workspace_context(request, unit=posting.unit),
        "workspace_section": "postings",
        "posting": posting,
        "columns": [column(stage) for stage in BOARD_STAGES],
        "ended": [column(stage) for stage in ENDED_STAGES],
        "total": sum(counts.values()),
        "pipeline_board_url": request.path,
        "csrf_token": csrf_token,
    }
    shown = [card.application.stage_entered_at for column_cards in cards.values() for card in column_cards]
    return render(request, "recruit/pipeline/board.html", context), pagecache.next_day_tick(shown, now)


# --- Moving one application ----------------------------------------------------------------------------------------


@require_POST
@workspace_view
def application_move(request, pk):
    """Move an application to the stage `target` as the workflow allows. From a board card sent by htmx the
    answer is the card again (in its new stage, or where it was with the refusal); otherwise a redirect to
    `next` (a local path) or the posting's board, with the result as a message. A rejection asks for its
    reason on the rejection page first."""
    reviewed = Application.objects.reviewed_by(request.user)
    application = get_object_or_404(reviewed.select_related("posting", "candidate"), pk=pk)
    board_url = reverse("workspace:posting_board", args=[application.posting_id])
    on_board = bool(request.htmx) and request.htmx.target == card_dom_id(application)
    target = request.POST.get("target", "")
    if target == S.REJECTED:
        return _to_rejection(request, application, board_url=board_url, on_board=on_board)
    message, refused = _move(request, application, target)
    if on_board:
        return _card_answer(request, reviewed, application, message=message, refused=refused, board_url=board_url)
    (messages.warning if refused else messages.success)(request, message)
    return redirect(_local_next(request, board_url))


def _move(request, application, target) -> tuple[str, bool]:
    """(what happened, whether the move was refused)."""
    if target not in UNIT_STAGES:
        return _("Choose the stage to move this application to."), True
    name = applicant_name(application)
    try:
        moved = services.application_move(
            application=application, target=target, actor=request.user, by=Mover.RECRUITER
        )
    except IllegalMove as refusal:
        if application.status == target:
            # The same move sent twice (a double click, a second tab): the first did it.
            return _("%(name)s is already in “%(stage)s”; nothing was changed.") % {
                "name": name,
                "stage": S(target).label,
            }, True
        return str(refusal), True
    except ValidationError as refusal:
        return " ".join(refusal.messages), True
    return _("%(name)s moved to “%(stage)s”.") % {"name": applicant_name(moved), "stage": S(target).label}, False


def _to_rejection(request, application, *, board_url, on_board):
    """A rejection needs a reason from the list: to the rejection page, when the move is one the workflow allows."""
    try:
        check_move(current=application.status, target=S.REJECTED, by=Mover.RECRUITER)
    except IllegalMove as refusal:
        refused = str(refusal)
    else:
        try:
            page = reverse("workspace:application_reject", args=[application.pk])
        except NoReverseMatch:
            refused = _("Turning an application down needs a reason, and the page to choose one is not available.")
        else:
            page = f"{page}?{urlencode({'next': _local_next(request, board_url)})}"
            return HttpResponseClientRedirect(page) if request.htmx else redirect(page)
    if on_board:
        return _card_answer(
            request,
            Application.objects.reviewed_by(request.user),
            application,
            message=refused,
            refused=True,
            board_url=board_url,
        )
    messages.warning(request, refused)
    return redirect(_local_next(request, board_url))


def _card_answer(request, reviewed, application, *, message, refused, board_url) -> HttpResponse:
    """The card as it now is (refused: with the message on it), the posting's counts and the announcement."""
    card = board_card(reviewed, application.pk)
    if card is not None and refused:
        card.error = message
    context = {
        "card": card,
        "message": message,
        "refused": refused,
        "counts": stage_counts(reviewed.filter(posting_id=application.posting_id)),
        "pipeline_board_url": board_url,
    }
    response = render(request, "recruit/pipeline/_move_answer.html", context)
    if card is None:
        response["HX-Reswap"] = "delete"
    return response


# --- The applicant list ------------------------------------------------------------------------------------------


@require_safe
@workspace_view
def applicant_list(request, slug):
    """The unit's applications across its postings: filtered, sorted, 50 a page, to move in bulk or export. Kept in
    the cache until the unit's pipeline changes (pagecache)."""
    unit = workspace_unit(request.user, slug)
    remember_unit(request, unit)
    return pagecache.cached_page(
        request,
        name="applicant-list",
        unit_id=unit.pk,
        render_page=lambda csrf_token: _render_applicant_list(request, unit, csrf_token),
    )


def _render_applicant_list(request, unit, csrf_token):
    now = timezone.now()
    applications = _unit_applications(request.user, unit)
    filterset = ApplicantFilter(request.GET, queryset=applications, unit=unit, now=now)
    # The page's ids first (sorting only what the filters and the order need), then their cards: joining every
    # application of the unit to its candidate and profile just to keep fifty would cost more than both.
    page = Paginator(filterset.qs.values_list("pk", flat=True), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = cards_in_order(applications, list(page.object_list), now=now)
    selected_posting = str(filterset.form["posting"].value() or "")
    selected_skill = str(filterset.form["skill"].value() or "")
    context = {
        **workspace_context(request, unit=unit),
        "workspace_section": "applicants",
        "unit": unit,
        "filterset": filterset,
        "form": filterset.form,
        "page": page,
        "rows": rows,
        "sort": filterset.sort_order,
        "sort_links": _sort_links(request, filterset.sort_order),
        "postings": [(p, str(p.pk) == selected_posting) for p in filterset.filters["posting"].queryset],
        "skills": [(s, s.slug == selected_skill) for s in Skill.objects.all()],
        "bulk_form": BulkForm(),
        "bulk_next": request.get_full_path(),
        "csrf_token": csrf_token,
    }
    until = pagecache.next_day_tick([row.application.stage_entered_at for row in rows], now)
    if filterset.days_entering is not None:
        until = min(until, filterset.days_entering)
    return render(request, "recruit/pipeline/applicant_list.html", context), until


def _sort_links(request, sort: str) -> dict[str, dict]:
    """For each sortable column: the address that sorts by it (the other way round when it already does), and
    its `aria-sort`."""
    links = {}
    for key in SORT_KEYS:
        query = request.GET.copy()
        query.pop("page", None)
        query["sort"] = f"-{key}" if sort == key else key
        state = "ascending" if sort == key else "descending" if sort == f"-{key}" else None
        links[key] = {"url": f"?{query.urlencode()}", "aria_sort": state}
    return links


# --- Bulk moves --------------------------------------------------------------------------------------------------


class BulkForm(forms.Form):
    """What to do with the applications ticked in the list: move them to a stage, or turn them down with a reason
    (and an internal note)."""

    MOVE, REJECT = "move", "reject"

    action = forms.ChoiceField(choices=[(MOVE, gettext_lazy("Move")), (REJECT, gettext_lazy("Not selected"))])
    target = forms.ChoiceField(
        label=gettext_lazy("Move to"), required=False, choices=[(stage, S(stage).label) for stage in bulk_targets()]
    )
    rejection_reason = forms.ModelChoiceField(
        label=gettext_lazy("Reason"),
        required=False,
        queryset=RejectionReason.objects.filter(is_active=True),
        empty_label=gettext_lazy("Choose a reason"),
    )
    note = forms.CharField(
        label=gettext_lazy("Internal note (optional)"),
        required=False,
        max_length=2000,
        help_text=gettext_lazy("Seen by your unit only, never by the candidate."),
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == self.MOVE and not data.get("target"):
            self.add_error("target", _("Choose the stage to move them to."))
        if data.get("action") == self.REJECT and not data.get("rejection_reason"):
            self.add_error("rejection_reason", _("Choose a reason for turning them down."))
        return data

    def selected_ids(self) -> tuple[set[int], int]:
        """The application ids ticked, and how many values sent as ids could not be one (letters, out of range)."""
        ids, unreadable = set(), 0
        for value in self.data.getlist("ids"):
            if re.fullmatch(r"[0-9]{1,18}", value) and 0 < int(value) < 2**63:
                ids.add(int(value))
            else:
                unreadable += 1
        return ids, unreadable


@require_POST
@workspace_view
def applicant_bulk(request, slug):
    """Move, or turn down, the ticked applications of this unit's list; ids of anything else are left alone and
    counted. Back to the list with its filters, saying what moved and what the workflow refused, and why."""
    unit = workspace_unit(request.user, slug)
    back = _local_next(request, reverse("workspace:applicant_list", args=[unit.slug]))
    form = BulkForm(request.POST)
    ids, unreadable = form.selected_ids()
    if not ids and not unreadable:
        messages.warning(request, _("Select at least one applicant first."))
        return redirect(back)
    if len(ids) + unreadable > BULK_MAX_IDS:
        messages.warning(request, _("Select at most %(count)s applicants at once.") % {"count": BULK_MAX_IDS})
        return redirect(back)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.warning(request, error)
        return redirect(back)
    chosen = _unit_applications(request.user, unit).filter(pk__in=ids).select_related("posting", "candidate")
    applications = list(chosen)
    rejecting = form.cleaned_data["action"] == BulkForm.REJECT
    target = S.REJECTED if rejecting else form.cleaned_data["target"]
    result = services.applications_move(
        applications=applications,
        target=target,
        actor=request.user,
        reason=form.cleaned_data["note"],
        rejection_reason=form.cleaned_data["rejection_reason"] if rejecting else None,
    )
    _report_bulk(request, result, target=target, ignored=len(ids) - len(applications) + unreadable)
    return redirect(back)


def _report_bulk(request, result, *, target, ignored):
    """One message with the counts (moved, left alone, refused), then one per refusal with the applicant's name."""
    moved, refused = len(result.moved), len(result.refused)
    if not moved:
        parts = [_("No applicant moved.")]
    elif target == S.REJECTED:
        parts = [
            ngettext(
                "%(count)s applicant marked as not selected.", "%(count)s applicants marked as not selected.", moved
            )
            % {"count": moved}
        ]
    else:
        parts = [
            ngettext("%(count)s applicant moved to “%(stage)s”.", "%(count)s applicants moved to “%(stage)s”.", moved)
            % {"count": moved, "stage": S(target).label}
        ]
    if ignored:
        parts.append(
            ngettext(
                "%(count)s was not one of this unit's applications and was left alone.",
                "%(count)s were not among this unit's applications and were left alone.",
                ignored,
            )
            % {"count": ignored}
        )
    if refused:
        parts.append(ngettext("%(count)s could not move:", "%(count)s could not move:", refused) % {"count": refused})
    (messages.success if moved and not refused and not ignored else messages.warning)(request, " ".join(parts))
    for application, message in result.refused:
        if application.status == target:
            message = _("already in “%(stage)s”; nothing was changed.") % {"stage": S(target).label}
        messages.warning(request, _("%(name)s: %(reason)s") % {"name": applicant_name(application), "reason": message})


# --- The export ------------------------------------------------------------------------------------------------------


@require_safe
@workspace_view
def applicant_export(request, slug):
    """The filtered list as a CSV file, in the list's order; filters that cannot be read export nothing."""
    unit = workspace_unit(request.user, slug)
    applications = card_queryset(_unit_applications(request.user, unit))
    filterset = ApplicantFilter(request.GET, queryset=applications, unit=unit)
    if set(filterset.errors) - {"sort"}:
        messages.warning(request, _("Some filters could not be read: correct them, then export again."))
        list_url = reverse("workspace:applicant_list", args=[unit.slug])
        return redirect(f"{list_url}?{request.GET.urlencode()}")
    return export.applicant_csv(filterset.qs, request=request, unit=unit)
