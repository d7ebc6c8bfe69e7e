"""Reads of the catalogue: who sees which postings, and the board's search."""

import operator
import re
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorExact
from django.db import connection, models
from django.db.models import Count, F, Q, Sum, TextField, Value
from django.db.models.functions import Cast
from django.db.models.lookups import Contains
from django.utils import timezone

# The search text is at most this many words; more only slows the query.
MAX_TERMS = 8


def posting_document():
    """The stored full-text vector (PostgreSQL keeps it up to date with a trigger)."""
    return F("search_document")


def search_terms(text: str) -> list[str]:
    return text.split()[:MAX_TERMS]


_WORD = re.compile(r"[A-Za-z0-9]{3,}")


def _is_word(term: str) -> bool:
    return bool(_WORD.fullmatch(term))


def _word_query(words: list[str]) -> SearchQuery:
    # Words are letters and digits only, so they are safe in tsquery syntax.
    return SearchQuery(" & ".join(f"{word}:*" for word in words), config="english", search_type="raw")


def _substrings(terms: list[str]) -> Q:
    condition = Q()
    for term in terms:
        condition &= Q(search_text__icontains=term)
    return condition


def accepting_degrees(levels) -> Q:
    """Postings whose accepted degree levels include any of `levels` (an empty list matches none).

    A JSON containment where the database has it (PostgreSQL); elsewhere the
    level's quoted name in the stored JSON list, which holds only the
    DegreeLevel values (Posting.clean).
    """
    if not levels:
        return Q(pk__in=[])
    if connection.features.supports_json_field_contains:
        conditions = [Q(degree_levels__contains=[level]) for level in levels]
    else:
        text = Cast("degree_levels", TextField())
        conditions = [Q(Contains(text, Value(f'"{level}"'))) for level in levels]
    return reduce(operator.or_, conditions)


def open_to_condition(*, graduation_date, degree_level) -> Q:
    """The profile-dependent part of PostingQuerySet.open_to, for filters and counts alike."""
    if graduation_date is None or not degree_level:
        return Q(pk__in=[])
    return Q(
        program__graduation_start__lte=graduation_date, program__graduation_end__gte=graduation_date
    ) & accepting_degrees([degree_level])


class ProgramQuerySet(models.QuerySet):
    def taking_applications(self, now=None):
        """Programs whose application period includes `now`."""
        now = now or timezone.now()
        return self.filter(applications_open__lte=now, applications_close__gte=now)


class PostingQuerySet(models.QuerySet):
    def public(self, now=None):
        """Published postings (from their publishing time on) of programs taking applications, not past
        their closing date."""
        now = now or timezone.now()
        return self.filter(
            Q(closes_at__isnull=True) | Q(closes_at__gte=now),
            status="published",
            published_at__lte=now,
            program__applications_open__lte=now,
            program__applications_close__gte=now,
        )

    def accepting_degrees(self, levels):
        """Postings that accept any of these degree levels."""
        return self.filter(accepting_degrees(levels))

    def open_to(self, *, graduation_date, degree_level, now=None):
        """Public postings a candidate with this graduation date and degree level may apply to.

        The posting-dependent rules of applicants.eligibility.may_apply as
        one query: published and taking applications,
        the graduation date inside the program's window (both days
        included), the degree level accepted. The rules that depend on the
        candidate's applications (already applied, the cap) stay there.
        tests/postings/test_board.py checks that the two agree.
        """
        return self.public(now).filter(open_to_condition(graduation_date=graduation_date, degree_level=degree_level))

    def once_public(self, now=None):
        """Postings a visitor may have seen: published or closed since, after their program opened.

        Drafts and roles of a program not yet open are not among them: their
        ids answer the plain 404 everywhere, so none is confirmed.
        """
        now = now or timezone.now()
        return self.exclude(status="draft").filter(published_at__lte=now, program__applications_open__lte=now)

    def for_cards(self):
        """What a posting card shows, in a fixed number of queries."""
        return (
            self.select_related("unit", "category", "program")
            .prefetch_related("locations", "skills")
            .defer("search_text", "search_document")
        )

    def matching(self, text: str):
        """Postings whose text matches every word of `text`.

        PostgreSQL: plain words (letters and digits, three or more) by
        English full-text search from the stored vector, as prefixes and
        stemmed, so "engin" and "engineering" find "Engineers"; other words
        ("C++", "50_000", Chinese text, which has no spaces between words) as
        substrings, served by the trigram index. Elsewhere: every word as a
        substring. `%` and `_` are literal.
        """
        terms = search_terms(text)
        if not terms:
            return self
        if connection.vendor != "postgresql":
            return self.filter(_substrings(terms))
        words = [term for term in terms if _is_word(term)]
        condition = _substrings([term for term in terms if not _is_word(term)])
        if words:
            condition &= Q(SearchVectorExact(posting_document(), _word_query(words)))
        return self.filter(condition)

    def ranked_for(self, text: str):
        """Best matches first (PostgreSQL ranks plain words by full-text relevance)."""
        words = [term for term in search_terms(text) if _is_word(term)]
        if not words or connection.vendor != "postgresql":
            return self
        rank = SearchRank(posting_document(), _word_query(words))
        return self.annotate(rank=rank).order_by("-rank", "-published_at", "-id")

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
