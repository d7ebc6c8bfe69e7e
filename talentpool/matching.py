"""Which pool candidates to suggest for an open posting, best first, and why, in words a recruiter reads.

The score is a sum of the WEIGHTS below, computed in the database, never in a Python loop over candidates: on
PostgreSQL by one or two queries over the match profiles (`_fast_rows`, match_profiles.py), elsewhere by one ORM
query (`_ranking`); the two give the same entries, scores and reasons. Each part
of the score that counts for a candidate becomes a reason, kept as data (`Suggestion.reasons`) and rendered by
`reasons_in_words` in the reader's language.

How the weights were chosen: a recruiter reads the role first (the category the candidate wants and the skills
they share with the posting: together up to about 8 points), then the evidence that another unit rated them
(an interview or an offer: 2 to 2.5), then fit with the posting's practicalities (city, degree, major, graduation:
2.25 together), and breaks ties by recency. A candidate who wants another kind of role and shares one skill must
not outrank one who wants this role and shares two, however many practicalities the first one ticks. The values
were set on the hand-built pools of tests/talentpool/test_matching.py (orders a recruiter would agree with) and
checked on the 50-candidate pool of tests/talentpool/test_quality.py (each best match in the top 3; precision at 5
reported there). That check lowered the city and the major from 1 to 0.75 and 0.5: with 1 each, candidates who
want other roles but tick every practicality outranked good matches (precision at 5 was 0.88; 1.0 after).

Who is never suggested for a posting:
- entries not available (availability.py: no consent, no resume, an application under way, hired, turned down
  with a reason that rules out other units, expired, left);
- candidates who already applied to the posting;
- candidates the posting's unit turned down for the posting's role category (whatever the rejection's reason);
- candidates the posting would refuse (applicants/eligibility.py): a degree level it does not accept, or a
  graduation date outside its program's window, when the profile gives them;
- candidates with nothing in common with the role: neither its category preferred nor one of its skills.
"""

import datetime as dt
from collections import defaultdict
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from applicants.models import Application, CandidateProfile
from postings.models import DegreeLevel, Posting
from recruit.wording import join_words

from . import match_profiles
from .models import PoolEntry, Suggestion, Turndown

S = Application.Status

WEIGHTS = {
    # The candidate prefers the posting's role category: they said this is the work they want.
    "category": 3.0,
    # Times the share of the posting's skills the candidate has (profile or resume): 4 of 6 skills gives 2.67.
    # The largest part, as a recruiter reads the skills first.
    "skills_share": 4.0,
    # Per shared skill, on top of the share: of two candidates with every skill, the one matching a posting that
    # asks for six beats one that asks for two only by this.
    "skills_each": 0.25,
    # One of the posting's cities is among the candidate's preferred locations (candidates often list several).
    "location": 0.75,
    # The candidate's degree level is among those the posting accepts (a level it does not accept is excluded).
    "degree": 0.5,
    # The major names the posting's field (a technical major for an AI role, or one of its skills): modest, as
    # majors are written freely.
    "major": 0.5,
    # Graduation inside the program's window (outside it is excluded; an unknown date earns nothing).
    "graduation": 0.5,
    # The furthest stage the candidate reached in any application: a unit judged them worth an assessment, an
    # interview (a strong signal), an offer (stronger). Below a preferred category: another unit's judgement was
    # of another role, so an offer elsewhere with one shared skill must not outrank the category and three skills.
    "stage_assessment": 0.75,
    "stage_interview": 2.0,
    "stage_offer": 2.5,
    # The stage counts this much (a share of the above) when it was reached at the posting's own unit, for
    # another role category: the unit knows them already.
    "stage_same_unit": 0.5,
    # Available for RECENT_DAYS or less: a recent turndown is still looking.
    "recent": 0.5,
    # A resume uploaded within RESUME_DAYS: the recruiter reads a current one.
    "resume": 0.25,
}
RECENT_DAYS = 30
RESUME_DAYS = 180

# Words of a major that says "technical" for an AI role (lower case; English and Chinese).
TECHNICAL_MAJOR_WORDS = (
    "computer",
    "software",
    "artificial intelligence",
    "machine learning",
    "data",
    "electronic",
    "electrical",
    "automation",
    "mathemat",
    "statistic",
    "information",
    "计算机",
    "软件",
    "人工智能",
    "机器学习",
    "数据",
    "电子",
    "自动化",
    "数学",
    "统计",
    "信息",
)
# Skill names shorter than this are not looked for in a major ("Go", "C").
MAJOR_SKILL_MIN_LENGTH = 4

# How many suggestions a posting keeps (suggestions_refresh).
SUGGESTIONS_PER_POSTING = 50

PROFILE = "candidate__candidate_profile"
LANGUAGES = ("en", "zh-hans")


def _names(obj) -> dict[str, str]:
    """An object's name in both languages (modeltranslation columns), for reasons rendered in either."""
    english = obj.name_en or obj.name
    return {"en": english, "zh-hans": obj.name_zh_hans or english}


def load_postings(postings):
    """The postings with what ranking reads of them, in three queries whatever their number."""
    ids = [getattr(posting, "pk", posting) for posting in postings]
    return list(
        Posting.objects.filter(pk__in=ids)
        .select_related("program", "unit", "category")
        .prefetch_related("skills", "locations")
        .order_by("pk")
    )


def _major_condition(posting, skills) -> Q:
    words = list(TECHNICAL_MAJOR_WORDS) if posting.category.is_ai else []
    for skill in skills:
        words += [name for name in _names(skill).values() if len(name) >= MAJOR_SKILL_MIN_LENGTH]
    condition = Q(pk__in=[])
    for word in dict.fromkeys(words):
        condition |= Q(**{f"{PROFILE}__major__icontains": word})
    return condition


def _graduation_in_window(program) -> Q:
    # The window of applicants.eligibility.graduation_reasons: both ends included (tests compare the two).
    return Q(**{f"{PROFILE}__graduation_date__gte": program.graduation_start}) & Q(
        **{f"{PROFILE}__graduation_date__lte": program.graduation_end}
    )


def _ranking(posting, *, now: dt.datetime):
    """The ranking query of a loaded posting: available entries, the exclusions, every part of the score."""
    skills = list(posting.skills.all())
    skill_ids = [skill.pk for skill in skills]
    location_ids = [location.pk for location in posting.locations.all()]
    program = posting.program
    EntrySkill = PoolEntry.skills.through
    PreferredCategory = CandidateProfile.preferred_categories.through
    PreferredLocation = CandidateProfile.preferred_locations.through

    entries = PoolEntry.objects.filter(status=PoolEntry.Status.AVAILABLE, consent_at__isnull=False, expires_at__gt=now)
    # Something in common with the role, as uncorrelated subqueries the database can hash once.
    entries = entries.filter(
        Q(pk__in=EntrySkill.objects.filter(skill_id__in=skill_ids).values("poolentry_id"))
        | Q(
            **{
                f"{PROFILE}__in": PreferredCategory.objects.filter(rolecategory_id=posting.category_id).values(
                    "candidateprofile_id"
                )
            }
        )
    )
    entries = entries.exclude(
        Exists(Application.objects.filter(candidate_id=OuterRef("candidate_id"), posting_id=posting.pk))
    ).exclude(
        Exists(
            Turndown.objects.filter(entry_id=OuterRef("pk"), unit_id=posting.unit_id, category_id=posting.category_id)
        )
    )
    refused_levels = [level for level in DegreeLevel.values if level not in posting.degree_levels]
    if refused_levels:
        entries = entries.exclude(**{f"{PROFILE}__degree_level__in": refused_levels})
    entries = entries.exclude(**{f"{PROFILE}__graduation_date__lt": program.graduation_start}).exclude(
        **{f"{PROFILE}__graduation_date__gt": program.graduation_end}
    )

    shared = Coalesce(
        Subquery(
            EntrySkill.objects.filter(poolentry_id=OuterRef("pk"), skill_id__in=skill_ids)
            .values("poolentry_id")
            .annotate(count=Count("pk"))
            .values("count"),
            output_field=IntegerField(),
        ),
        0,
    )
    entries = entries.annotate(
        profile_id=F(f"{PROFILE}__pk"),
        degree_level=F(f"{PROFILE}__degree_level"),
        major=F(f"{PROFILE}__major"),
        graduation_date=F(f"{PROFILE}__graduation_date"),
        shared_skills=shared,
        prefers_category=Exists(
            PreferredCategory.objects.filter(
                candidateprofile_id=OuterRef("profile_id"), rolecategory_id=posting.category_id
            )
        ),
        preferred_location_id=Subquery(
            PreferredLocation.objects.filter(candidateprofile_id=OuterRef("profile_id"), location_id__in=location_ids)
            .order_by("location_id")
            .values("location_id")[:1]
        ),
        major_matches=Case(
            When(_major_condition(posting, skills), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        graduates_in_window=Case(
            When(_graduation_in_window(program), then=Value(True)), default=Value(False), output_field=BooleanField()
        ),
    )

    def points(condition, weight):
        return Case(When(condition, then=Value(float(weight))), default=Value(0.0), output_field=FloatField())

    elsewhere = ~Q(highest_stage_unit_id=posting.unit_id)
    same = WEIGHTS["stage_same_unit"]
    stage = Case(
        *(
            When(condition, then=Value(float(weight)))
            for stage_name in ("offer", "interview", "assessment")
            for condition, weight in (
                (Q(highest_stage_reached=stage_name) & elsewhere, WEIGHTS[f"stage_{stage_name}"]),
                (Q(highest_stage_reached=stage_name), WEIGHTS[f"stage_{stage_name}"] * same),
            )
        ),
        default=Value(0.0),
        output_field=FloatField(),
    )
    per_skill = (WEIGHTS["skills_share"] / len(skill_ids) if skill_ids else 0.0) + WEIGHTS["skills_each"]
    score = (
        points(Q(prefers_category=True), WEIGHTS["category"])
        + Cast("shared_skills", FloatField()) * Value(per_skill)
        + points(Q(preferred_location_id__isnull=False), WEIGHTS["location"])
        + points(Q(**{f"{PROFILE}__degree_level__in": posting.degree_levels}), WEIGHTS["degree"])
        + points(Q(major_matches=True), WEIGHTS["major"])
        + points(Q(graduates_in_window=True), WEIGHTS["graduation"])
        + stage
        + points(Q(available_since__gte=now - dt.timedelta(days=RECENT_DAYS)), WEIGHTS["recent"])
        + points(Q(resume_uploaded_at__gte=now - dt.timedelta(days=RESUME_DAYS)), WEIGHTS["resume"])
    )
    return (
        entries.annotate(score=score)
        .select_related("candidate")
        .defer("resume_text")
        .order_by("-score", "-available_since", "pk")
    )


def _catalogue(posting) -> tuple[list, list]:
    """The posting's skills and cities (prefetched by load_postings), listed once per posting, not per entry."""
    if not hasattr(posting, "_ranking_catalogue"):
        posting._ranking_catalogue = (list(posting.skills.all()), list(posting.locations.all()))
    return posting._ranking_catalogue


def _reasons(entry, posting, *, shared_ids: list[int], now: dt.datetime) -> list[dict]:
    """The parts of the score that count for this entry, as data (language-neutral: both names are kept)."""
    posting_skills, posting_locations = _catalogue(posting)
    reasons = []
    if entry.prefers_category:
        reasons.append({"code": "category", "slug": posting.category.slug, "name": _names(posting.category)})
    if shared_ids:
        skills = [skill for skill in posting_skills if skill.pk in shared_ids]
        reasons.append(
            {
                "code": "skills",
                "shared": [skill.slug for skill in skills],
                "names": {language: [_names(skill)[language] for skill in skills] for language in LANGUAGES},
                "of": len(posting_skills),
            }
        )
    if entry.highest_stage_reached in (S.ASSESSMENT, S.INTERVIEW, S.OFFER):
        reasons.append(
            {
                "code": "stage",
                "stage": entry.highest_stage_reached,
                "elsewhere": entry.highest_stage_unit_id != posting.unit_id,
            }
        )
    if entry.preferred_location_id:
        location = next(loc for loc in posting_locations if loc.pk == entry.preferred_location_id)
        reasons.append({"code": "location", "slug": location.slug, "name": _names(location)})
    if entry.degree_level and entry.degree_level in posting.degree_levels:
        reasons.append({"code": "degree", "level": entry.degree_level})
    if entry.graduates_in_window:
        reasons.append({"code": "graduation", "date": entry.graduation_date.isoformat()})
    if entry.major_matches:
        reasons.append({"code": "major", "major": entry.major})
    if entry.available_since and entry.available_since >= now - dt.timedelta(days=RECENT_DAYS):
        reasons.append({"code": "recent", "since": entry.available_since.date().isoformat()})
    if entry.resume_uploaded_at and entry.resume_uploaded_at >= now - dt.timedelta(days=RESUME_DAYS):
        reasons.append({"code": "resume", "uploaded": entry.resume_uploaded_at.date().isoformat()})
    return reasons


def _fast_rows(
    posting, *, now: dt.datetime, limit: int, entry_ids=None, preferring_from: str = ""
) -> list[dict] | None:
    """The ranking of `_ranking`, on PostgreSQL, over the match profiles (match_profiles.py): one scan of narrow
    rows, the sets intersected as bits of integers; the same score, the same order. None where it cannot run
    (another database, a catalogue id without a bit)."""
    if not match_profiles.supported():
        return None
    skill_ids = [skill.pk for skill in posting.skills.all()]
    location_ids = [location.pk for location in posting.locations.all()]
    try:
        skill_words = match_profiles.words(skill_ids, match_profiles.SKILL_WORDS)
        (location_word,) = match_profiles.words(location_ids, 1)
        (category_word,) = match_profiles.words([posting.category_id], 1)
    except ValueError:
        return None
    program = posting.program
    per_skill = (WEIGHTS["skills_share"] / len(skill_ids) if skill_ids else 0.0) + WEIGHTS["skills_each"]
    refused = [level for level in DegreeLevel.values if level not in posting.degree_levels]
    word = match_profiles.WORD

    def any_of(column: str) -> str:
        """Whether the column's words share a bit with the posting's skills (false without skills)."""
        tests = [f"(m.{column}_{n} & '{mask}'::bigint) <> 0" for n, mask in enumerate(skill_words) if mask]
        return f"({' OR '.join(tests)})" if tests else "false"

    shared_count = (
        " + ".join(f"((m.skill_bits_{pk // word} >> {pk % word}) & 1)" for pk in sorted(set(skill_ids))) or "0"
    )
    prefers = f"((m.category_bits & '{category_word}'::bigint) <> 0)"
    located = f"((m.location_bits & '{location_word}'::bigint) <> 0)"
    major = any_of("major_skill_bits")
    if posting.category.is_ai:
        major = f"(m.technical_major OR {major})"
    in_window = "(m.graduation_date >= %(window_start)s AND m.graduation_date <= %(window_end)s)"
    elsewhere = "(m.stage_unit_id IS DISTINCT FROM %(unit)s)"
    same = WEIGHTS["stage_same_unit"]
    stage = " ".join(
        f"WHEN m.stage = '{name}' AND {elsewhere} THEN {float(WEIGHTS[f'stage_{name}'])!r}::float8 "
        f"WHEN m.stage = '{name}' THEN {float(WEIGHTS[f'stage_{name}'] * same)!r}::float8"
        for name in ("offer", "interview", "assessment")
    )

    def points(condition: str, weight: str) -> str:
        return f"(CASE WHEN {condition} THEN {float(WEIGHTS[weight])!r}::float8 ELSE 0.0::float8 END)"

    # The terms in _ranking's order, so both add the same floats the same way.
    score = " + ".join(
        [
            points(prefers, "category"),
            f"(({shared_count})::float8 * {per_skill!r}::float8)",
            points(located, "location"),
            points("m.degree_level = ANY(%(accepted)s::text[])", "degree"),
            points(major, "major"),
            points(in_window, "graduation"),
            f"(CASE {stage} ELSE 0.0::float8 END)",
            points("m.available_since >= %(recent)s", "recent"),
            points("m.resume_uploaded_at >= %(resume)s", "resume"),
        ]
    )
    only = "AND m.entry_id = ANY(%(entry_ids)s::bigint[])" if entry_ids is not None else ""
    words = ", ".join(
        [*(f"m.skill_bits_{n} & '{mask}'::bigint" for n, mask in enumerate(skill_words)), "m.location_bits"]
    )

    def ranking_sql(condition: str, source: str = "talentpool_matchprofile") -> str:
        # The cheap test of `condition` first, on every row (OFFSET 0 keeps the planner from merging it with the
        # others, which it would order by their cost, not by how many rows they drop); the rest on those it keeps.
        return f"""
        WITH top AS (
            SELECT m.entry_id, {score} AS score
            FROM (SELECT * FROM {source} m WHERE {condition} OFFSET 0) m
            WHERE m.expires_at > %(now)s
              AND m.candidate_id NOT IN (
                  SELECT a.candidate_id FROM applicants_application a
                  WHERE a.posting_id = %(posting)s AND a.candidate_id IS NOT NULL)
              AND m.entry_id NOT IN (
                  SELECT t.entry_id FROM talentpool_turndown t
                  WHERE t.unit_id = %(unit)s AND t.category_id = %(category_id)s)
              {"AND NOT (m.degree_level = ANY(%(refused)s::text[]))" if refused else ""}
              AND (m.graduation_date IS NULL OR {in_window})
              {only}
            ORDER BY score DESC, m.available_since DESC, m.entry_id
            LIMIT %(limit)s
        )
        SELECT top.entry_id, top.score, {prefers}, {major}, COALESCE({in_window}, false),
               m.degree_level, m.graduation_date, m.major, m.stage, m.stage_unit_id, m.available_since,
               m.resume_uploaded_at, {words}
        FROM top JOIN talentpool_matchprofile m ON m.entry_id = top.entry_id
        ORDER BY top.score DESC, m.available_since DESC, top.entry_id
        """  # noqa: S608 - the values are parameters; what is formatted in is this module's own

    # First the candidates who prefer the posting's category (about a fifth of the pool: the other conditions and
    # the score are computed for them alone): when the last of their best `limit` scores more than anyone without
    # the category could (every other part of the score at its most), they are the answer. Otherwise the whole
    # pool is ranked.
    # The nightly refresh passes a copy of the category's rows (`category_copies`), so this reads a fifth of the
    # table, not all of it.
    preferring = ranking_sql(prefers, preferring_from or "talentpool_matchprofile")
    everyone = ranking_sql(f"({prefers} OR {any_of('skill_bits')})")
    without_category = (
        per_skill * len(set(skill_ids))
        + (WEIGHTS["location"] if location_ids else 0.0)
        + (WEIGHTS["degree"] if posting.degree_levels else 0.0)
        + WEIGHTS["major"]
        + WEIGHTS["graduation"]
        + max(WEIGHTS["stage_assessment"], WEIGHTS["stage_interview"], WEIGHTS["stage_offer"])
        + WEIGHTS["recent"]
        + WEIGHTS["resume"]
    )
    params = {
        "now": now,
        "accepted": list(posting.degree_levels),
        "refused": refused,
        "window_start": program.graduation_start,
        "window_end": program.graduation_end,
        "unit": posting.unit_id,
        "category_id": posting.category_id,
        "posting": posting.pk,
        "recent": now - dt.timedelta(days=RECENT_DAYS),
        "resume": now - dt.timedelta(days=RESUME_DAYS),
        "entry_ids": list(entry_ids) if entry_ids is not None else None,
        "limit": limit,
    }
    columns = ("pk", "score", "prefers_category", "major_matches", "graduates_in_window")
    columns += ("degree_level", "graduation_date", "major")
    columns += ("highest_stage_reached", "highest_stage_unit_id", "available_since", "resume_uploaded_at")
    rows = []
    with connection.cursor() as cursor:
        found = []
        if entry_ids is None:
            cursor.execute(preferring, params)
            found = cursor.fetchall()
        if len(found) < limit or not found[-1][1] > without_category:
            cursor.execute(everyone, params)
            found = cursor.fetchall()
        for row in found:
            result = dict(zip(columns, row[: len(columns)], strict=True))
            *shared_words, locations = row[len(columns) :]
            result["shared_ids"] = match_profiles.ids_of(*shared_words)
            located = [pk for pk in match_profiles.ids_of(locations) if pk in location_ids]
            result["preferred_location_id"] = min(located) if located else None
            rows.append(result)
    return rows


class Ranked:
    """A ranked entry as the nightly refresh keeps it (its id, score and reasons), without loading the entry."""

    def __init__(self, pk: int):
        self.pk = pk


def _fast_rank(
    posting, *, now: dt.datetime, limit: int, entry_ids=None, load=True, preferring_from=""
) -> list[PoolEntry] | None:
    rows = _fast_rows(posting, now=now, limit=limit, entry_ids=entry_ids, preferring_from=preferring_from)
    if rows is None:
        return None
    if load:
        loaded = {
            entry.pk: entry
            for entry in PoolEntry.objects.filter(pk__in=[row["pk"] for row in rows])
            .select_related("candidate")
            .defer("resume_text", "search_text", "search_document")
        }
    entries = []
    for row in rows:
        pk = row.pop("pk")
        # Without `load`, a stand-in with what the reasons and the stored suggestion read.
        entry = loaded.get(pk) if load else Ranked(pk)
        if entry is None:  # gone since the ranking read it
            continue
        shared = row.pop("shared_ids")
        for name, value in row.items():
            setattr(entry, name, value)
        entry.shared_skills = len(shared)
        entry.score = round(entry.score, 4)
        entry.reasons = _reasons(entry, posting, shared_ids=shared, now=now)
        entries.append(entry)
    return entries


def rank(
    posting,
    *,
    limit: int = SUGGESTIONS_PER_POSTING,
    now: dt.datetime | None = None,
    entry_ids=None,
    fast=True,
    load=True,
    preferring_from="",
) -> list[PoolEntry]:
    """top_suggestions of a posting loaded by `load_postings`: a fixed number of queries. `entry_ids` ranks only
    those entries (an invitation's reasons for a candidate found by search). On PostgreSQL the ranking scans the
    match profiles (`_fast_rows`); elsewhere, or with `fast` false, it is `_ranking`'s ORM query (the two agree:
    tests/talentpool/test_matching.py). Without `load` the fast ranking's entries are unsaved stand-ins that
    carry only what a suggestion keeps (the nightly refresh reads no more)."""
    now = now or timezone.now()
    if fast:
        entries = _fast_rank(
            posting, now=now, limit=limit, entry_ids=entry_ids, load=load, preferring_from=preferring_from
        )
        if entries is not None:
            return entries
    ranking = _ranking(posting, now=now)
    if entry_ids is not None:
        ranking = ranking.filter(pk__in=entry_ids)
    entries = list(ranking[:limit])
    shared = defaultdict(list)
    skill_ids = [skill.pk for skill in posting.skills.all()]
    if entries and skill_ids:
        rows = PoolEntry.skills.through.objects.filter(
            poolentry_id__in=[entry.pk for entry in entries], skill_id__in=skill_ids
        ).values_list("poolentry_id", "skill_id")
        for entry_id, skill_id in rows:
            shared[entry_id].append(skill_id)
    for entry in entries:
        entry.score = round(entry.score, 4)
        entry.reasons = _reasons(entry, posting, shared_ids=shared[entry.pk], now=now)
    return entries


def top_suggestions(posting, *, limit: int = 50, now: dt.datetime | None = None, fast=True) -> list[PoolEntry]:
    """The pool entries to suggest for `posting`, best first: each with `score` and `reasons` (data, for
    `reasons_in_words`). A fixed number of queries whatever the size of the pool."""
    (loaded,) = load_postings([posting])
    return rank(loaded, limit=limit, now=now, fast=fast)


# --- Reasons in words ----------------------------------------------------------------------


STAGE_WORDS = {
    (S.ASSESSMENT, True): lambda: _("reached the assessment at another unit"),
    (S.INTERVIEW, True): lambda: _("reached interview at another unit"),
    (S.OFFER, True): lambda: _("received an offer at another unit"),
    (S.ASSESSMENT, False): lambda: _("reached the assessment in this unit"),
    (S.INTERVIEW, False): lambda: _("reached interview in this unit"),
    (S.OFFER, False): lambda: _("received an offer in this unit"),
}


def _name(names: dict, language: str) -> str:
    return names.get(language) or names.get("en") or ""


def _phrases(reasons: list[dict], language: str) -> list[str]:
    by_code = {reason.get("code"): reason for reason in reasons}
    phrases = []
    if reason := by_code.get("category"):
        phrases.append(_("%(category)s preferred") % {"category": _name(reason["name"], language)})
    if reason := by_code.get("skills"):
        names = reason.get("names", {}).get(language) or reason.get("names", {}).get("en") or reason["shared"]
        phrases.append(
            _("%(count)d of %(total)d skills: %(skills)s")
            % {"count": len(reason["shared"]), "total": reason["of"], "skills": join_words(names)}
        )
    if (reason := by_code.get("stage")) and (words := STAGE_WORDS.get((reason["stage"], reason["elsewhere"]))):
        phrases.append(words())
    if reason := by_code.get("location"):
        phrases.append(_name(reason["name"], language))
    degree, graduation = by_code.get("degree"), by_code.get("graduation")
    level = str(DegreeLevel(degree["level"]).label) if degree and degree["level"] in DegreeLevel.values else ""
    month = date_format(dt.date.fromisoformat(graduation["date"]), "YEAR_MONTH_FORMAT") if graduation else ""
    if level and month:
        phrases.append(_("%(degree)s, graduating %(month)s") % {"degree": level, "month": month})
    elif level:
        phrases.append(level)
    elif month:
        phrases.append(_("graduating %(month)s") % {"month": month})
    if reason := by_code.get("major"):
        phrases.append(_("majoring in %(major)s") % {"major": reason["major"]})
    if reason := by_code.get("recent"):
        since = date_format(dt.date.fromisoformat(reason["since"]), "DATE_FORMAT")
        phrases.append(_("in the pool since %(date)s") % {"date": since})
    if reason := by_code.get("resume"):
        uploaded = date_format(dt.date.fromisoformat(reason["uploaded"]), "DATE_FORMAT")
        phrases.append(_("resume updated %(date)s") % {"date": uploaded})
    return phrases


def reasons_in_words(reasons: list[dict], language: str) -> str:
    """The reasons of a suggestion as one sentence in `language` ("en" or "zh-hans"): "AI Infrastructure
    Engineer preferred; 4 of 6 skills: CUDA, Kubernetes, Go, Python; reached interview at another unit;
    Hangzhou; ...". Unknown codes are skipped, so older rows still read."""
    with translation.override(language):
        separator = pgettext("between the reasons a candidate is suggested", "; ")
        return separator.join(_phrases(reasons, language))


# --- Suggestions kept ------------------------------------------------------------------------


def suggestions_refresh(postings, *, now: dt.datetime | None = None) -> dict[int, int]:
    """Bring the suggestions of a batch of postings up to date: {posting id: NEW suggestions created}.

    Idempotent: running it twice changes nothing the second time. Each posting keeps its top
    SUGGESTIONS_PER_POSTING: new ones created, scores and reasons updated, dismissed and invited ones kept in their
    state, new ones that no longer rank (the candidate became unavailable, applied, was turned down) deleted.
    Postings no longer open lose their new suggestions. First each posting is ranked (one or two queries each);
    then the whole batch's changes are written in one transaction, its postings' rows locked (so two runs of one
    batch do not collide), in a few bulk statements: the triggers that keep the units' pipeline versions fire a
    few times a batch, not once a posting.
    """
    now = now or timezone.now()
    postgres = connection.vendor == "postgresql"
    loaded = load_postings(postings)
    accepting = [posting for posting in loaded if posting.is_accepting(now)]
    ranked = {}
    with category_copies({posting.category_id for posting in accepting}) as copies, transaction.atomic():
        if postgres:
            # The refresh runs in as many processes as there are cores: a query's own parallel workers would only
            # take cores from the others.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        for posting in accepting:
            ranked[posting.pk] = rank(
                posting, now=now, load=False, preferring_from=copies.get(posting.category_id, "")
            )
    with transaction.atomic():
        if postgres:
            # Running the refresh again repairs anything a crash loses: no need to wait for the disk at commit.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
        list(
            Posting.objects.select_for_update()
            .filter(pk__in=[posting.pk for posting in loaded])
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        return _store(loaded, ranked)


@contextmanager
def category_copies(category_ids):
    """For a batch of postings on PostgreSQL: a temporary copy of the match profiles of the candidates who prefer
    each of these categories ({category id: table}), dropped at the end. The batch's postings of one category then
    rank its candidates from a fifth of the pool instead of scanning all of it, each time (_fast_rows). The copy is
    the pool as the batch started: an entry that stops being available meanwhile loses its new suggestions with the
    event, and pages show only available entries."""
    tables = {}
    if not match_profiles.supported():
        yield tables
        return
    try:
        with connection.cursor() as cursor:
            for category_id in sorted(category_ids):
                try:
                    (mask,) = match_profiles.words([category_id], 1)
                except ValueError:
                    continue
                table = f"pool_rank_category_{int(category_id)}"
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
                cursor.execute(
                    f"CREATE TEMPORARY TABLE {table} AS SELECT * FROM talentpool_matchprofile "  # noqa: S608
                    f"WHERE (category_bits & '{mask}'::bigint) <> 0"
                )
                tables[category_id] = table
        yield tables
    finally:
        with connection.cursor() as cursor:
            for table in tables.values():
                cursor.execute(f"DROP TABLE IF EXISTS {table}")


def _store(postings, ranked: dict) -> dict[int, int]:
    """Write each posting's ranked entries (`ranked`: {posting id: entries}, none for a posting not open) as its
    suggestions: the kept ones read as plain rows, the changes in a few bulk statements. {posting id: created}."""
    existing = {}
    for pk, posting_id, entry_id, score, reasons, state in Suggestion.objects.filter(
        posting__in=[posting.pk for posting in postings]
    ).values_list("pk", "posting_id", "entry_id", "score", "reasons", "state"):
        existing[posting_id, entry_id] = (pk, score, reasons, state)
    wanted = {(posting.pk, entry.pk): entry for posting in postings for entry in ranked.get(posting.pk, [])}
    new = [
        Suggestion(entry_id=entry_id, posting_id=posting_id, score=entry.score, reasons=entry.reasons)
        for (posting_id, entry_id), entry in wanted.items()
        if (posting_id, entry_id) not in existing
    ]
    now = timezone.now()
    changed = [
        Suggestion(pk=pk, score=entry.score, reasons=entry.reasons, updated_at=now)
        for key, (pk, score, reasons, _state) in existing.items()
        if (entry := wanted.get(key)) is not None and (score != entry.score or reasons != entry.reasons)
    ]
    gone = [pk for key, (pk, _s, _r, state) in existing.items() if key not in wanted and state == Suggestion.State.NEW]
    if gone:
        Suggestion.objects.filter(pk__in=gone).delete()
    if changed:
        Suggestion.objects.bulk_update(changed, ["score", "reasons", "updated_at"], batch_size=1000)
    if new:
        Suggestion.objects.bulk_create(new, batch_size=2000)
    created = {posting.pk: 0 for posting in postings}
    for suggestion in new:
        created[suggestion.posting_id] += 1
    return created
