"""The recruiter's talent-pool pages at /recruit/pool/: the search, a pool profile, a posting's suggestions.

Access is talentpool/access.py's (the workspace's users; another unit's posting or an entry not visible: 404);
the search is talentpool/search.py's; suggestions are kept by talentpool/matching.py.
"""

import re

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applicants.workspace.filters import LONG_POSTING_FIELDS
from applicants.workspace.frame import workspace_context, workspace_view
from postings.models import Location, Posting, RoleCategory, Skill

from . import access, matching, search, services
from .forms import PoolSearchForm
from .models import PoolEntry, PoolView, Suggestion

# How much of the resume text a pool profile shows.
RESUME_EXCERPT_CHARS = 1500
ENTRY_LONG_FIELDS = ("resume_text", "search_text", "search_document", "unavailable_reasons")


def _page_error(page, number) -> str:
    """A message when the page asked for cannot be read or is past the last (the nearest one is shown)."""
    if number not in (None, "") and str(page.number) != str(number).strip():
        return _("There is no page “%(page)s”; this is page %(number)d.") % {
            "page": str(number)[:20],
            "number": page.number,
        }
    return ""


def _open_postings(unit, now):
    """The unit's open postings, each with its count of new suggestions of entries still available."""
    new = Q(
        pool_suggestions__state=Suggestion.State.NEW,
        pool_suggestions__entry__status=PoolEntry.Status.AVAILABLE,
        pool_suggestions__entry__expires_at__gt=now,
    )
    return (
        Posting.objects.public(now)
        .filter(unit=unit)
        .defer(*LONG_POSTING_FIELDS)
        .annotate(new_suggestions=Count("pool_suggestions", filter=new))
        .order_by("-published_at", "pk")
    )


@workspace_view
def home(request):
    """The pool as the recruiter's units see it: keywords and filters, 25 results a page; the unit's open
    postings with their new suggestions."""
    context = workspace_context(request)
    unit = context["workspace_unit"]
    if unit is None:
        return render(request, "recruit/no_units.html", context)
    now = timezone.now()
    skills, locations, categories = (
        list(Skill.objects.all()),
        list(Location.objects.all()),
        list(RoleCategory.objects.all()),
    )
    form = PoolSearchForm(request.GET, skills=skills, locations=locations, categories=categories)
    filters = form.filters()
    entries = search.search(access.visible_to(request.user, now=now), filters, unit=unit)
    page = search.results_page(entries, request.GET.get("page"))
    more = page.paginator.count >= search.RESULTS_CAP and search.more_than_listed(
        access.visible_to(request.user, now=now), filters, unit=unit
    )
    context.update(
        workspace_section="pool",
        form=form,
        filters=filters,
        page=page,
        more_than_listed=more,
        page_error=_page_error(page, request.GET.get("page")),
        selected_skills=set(form["skill"].value() or []) if "skill" not in form.errors else set(),
        open_postings=list(_open_postings(unit, now)),
    )
    return render(request, "talentpool/recruit/pool_home.html", context)


@workspace_view
def profile(request, entry_pk):
    """A candidate's pool profile; each opening is logged for the unit worked in (the candidate may read it)."""
    entry = access.pool_entry(request.user, entry_pk)
    context = workspace_context(request)
    unit = context["workspace_unit"]
    if unit is None:
        return render(request, "recruit/no_units.html", context)
    PoolView.objects.create(entry=entry, unit=unit, viewer=request.user)
    candidate_profile = getattr(entry.candidate, "candidate_profile", None)
    context.update(
        workspace_section="pool",
        entry=entry,
        unit=unit,
        candidate_profile=candidate_profile,
        skills=list(entry.skills.all()),
        preferred_categories=list(candidate_profile.preferred_categories.all()) if candidate_profile else [],
        preferred_locations=list(candidate_profile.preferred_locations.all()) if candidate_profile else [],
        resume_lines=[
            line
            for line in Truncator(entry.resume_text.strip()).chars(RESUME_EXCERPT_CHARS).splitlines()
            if line.strip()
        ],
        shares_contact=access.shares_contact(request.user, entry),
        suggested_for=list(access.posting_suggestions_of(request.user, entry, unit=unit).select_related("posting")),
    )
    return render(request, "talentpool/recruit/pool_profile.html", context)


def _language() -> str:
    return "zh-hans" if (get_language() or "").startswith("zh") else "en"


# Latin words (and the spaces and signs between them) inside Chinese text: "AI Agent", "Computer Science", "C++".
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9 .+#&'’-]*[A-Za-z0-9+#]|[A-Za-z]")


def _reasons_html(text: str, language: str) -> SafeString:
    """The reasons in words, escaped; on a Chinese page the English in them (a major or a skill typed in English)
    marked as English, so a screen reader reads it so."""
    if language == "en":
        return escape(text)
    parts, end = [], 0
    for run in _LATIN_RUN.finditer(text):
        parts += [escape(text[end : run.start()]), format_html('<span lang="en">{}</span>', run.group())]
        end = run.end()
    parts.append(escape(text[end:]))
    return SafeString("".join(parts))


@workspace_view
def posting(request, posting_pk):
    """An open posting's top suggestions, best first, with their reasons in the page's language; the first visit
    to a posting never ranked ranks it."""
    posting = access.pool_posting(request.user, posting_pk)
    now = timezone.now()
    accepting = posting.is_accepting(now)
    if accepting and not Suggestion.objects.filter(posting=posting).exists():
        matching.suggestions_refresh([posting], now=now)
    suggestions = []
    if accepting:
        suggestions = list(
            access.posting_suggestions(request.user, posting, now=now)
            .select_related("entry__candidate", "entry__candidate__candidate_profile")
            .defer(*(f"entry__{name}" for name in ENTRY_LONG_FIELDS))[: matching.SUGGESTIONS_PER_POSTING]
        )
    language = _language()
    context = {
        **workspace_context(request, unit=posting.unit),
        "workspace_section": "pool",
        "posting": posting,
        "accepting": accepting,
        "rows": [
            (suggestion, _reasons_html(matching.reasons_in_words(suggestion.reasons, language), language))
            for suggestion in suggestions
        ],
    }
    return render(request, "talentpool/recruit/pool_posting.html", context)


@workspace_view
@require_POST
def dismiss(request, posting_pk, suggestion_pk):
    """Dismiss a suggestion: it leaves the posting's list for good. Submitting twice says so and changes nothing."""
    suggestion = access.dismissable_suggestion(request.user, posting_pk, suggestion_pk)
    if services.suggestion_dismiss(suggestion=suggestion):
        messages.success(request, _("The suggestion is dismissed; this candidate will not be suggested for it again."))
    else:
        messages.info(request, _("This suggestion was already dismissed or acted on."))
    return redirect("pool:posting", suggestion.posting_id)
