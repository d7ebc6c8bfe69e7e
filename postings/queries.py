"""Reads of the catalogue: who sees which postings, and the board's search."""

import operator
import re
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorExact
from django.db import connection, models
from django.db.models import Count, F, Q, Sum, TextField, Value
from django.db.models.functions import Cast
from django.db.models.lookups import Contains
from django.utils import timezone

from . import segmentation

# A search uses at most this many words; more only slows the query.
MAX_TERMS = 8


def posting_document():
    """The stored full-text vector (PostgreSQL keeps it up to date with a trigger)."""
    return F("search_document")


@dataclass(frozen=True)
class SearchTerm:
    """What was typed between two spaces, and the words it is searched by.

    A term with Chinese characters or punctuation is cut into words
    (postings.segmentation.query_words: '大模型杭州' -> 大模型, 杭州;
    punctuation dropped); any other term is one word, as typed ("C++",
    "50_000", "engineers").
    """

    text: str
    words: tuple[str, ...]
    segmented: bool = False


def search_terms(text: str) -> list[SearchTerm]:
    """The terms of a search, with MAX_TERMS words in all; a term of punctuation only is left out."""
    terms = []
    budget = MAX_TERMS
    for typed in text.split():
        if budget <= 0:
            break
        if segmentation.needs_segmenting(typed):
            words = tuple(segmentation.query_words(typed)[:budget])
            if words:
                terms.append(SearchTerm(typed, words, segmented=True))
        else:
            words = (typed,)
            terms.append(SearchTerm(typed, words))
        budget -= len(words)
    return terms


_WORD = re.compile(r"[A-Za-z0-9]{3,}")


def _is_word(term: str) -> bool:
    return bool(_WORD.fullmatch(term))


def _tsquery(prefixes: list[str] = (), lexemes: list[str] = ()) -> SearchQuery:
    """English words as prefixes (stemmed: "engin" and "engineering" find "engineers"), Chinese words whole.

    Both are letters and digits only (_is_word, segmentation), so they are
    safe in tsquery syntax. A Chinese word is a lexeme of the stored vector
    when the posting's Chinese text has it (search_text_for indexes its
    words with spaces between them); the english configuration keeps it as
    it is, in the query as in the vector.
    """
    operands = [f"{word}:*" for word in prefixes] + list(lexemes)
    return SearchQuery(" & ".join(operands), config="english", search_type="raw")


def _word_query(words: list[str]) -> SearchQuery:
    return _tsquery(prefixes=words)


def _in_document(query: SearchQuery) -> Q:
    return Q(SearchVectorExact(posting_document(), query))


def _substring(term: str) -> Q:
    return Q(search_text__icontains=term)


def _chinese_substring(text: str) -> Q:
    """A substring of a Chinese term or word.

    From three characters on, the trigram index on UPPER(search_text) can
    find it (with the vector's index, in one bitmap scan). Shorter (most
    Chinese words have two characters) no trigram serves it: the rows are
    scanned, and when nothing in it has case (Chinese has none) the stored
    text is compared as it is, without upper-casing each row's text first,
    which halves the time of that scan.
    """
    if len(text) < 3 and text.lower() == text.upper():
        return Q(search_text__contains=text)
    return _substring(text)


def _substrings(terms: list[str]) -> Q:
    condition = Q()
    for term in terms:
        condition &= _substring(term)
    return condition


def _segmented_term(term: SearchTerm, *, postgres: bool) -> Q:
    """A term with Chinese: found by every one of its words, or as typed (a substring).

    PostgreSQL: a Chinese word as a word of the vector, or, two characters
    or more, as a substring (segmentation may cut the posting's text
    otherwise: 云计算 in 阿里云计算); a single character only as a word (大 of
    an unknown 大X模型 would match nearly every Chinese text); English words
    as prefixes; anything else as a substring. The vector is asked first:
    a posting it finds is not scanned for substrings. Elsewhere every word
    as a substring.
    """
    if not postgres:
        by_words = _substrings([word for word in term.words if word != term.text])
        return by_words | _substring(term.text) if by_words else _substring(term.text)
    english = [word for word in term.words if _is_word(word)]
    by_words = _in_document(_word_query(english)) if english else Q()
    for word in term.words:
        if _is_word(word):
            continue
        if not segmentation.has_chinese(word):
            by_words &= _substring(word)
            continue
        condition = _in_document(_tsquery(lexemes=[word]))
        if len(word) > 1 and word != term.text:
            condition |= _chinese_substring(word)
        by_words &= condition
    return by_words | _chinese_substring(term.text)


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
        return self.exclude(status__in=["draft", "submitted"]).filter(
            published_at__lte=now, program__applications_open__lte=now
        )

    def for_cards(self):
        """What a posting card shows, in a fixed number of queries."""
        return (
            self.select_related("unit", "category", "program")
            .prefetch_related("locations", "skills")
            .defer("search_text", "search_document")
        )

    def matching(self, text: str):
        """Postings whose text matches every term of `text`.

        PostgreSQL: plain words (letters and digits, three or more) by
        English full-text search from the stored vector, as prefixes and
        stemmed, so "engin" and "engineering" find "Engineers"; terms with
        Chinese as typed (substring) or by their words (_segmented_term), so
        算法 and 大模型杭州 find their words in either language's text;
        other terms ("C++", "50_000") as substrings, served by the trigram
        index. Elsewhere: every term as a substring, or a Chinese term by
        its words as substrings. `%` and `_` are literal.
        """
        terms = search_terms(text)
        if not terms:
            return self
        postgres = connection.vendor == "postgresql"
        plain = [term.text for term in terms if not term.segmented]
        words = [word for word in plain if _is_word(word)] if postgres else []
        condition = _substrings([word for word in plain if word not in words])
        if words:
            condition &= _in_document(_word_query(words))
        for term in terms:
            if term.segmented:
                condition &= _segmented_term(term, postgres=postgres)
        return self.filter(condition)

    def ranked_for(self, text: str):
        """Best matches first (PostgreSQL ranks by full-text relevance of the English and Chinese words)."""
        if connection.vendor != "postgresql":
            return self
        terms = search_terms(text)
        english = [word for term in terms for word in term.words if _is_word(word)]
        chinese = [word for term in terms if term.segmented for word in term.words if segmentation.has_chinese(word)]
        if not english and not chinese:
            return self
        rank = SearchRank(posting_document(), _tsquery(prefixes=english, lexemes=chinese))
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
