import json

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Case, Count, Q, When
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from recruit.accounts.forms import TimeZoneForm
from recruit.accounts.timezones import visitor_time_zone

from .board import board_search, facet
from .forms import BoardFilterForm
from .models import BusinessUnit, InfoSession, Location, Posting, Program, RoleCategory
from .structured_data import job_posting_ld

SIMILAR_POSTINGS = 4


def home(request):
    """The program in one screen: who may apply, the units, live figures."""
    public = Posting.objects.public()
    context = {
        # The main internship track leads; the research track follows.
        "programs": Program.objects.taking_applications().order_by("track", "name"),
        "figures": public.figures(),
        "units": BusinessUnit.objects.annotate(open_roles=Count("postings", filter=Q(postings__in=public))).filter(
            open_roles__gt=0
        ),
        "categories": RoleCategory.objects.filter(is_ai=True).annotate(
            open_roles=Count("postings", filter=Q(postings__in=public))
        ),
        "locations": Location.objects.all(),
        "next_sessions": InfoSession.objects.filter(ends_at__gte=timezone.now())[:3],
    }
    return render(request, "postings/home.html", context)


def board(request):
    """The job board: search, filters in the URL, counts, pages; htmx updates it in place."""
    programs = Program.objects.taking_applications()
    units = BusinessUnit.objects.all()
    categories = RoleCategory.objects.all()
    locations = Location.objects.all()
    form = BoardFilterForm(request.GET, units=units, categories=categories, locations=locations, programs=programs)
    filters = form.filters()
    result = board_search(filters)
    page = Paginator(result.postings, settings.BOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "facets": [
            facet(name, form.fields[name].label, choices, result.counts[name], filters[name])
            for name, choices in (("unit", units), ("category", categories), ("location", locations))
        ],
        "ai_count": result.ai_count,
        "programs": programs,
        "filtered": any(filters.values()),
    }
    template = "postings/board.html"
    if request.htmx and not request.htmx.history_restore_request:
        template = "postings/_board_update.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def detail(request, pk):
    """One public posting, with who may apply and similar roles."""
    posting = Posting.objects.public().for_cards().filter(pk=pk).first()
    if posting is None:
        return closed_posting(request, pk)
    skill_ids = [skill.pk for skill in posting.skills.all()]
    similar = (
        Posting.objects.public()
        .filter(Q(category=posting.category_id) | Q(skills__in=skill_ids))
        .exclude(pk=posting.pk)
        .annotate(shared_skills=Count("skills", filter=Q(skills__in=skill_ids), distinct=True))
        .order_by("-shared_skills", "-published_at")
        .for_cards()[:SIMILAR_POSTINGS]
    )
    structured = json.dumps(job_posting_ld(posting, request), ensure_ascii=False).translate(_json_script_escapes)
    context = {"posting": posting, "similar": similar, "structured_data": mark_safe(structured)}  # noqa: S308
    return render(request, "postings/posting_detail.html", context)


def closed_posting(request, pk):
    """What the address of a role that has closed answers: it says so and offers similar open roles (still a 404).

    Only for a posting that was public once (published, its program opened);
    a draft, a role not yet public or an unknown id gets the plain 404, so no
    unpublished id is confirmed.
    """
    now = timezone.now()
    posting = (
        Posting.objects.once_public(now)
        .filter(pk=pk)
        .select_related("unit", "category", "program")
        .defer("search_text", "search_document")
        .first()
    )
    if posting is None:
        raise Http404
    similar = (
        Posting.objects.public()
        .filter(Q(category=posting.category_id) | Q(unit=posting.unit_id))
        .order_by(Case(When(category=posting.category_id, then=0), default=1), "-published_at", "-id")
        .for_cards()[:SIMILAR_POSTINGS]
    )
    deadline = posting.deadline()
    context = {"posting": posting, "similar": similar, "closed_on": deadline if deadline < now else None}
    return render(request, "postings/posting_closed.html", context, status=404)


def info_sessions(request):
    """Campus information sessions, upcoming first, each in its city's time zone (and the visitor's)."""
    now = timezone.now()
    sessions = InfoSession.objects.select_related("program").prefetch_related("units")
    context = {
        "upcoming": sessions.filter(ends_at__gte=now),
        "past": sessions.filter(ends_at__lt=now).order_by("-starts_at"),
        "time_zone_form": TimeZoneForm(initial={"time_zone": visitor_time_zone(request) or ""}),
    }
    return render(request, "postings/info_sessions.html", context)
