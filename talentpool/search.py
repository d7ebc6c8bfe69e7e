"""The pool's keyword search and filters, as the recruiter's pool page uses them.

What is searched: the pool profile (name, school, major, degree, skills, preferred role categories and cities, in
both languages) and the resume's text. `entry_search_text` builds an entry's `search_text` from the profile, with
the Chinese words of the profile and the resume segmented as the board segments a posting's
(postings.segmentation.index_words); `entry_refresh` stores it (services.py), and on PostgreSQL a trigger (migration
*_pool_search) keeps `search_document`, the English full-text vector of `search_text` and `resume_text`, with a GIN
index. A query is cut into terms and words by the board's own rules (postings.queries.search_terms).

PostgreSQL: the whole query is one tsquery over the stored vector, served by its index whatever the pool's size,
ranked by ts_rank: English words of three letters or more as stemmed prefixes ("engin" finds "engineering"),
shorter ones ("Go", "AI") as whole words, Chinese words as the lexemes the segmented text holds; a Chinese term is
found by all of its words, or by itself when the text holds it as one word. Unlike the board, Chinese is not also
matched as a substring: over a hundred thousand resumes that scan would cost seconds, and the words are found
because both sides are segmented alike. Terms that are not words ("C++", "Node.js") are matched as substrings.
Elsewhere (SQLite): every term as a substring of the stored text or the resume, a Chinese term by its words;
newest in the pool first.

The stored text follows the entry's refreshes (every event of availability.py, a new resume, a change of the
profile's skills); a profile edit that changes only the school, major, name or preferences reaches it at the next
refresh. The filters read the profile itself, so they are always current.

Bulk loaders that write entries without `entry_refresh` (seed_volume) fill `search_text` with `entry_search_text`;
the trigger builds the vector on insert.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorExact
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q
from django.utils import translation

from applicants.models import CandidateProfile
from postings import segmentation
from postings.models import DegreeLevel
from postings.queries import search_terms

from .models import STAGES, PoolEntry, Turndown, stage_rank

# Results on a page of the pool search.
PAGE_SIZE = 25
# Results a search lists at most (20 pages): beyond them, the page asks for more words or filters.
RESULTS_CAP = 500
# How many of the most recent entries the keyword search first looks among, widening (_newest).
NEWEST_STEPS = (2_000, 10_000, 50_000)

_PREFIX_WORD = re.compile(r"[A-Za-z0-9]{3,}")
_SHORT_WORD = re.compile(r"[A-Za-z0-9]{1,2}")
_CHINESE_WORD = re.compile(r"[^\W_]+")


# --- The stored text -------------------------------------------------------------------------


def entry_search_text(
    *,
    name: str = "",
    school: str = "",
    major: str = "",
    degree_level: str = "",
    names: list[tuple[str, str]] = (),
    resume_text: str = "",
) -> str:
    """The text the pool search reads besides the resume: the profile's words, each catalogue name (skills,
    categories, cities) in English and Chinese, then on a last line the Chinese words of the profile and of the
    resume, segmented (what PostgreSQL's parser cannot find in unspaced Chinese)."""
    labels = []
    if degree_level in DegreeLevel.values:
        for language in ("en", "zh-hans"):
            with translation.override(language):
                labels.append(str(DegreeLevel(degree_level).label))
    catalogue = sorted({name for pair in names for name in pair if name})
    parts = [part for part in (name, school, major, " ".join(dict.fromkeys(labels)), " ".join(catalogue)) if part]
    text = "\n".join(parts)
    chinese = "\n".join(part for part in (*parts, resume_text) if segmentation.has_chinese(part))
    words = segmentation.index_words(chinese) if chinese else ""
    return f"{text}\n{words}" if words else text


def entry_search_refresh(entry: PoolEntry, *, keep: bool) -> None:
    """Store the entry's search text from its profile and its resume text (services.entry_refresh calls it once
    the entry's skills are set); with `keep` false (no consent, expired, left) the search text is erased, as the
    resume text is."""
    if not keep:
        text = ""
    else:
        profile = (
            CandidateProfile.objects.filter(user_id=entry.candidate_id)
            .values("pk", "school", "major", "degree_level", "user__name")
            .first()
        ) or {"pk": None, "school": "", "major": "", "degree_level": "", "user__name": ""}
        names = list(entry.skills.values_list("name_en", "name_zh_hans"))
        if profile["pk"]:
            through = CandidateProfile.preferred_categories.through
            names += through.objects.filter(candidateprofile_id=profile["pk"]).values_list(
                "rolecategory__name_en", "rolecategory__name_zh_hans"
            )
            through = CandidateProfile.preferred_locations.through
            names += through.objects.filter(candidateprofile_id=profile["pk"]).values_list(
                "location__name_en", "location__name_zh_hans"
            )
        text = entry_search_text(
            name=profile["user__name"] or "",
            school=profile["school"] or "",
            major=profile["major"] or "",
            degree_level=profile["degree_level"] or "",
            names=names,
            resume_text=entry.resume_text,
        )
    if text != entry.search_text:
        entry.search_text = text
        PoolEntry.objects.filter(pk=entry.pk).update(search_text=text)


# --- Keyword search ------------------------------------------------------------------------------


def _substring(text: str) -> Q:
    return Q(search_text__icontains=text) | Q(resume_text__icontains=text)


@dataclass
class _Query:
    """A search as one tsquery's operands (PostgreSQL) and the substring conditions beside it."""

    operands: list[str] = field(default_factory=list)
    substrings: list[str] = field(default_factory=list)

    def tsquery(self) -> SearchQuery | None:
        if not self.operands:
            return None
        return SearchQuery(" & ".join(self.operands), config="english", search_type="raw")


def _operand(word: str) -> str | None:
    """A word as a tsquery operand, or None when it is not one (punctuation inside, like "C++")."""
    if _PREFIX_WORD.fullmatch(word):
        return f"{word}:*"
    if _SHORT_WORD.fullmatch(word) or (segmentation.has_chinese(word) and _CHINESE_WORD.fullmatch(word)):
        return word
    return None


def _postgres_query(text: str) -> _Query:
    query = _Query()
    for term in search_terms(text):
        if not term.segmented:
            if operand := _operand(term.text):
                query.operands.append(operand)
            else:
                query.substrings.append(term.text)
            continue
        operands = [operand for word in term.words if (operand := _operand(word))]
        if not operands:
            continue
        if len(operands) == 1:
            query.operands.append(operands[0])
            continue
        group = " & ".join(operands)
        # The term as typed, when the text holds it as one word (search mode indexes long words whole).
        whole = _operand(term.text) if segmentation.has_chinese(term.text) else None
        query.operands.append(f"( ( {group} ) | {whole} )" if whole and whole not in operands else f"( {group} )")
    return query


def _fallback_condition(text: str) -> Q:
    condition = Q()
    for term in search_terms(text):
        if term.segmented:
            words = [word for word in term.words if word != term.text]
            by_words = Q()
            for word in words:
                by_words &= _substring(word)
            condition &= (by_words | _substring(term.text)) if words else _substring(term.text)
        else:
            condition &= _substring(term.text)
    return condition


def _keywords(entries, text: str, *, full_text: bool | None = None):
    """The entries matching every term of `text`, unordered, and the tsquery that ranks them (None where there is
    none: SQLite, or no word PostgreSQL indexes)."""
    if not search_terms(text):
        return entries, None
    if full_text is None:
        full_text = connection.vendor == "postgresql"
    if not full_text:
        return entries.filter(_fallback_condition(text)), None
    query = _postgres_query(text)
    for substring in query.substrings:
        entries = entries.filter(_substring(substring))
    tsquery = query.tsquery()
    if tsquery is None:
        return entries, None
    return entries.filter(SearchVectorExact(F("search_document"), tsquery)), tsquery


def _newest(found, limit: int) -> list[int]:
    """The ids of the `limit` matches most recently available, newest first.

    Sorting every match costs a heap read each (a broad word matches a third of the pool); walking the pool in
    date order costs a vector test each (a rare one is found late). So the matches are first looked for among the
    NEWEST_STEPS most recent entries of the pool (the date index and the full-text index together, a bitmap
    "and"), widening until `limit` are found: every entry at least as recent is among them, so the result is
    exact."""
    for step in NEWEST_STEPS:
        since = (
            PoolEntry.objects.filter(status=PoolEntry.Status.AVAILABLE)
            .order_by("-available_since")
            .values_list("available_since", flat=True)[step : step + 1]
            .first()
        )
        if since is None:  # the pool is smaller than this step: the last try reads every match
            break
        ids = _ids_by_date(found.filter(available_since__gte=since), limit)
        if len(ids) == limit:
            return ids
    return _ids_by_date(found, limit)


def _ids_by_date(found, limit: int) -> list[int]:
    # NULLS LAST (no available entry lacks the date) so the planner takes the matches from the indexes and sorts
    # them, rather than walking the whole pool in date order testing each vector.
    ordered = found.order_by(F("available_since").desc(nulls_last=True), "pk")
    return list(ordered.values_list("pk", flat=True)[:limit])


def matching(entries, text: str, *, full_text: bool | None = None):
    """The entries whose pool profile or resume matches every term of `text`, best first (module docstring).
    `full_text`: PostgreSQL's full-text search, by default where the database is PostgreSQL.

    Ranking reads each match's whole vector, which for a broad word over a large pool (a third of a hundred
    thousand resumes name "distributed") costs seconds; so the RESULTS_CAP matches most recently available are
    ranked, best first, and a recruiter narrows the search to see beyond them (the page says so)."""
    found, tsquery = _keywords(entries, text, full_text=full_text)
    if tsquery is None:
        return found.order_by("-available_since", "pk")
    return (
        PoolEntry.objects.filter(pk__in=_newest(found, RESULTS_CAP))
        .annotate(rank=SearchRank(F("search_document"), tsquery))
        .order_by("-rank", "-available_since", "pk")
    )


# --- Filters -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PoolFilters:
    """What the recruiter narrowed the pool to (talentpool.forms.PoolSearchForm cleans it)."""

    q: str = ""
    skills: tuple = ()
    school: str = ""
    degree: str = ""
    graduation_month: dt.date | None = None
    location: object = None
    stage: str = ""
    category: object = None

    @property
    def narrowed(self) -> bool:
        return any((self.q, self.skills, self.school, self.degree, self.graduation_month, self.location, self.stage))


PROFILE = "candidate__candidate_profile"


def stages_from(stage: str) -> list[str]:
    """The stages at least as far as `stage`: a filter on "interview" keeps interviews and offers."""
    return [s.value for s in STAGES if stage_rank(s) >= stage_rank(stage)]


def _narrowed(entries, filters: PoolFilters, *, unit=None):
    """`entries` narrowed by the filters (not the keywords), unordered."""
    for skill in filters.skills:
        entries = entries.filter(
            Exists(PoolEntry.skills.through.objects.filter(poolentry_id=OuterRef("pk"), skill=skill))
        )
    if filters.school:
        entries = entries.filter(**{f"{PROFILE}__school__icontains": filters.school})
    if filters.degree:
        entries = entries.filter(**{f"{PROFILE}__degree_level": filters.degree})
    if filters.graduation_month:
        month = filters.graduation_month
        entries = entries.filter(
            **{f"{PROFILE}__graduation_date__year": month.year, f"{PROFILE}__graduation_date__month": month.month}
        )
    if filters.location is not None:
        through = CandidateProfile.preferred_locations.through
        entries = entries.filter(
            Exists(
                through.objects.filter(candidateprofile__user_id=OuterRef("candidate_id"), location=filters.location)
            )
        )
    if filters.stage:
        entries = entries.filter(highest_stage_reached__in=stages_from(filters.stage))
    if filters.category is not None:
        through = CandidateProfile.preferred_categories.through
        entries = entries.filter(
            Exists(
                through.objects.filter(
                    candidateprofile__user_id=OuterRef("candidate_id"), rolecategory=filters.category
                )
            )
        )
        if unit is not None:
            entries = entries.exclude(
                Exists(Turndown.objects.filter(entry_id=OuterRef("pk"), unit=unit, category=filters.category))
            )
    return entries


def search(entries, filters: PoolFilters, *, unit=None, full_text: bool | None = None):
    """`entries` (a visible_to scope) narrowed by the filters and the keywords, best first (newest in the pool
    first without keywords). With a role category, the entries `unit` turned down for it are left out."""
    entries = _narrowed(entries, filters, unit=unit)
    if filters.q:
        return matching(entries, filters.q, full_text=full_text)
    return entries.order_by("-available_since", "pk")


def more_than_listed(entries, filters: PoolFilters, *, unit=None, full_text: bool | None = None) -> bool:
    """Whether more than RESULTS_CAP entries match: the search lists that many. Counts no further than one past
    the cap, in no order, so it costs little whatever the pool's size."""
    found = _narrowed(entries, filters, unit=unit)
    if filters.q:
        found, _tsquery = _keywords(found, filters.q, full_text=full_text)
    return found.order_by().values("pk")[: RESULTS_CAP + 1].count() > RESULTS_CAP


def for_results(entries):
    """What a result shows (name, school, degree, graduation, skills, stage reached), in a fixed number of
    queries; the long texts left in the database."""
    return (
        entries.select_related("candidate", "candidate__candidate_profile")
        .defer("resume_text", "search_text", "search_document", "unavailable_reasons")
        .prefetch_related("skills")
    )


def results_page(entries, number):
    """The page `number` of the first RESULTS_CAP `entries` (PAGE_SIZE a page, the nearest page when it cannot be
    read), its entries loaded for_results, in order. The ids first, from the entries' table alone: joining every
    match to its candidate and profile before keeping 25 would cost more than both (a broad word matches most of
    the pool)."""
    page = Paginator(entries.values_list("pk", flat=True)[:RESULTS_CAP], PAGE_SIZE).get_page(number)
    ids = list(page.object_list)
    loaded = {entry.pk: entry for entry in for_results(PoolEntry.objects.filter(pk__in=ids))}
    page.object_list = [loaded[pk] for pk in ids if pk in loaded]
    return page
