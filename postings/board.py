"""The job board: which public postings match a visitor's filters, and how
many each filter value would give. No request here, only querysets."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from .models import Posting

FACETS = {"unit": "unit__slug", "category": "category__slug", "location": "locations__slug"}


@dataclass
class BoardResult:
    postings: QuerySet
    counts: dict[str, dict[str, int]]
    ai_count: int


def _filtered(base: QuerySet, filters: dict, *, skip: str = "") -> QuerySet:
    qs = base
    if filters["q"]:
        qs = qs.matching(filters["q"])
    if filters["program"]:
        qs = qs.filter(program__slug=filters["program"])
    if filters["ai"] and skip != "ai":
        qs = qs.filter(category__is_ai=True)
    if filters["unit"] and skip != "unit":
        qs = qs.filter(unit__slug__in=filters["unit"])
    if filters["category"] and skip != "category":
        qs = qs.filter(category__slug__in=filters["category"])
    if filters["location"] and skip != "location":
        # A subquery, not a join: a posting in two of the cities stays one row,
        # with no DISTINCT over whole rows.
        in_cities = Posting.locations.through.objects.filter(
            posting=OuterRef("pk"), location__slug__in=filters["location"]
        )
        qs = qs.filter(Exists(in_cities))
    return qs


def board_search(filters: dict) -> BoardResult:
    """Public postings matching `filters`, with counts per facet value.

    Each facet's counts apply every other filter, so a count says how many
    roles ticking that value would add. A fixed number of queries.
    """
    base = Posting.objects.public()
    postings = _filtered(base, filters)
    if filters["q"]:
        postings = postings.ranked_for(filters["q"])
    counts = {name: _filtered(base, filters, skip=name).count_by(path) for name, path in FACETS.items()}
    ai_count = _filtered(base, filters, skip="ai").filter(category__is_ai=True).count()
    return BoardResult(postings=postings.for_cards(), counts=counts, ai_count=ai_count)


@dataclass
class FacetOption:
    slug: str
    name: str
    count: int
    checked: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption]


def facet(name: str, label: str, choices, counts: dict[str, int], selected: list[str]) -> Facet:
    """A filter's options with their counts; options with no role are hidden unless ticked."""
    options = [
        FacetOption(
            slug=choice.slug, name=choice.name, count=counts.get(choice.slug, 0), checked=choice.slug in selected
        )
        for choice in choices
    ]
    return Facet(name=name, label=label, options=[option for option in options if option.count or option.checked])
