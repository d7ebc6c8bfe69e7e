import json

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, OuterRef, Q, When
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .board import board_search, facet, viewer_for
from .cache import Catalogue, cached_page
from .forms import BoardFilterForm
from .models import BusinessUnit, DegreeLevel, InfoSession, Location, Posting, Program, RoleCategory
from .structured_data import job_posting_ld

SIMILAR_POSTINGS = 4
SIMILAR_CANDIDATES = 200


def home(request):
    """The program in one screen: who may apply, the units, live figures."""
    catalogue = Catalogue(request)

    def page():
        content = catalogue.cached(
            "home", (), lambda: render_to_string("postings/_home.html", home_context(), request)
        )
        return render(request, "postings/home.html", {"content": content})

    return cached_page(request, catalogue, "home", (), page)


def home_context() -> dict:
    public = Posting.objects.public()
    return {
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
        "next_sessions": InfoSession.objects.filter(ends_at__gte=timezone.now()).exclude(
            status=InfoSession.Status.CANCELLED
        )[:3],
    }


def board(request):
    """The job board: search, filters in the URL, counts, pages; htmx updates it in place."""
    catalogue = Catalogue(request)
    viewer = viewer_for(request.user)
    update = bool(request.htmx and not request.htmx.history_restore_request)
    parts = (sorted(request.GET.lists()), viewer, update)

    def fragments():
        context = board_context(catalogue, request.GET, viewer)
        template = "postings/_board_update.html" if update else "postings/_board.html"
        return {"q": context["filters"]["q"], "content": render_to_string(template, context, request)}

    def page():
        board = catalogue.cached("board", parts, fragments)
        if update:
            return HttpResponse(board["content"])
        return render(request, "postings/board.html", {"board": board})

    response = cached_page(request, catalogue, "board", parts, page)
    patch_vary_headers(response, ["HX-Request"])
    return response


def catalogue_lists(catalogue: Catalogue) -> dict:
    """The board's choices (programs taking applications, units, categories, cities), cached per version."""

    def compute():
        return {
            "programs": list(Program.objects.taking_applications()),
            "units": list(BusinessUnit.objects.all()),
            "categories": list(RoleCategory.objects.all()),
            "locations": list(Location.objects.all()),
        }

    return catalogue.cached("board-lists", (), compute)


def board_context(catalogue: Catalogue, query, viewer) -> dict:
    lists = catalogue_lists(catalogue)
    form = BoardFilterForm(query, **lists)
    filters = form.filters()
    result = board_search(filters, viewer)
    paginator = Paginator(result.postings, settings.BOARD_PAGE_SIZE)
    paginator.count = result.total  # counted with the facets: no COUNT query
    counts, choices = result.counts, {name: _pairs(lists[name]) for name in ("units", "categories", "locations")}
    return {
        "form": form,
        "filters": filters,
        "page": paginator.get_page(query.get("page")),
        "facets": [
            facet("degree", _("Degree level"), DegreeLevel.choices, counts["degree"], filters["degree"]),
            facet("unit", _("Business unit"), choices["units"], counts["unit"], filters["unit"], collapsible=True),
            facet("category", _("Role category"), choices["categories"], counts["category"], filters["category"]),
            facet("location", _("Location"), choices["locations"], counts["location"], filters["location"]),
        ],
        "ai_count": result.ai_count,
        "open_to_count": result.open_to_count,
        "viewer": viewer,
        "programs": lists["programs"],
        "filtered": any(filters.values()),
    }


def _pairs(choices) -> list[tuple[str, str]]:
    return [(choice.slug, choice.name) for choice in choices]


def detail(request, pk):
    """One public posting, with who may apply and similar roles."""
    catalogue = Catalogue(request)

    def compute():
        posting = Posting.objects.public().for_cards().filter(pk=pk).first()
        if posting is None:
            return None
        structured = json.dumps(job_posting_ld(posting, request), ensure_ascii=False).translate(_json_script_escapes)
        context = {"posting": posting, "similar": similar_postings(posting), "structured_data": mark_safe(structured)}  # noqa: S308
        fragments = {
            name: render_to_string(f"postings/_posting_detail.html#{name}", context, request)
            for name in ("head", "main", "article", "facts", "similar")
        }
        return {"posting": posting, **fragments}

    def page():
        context = catalogue.cached("posting", pk, compute)
        if context is None:
            # Not public (any more): a closed role explains itself, anything else is a plain 404.
            return closed_posting(request, pk)
        return render(request, "postings/posting_detail.html", {**context, "posting_id": pk, "catalogue": catalogue})

    # The apply panel is kept under the catalogue's version (applicants_tags.apply_panel): the posting is read
    # from the cache only when the panel is not there.
    posting = SimpleLazyObject(lambda: catalogue.cached("posting", pk, compute)["posting"])
    personal = {"posting": posting, "posting_id": pk, "catalogue": catalogue}
    return cached_page(request, catalogue, "posting", pk, page, personal_context=personal)


def similar_postings(posting) -> list:
    """Up to four open roles of the same category or sharing skills, most shared skills first.

    Ranked among the newest related roles only (SIMILAR_CANDIDATES), so the
    cost stays the same however large the catalogue grows.
    """
    skill_ids = [skill.pk for skill in posting.skills.all()]
    shares_skills = Exists(Posting.skills.through.objects.filter(posting=OuterRef("pk"), skill__in=skill_ids))
    candidates = (
        Posting.objects.public()
        .filter(Q(category=posting.category_id) | shares_skills)
        .exclude(pk=posting.pk)
        .order_by("-published_at", "-id")
        .values("pk")[:SIMILAR_CANDIDATES]
    )
    return list(
        Posting.objects.filter(pk__in=candidates)
        .annotate(shared_skills=Count("skills", filter=Q(skills__in=skill_ids)))
        .order_by("-shared_skills", "-published_at", "-id")
        .for_cards()[:SIMILAR_POSTINGS]
    )


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
