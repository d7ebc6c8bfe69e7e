"""The job board: which public postings match a visitor's filters, and how
many each filter value would give. No request here, only querysets."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, CharField, Count, Exists, F, OuterRef, QuerySet, Value, When

from recruit.accounts.personal import personal_cached

from .models import DegreeLevel, Posting
from .queries import accepting_degrees, open_to_condition


@dataclass(frozen=True)
class Viewer:
    """What the board knows of a signed-in candidate: enough for "roles I can apply to"."""

    graduation_date: object = None
    degree_level: str = ""

    @property
    def can_filter(self) -> bool:
        return bool(self.graduation_date and self.degree_level)

    @property
    def degree_label(self) -> str:
        return DegreeLevel(self.degree_level).label if self.degree_level in DegreeLevel.values else ""


def viewer_for(user) -> Viewer | None:
    """The board's view of a signed-in user (their candidate profile, if any, cached until it changes); None for a
    visitor."""
    if not user.is_authenticated:
        return None

    def read() -> Viewer:
        profile = getattr(user, "candidate_profile", None)  # the applicants app's profile, when there is one
        return Viewer(
            graduation_date=getattr(profile, "graduation_date", None),
            degree_level=getattr(profile, "degree_level", ""),
        )

    return personal_cached(user, "board-viewer", read)


@dataclass
class BoardResult:
    postings: QuerySet
    total: int
    counts: dict[str, Counter] = field(default_factory=dict)
    ai_count: int = 0
    open_to_count: int = 0


def _in_cities(slugs) -> Exists:
    # A subquery, not a join: a posting in two of the cities stays one row,
    # with no DISTINCT over whole rows.
    return Exists(Posting.locations.through.objects.filter(posting=OuterRef("pk"), location__slug__in=slugs))


def _searched(filters: dict) -> QuerySet:
    """Public postings matching the search text and the program: what every count starts from."""
    qs = Posting.objects.public()
    if filters["q"]:
        qs = qs.matching(filters["q"])
    if filters["program"]:
        qs = qs.filter(program__slug=filters["program"])
    return qs


def _filtered(filters: dict, viewer: Viewer | None) -> QuerySet:
    qs = _searched(filters)
    if filters["ai"]:
        qs = qs.filter(category__is_ai=True)
    if filters["unit"]:
        qs = qs.filter(unit__slug__in=filters["unit"])
    if filters["category"]:
        qs = qs.filter(category__slug__in=filters["category"])
    if filters["location"]:
        qs = qs.filter(_in_cities(filters["location"]))
    if filters["degree"]:
        qs = qs.accepting_degrees(filters["degree"])
    if filters["open_to"] and viewer and viewer.can_filter:
        qs = qs.filter(open_to_condition(graduation_date=viewer.graduation_date, degree_level=viewer.degree_level))
    return qs


def _flag(condition) -> Case:
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


# The columns of the one counting query, in order (see _count_rows).
_COLUMNS = ["unit__slug", "category__slug", "category__is_ai", "city", "in_cities", "open_to", *DegreeLevel.values]


def _count_rows(filters: dict, viewer: Viewer | None) -> list[dict]:
    """Numbers of postings grouped by unit, category and what each filter asks of them, in one query.

    The first half groups postings (`city` empty), the second half their
    cities. The groups are at most units x categories x degree-level sets x
    cities, however many postings match, so adding them up in Python is cheap.
    """
    base = _searched(filters)
    flags = {
        "in_cities": _in_cities(filters["location"]) if filters["location"] else Value(True),
        "open_to": _flag(open_to_condition(graduation_date=viewer.graduation_date, degree_level=viewer.degree_level))
        if viewer and viewer.can_filter
        else Value(False),
        **{level: _flag(accepting_degrees([level])) for level in DegreeLevel.values},
    }
    postings = (
        base.annotate(city=Value(None, output_field=CharField()), **flags)
        .values_list(*_COLUMNS)
        .annotate(n=Count("id"))
        .order_by()
    )
    cities = (
        base.filter(locations__isnull=False)
        .annotate(city=F("locations__slug"), **flags)
        .values_list(*_COLUMNS)
        .annotate(n=Count("id"))
        .order_by()
    )
    return [dict(zip([*_COLUMNS, "n"], row, strict=True)) for row in postings.union(cities, all=True).order_by()]


def board_search(filters: dict, viewer: Viewer | None = None) -> BoardResult:
    """Public postings matching `filters`, with counts per facet value, in two queries.

    Each facet's counts apply every other filter, so a count says how many
    roles ticking that value would add. `viewer` (a signed-in candidate) adds
    "roles I can apply to".
    """
    checks = {
        "unit": lambda row: not filters["unit"] or row["unit__slug"] in filters["unit"],
        "category": lambda row: not filters["category"] or row["category__slug"] in filters["category"],
        "ai": lambda row: not filters["ai"] or row["category__is_ai"],
        "location": lambda row: row["in_cities"],
        "degree": lambda row: not filters["degree"] or any(row[level] for level in filters["degree"]),
        "open_to": lambda row: not (filters["open_to"] and viewer and viewer.can_filter) or row["open_to"],
    }

    def passes(row, *, skip):
        return all(check(row) for name, check in checks.items() if name != skip)

    result = BoardResult(
        postings=_ranked(_filtered(filters, viewer), filters).for_cards(),
        total=0,
        counts={name: Counter() for name in ("unit", "category", "location", "degree")},
    )
    for row in _count_rows(filters, viewer):
        n = row["n"]
        if row["city"] is not None:
            if passes(row, skip="location"):
                result.counts["location"][row["city"]] += n
            continue
        result.total += n if passes(row, skip="") else 0
        result.counts["unit"][row["unit__slug"]] += n if passes(row, skip="unit") else 0
        result.counts["category"][row["category__slug"]] += n if passes(row, skip="category") else 0
        result.ai_count += n if row["category__is_ai"] and passes(row, skip="ai") else 0
        result.open_to_count += n if row["open_to"] and passes(row, skip="open_to") else 0
        if passes(row, skip="degree"):
            for level in DegreeLevel.values:
                result.counts["degree"][level] += n if row[level] else 0
    return result


def _ranked(postings: QuerySet, filters: dict) -> QuerySet:
    return postings.ranked_for(filters["q"]) if filters["q"] else postings


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
    # Long lists (the units) fold into a <details> on the board.
    collapsible: bool = False

    @property
    def any_checked(self) -> bool:
        return any(option.checked for option in self.options)


def facet(name: str, label: str, choices, counts: dict[str, int], selected: list[str], **options) -> Facet:
    """A filter's options with their counts; options with no role are hidden unless ticked.

    `choices` are (slug, name) pairs.
    """
    items = [
        FacetOption(slug=slug, name=choice_name, count=counts.get(slug, 0), checked=slug in selected)
        for slug, choice_name in choices
    ]
    return Facet(name=name, label=label, options=[item for item in items if item.count or item.checked], **options)
