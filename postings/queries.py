"""Reads of the catalogue: who sees which postings, and the board's search."""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorExact, SearchVectorField
from django.db import connection, models
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

# The search text is at most this many words; more only slows the query.
MAX_TERMS = 8


class PostingDocument(models.Func):
    """The posting's full-text vector, written exactly as the GIN index in
    migration 0002 is, so PostgreSQL uses the index."""

    template = "to_tsvector('english'::regconfig, %(expressions)s)"
    output_field = SearchVectorField()

    def __init__(self):
        super().__init__(F("search_text"))


def search_terms(text: str) -> list[str]:
    return text.split()[:MAX_TERMS]


class PostingQuerySet(models.QuerySet):
    def public(self, now=None):
        """Published postings of programs taking applications, not past their closing date."""
        now = now or timezone.now()
        return self.filter(
            Q(closes_at__isnull=True) | Q(closes_at__gte=now),
            status="published",
            program__applications_open__lte=now,
            program__applications_close__gte=now,
        )

    def for_cards(self):
        """What a posting card shows, in a fixed number of queries."""
        return self.select_related("unit", "category", "program").prefetch_related("locations", "skills")

    def matching(self, text: str):
        """Postings whose text matches every word of `text`.

        PostgreSQL: English full-text search (stemmed, so "engineers" finds
        "engineer") or substring matches, which serve Chinese text with no
        spaces between words; both are served by indexes. Elsewhere:
        substring matches only. `%` and `_` are literal.
        """
        terms = search_terms(text)
        if not terms:
            return self
        substring = Q()
        for term in terms:
            substring &= Q(search_text__icontains=term)
        if connection.vendor != "postgresql":
            return self.filter(substring)
        query = SearchQuery(" ".join(terms), config="english", search_type="websearch")
        return self.filter(Q(SearchVectorExact(PostingDocument(), query)) | substring)

    def ranked_for(self, text: str):
        """Best matches first (PostgreSQL ranks by full-text relevance)."""
        terms = search_terms(text)
        if not terms or connection.vendor != "postgresql":
            return self
        query = SearchQuery(" ".join(terms), config="english", search_type="websearch")
        return self.annotate(rank=SearchRank(PostingDocument(), query)).order_by("-rank", "-published_at", "-id")

    def count_by(self, field: str) -> dict:
        """{value of field: number of postings}, in one query."""
        rows = self.order_by().values_list(field).annotate(n=Count("id", distinct=True))
        return {value: n for value, n in rows if value is not None}

    def figures(self) -> dict:
        """Live figures: roles, openings, AI roles and their share, units hiring."""
        figures = self.aggregate(
            roles=Count("id"),
            openings=Sum("headcount", default=0),
            ai_roles=Count("id", filter=Q(category__is_ai=True)),
            units=Count("unit", distinct=True),
        )
        figures["ai_share"] = round(100 * figures["ai_roles"] / figures["roles"]) if figures["roles"] else 0
        return figures


_UNSAFE_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def clean_search_text(text: str) -> str:
    """The search text without control characters, direction marks or lone
    surrogates (which databases refuse), spaces folded."""
    return " ".join(_UNSAFE_CHARS.sub("", text).split())
