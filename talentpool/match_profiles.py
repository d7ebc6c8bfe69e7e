"""The match profiles (models.MatchProfile) that PostgreSQL's ranking scans: one narrow row per available entry.

`refresh(entry_ids)` rewrites the rows of those entries from the entries, their skills and the candidates'
profiles in two statements (a row for each available entry, none for the others), whatever their number:
`services.entry_refresh` calls it for its entry in the event's transaction, `entries_expire` for the entries it
expires, and `refresh()` without ids rebuilds every row (the nightly refresh starts with it, so a renamed skill or
a profile written around the services is caught within a day; `manage.py pool_sync` and the volume loader too).

Sets of catalogue ids are bits of 64-bit words: skill i is bit i % 64 of word i // 64 (SKILL_WORDS words), a role
category or city is bit i of one word. A catalogue with larger ids than that still ranks, through the ORM
(matching.py's `_ranking`), only slower; so does SQLite, which keeps no rows here.
"""

# The SQL here is built from this module's constants (table and column names, bit positions); every value that
# comes from data is a parameter.
# ruff: noqa: S608

from django.db import connection

from .models import PoolEntry

WORD = 64
SKILL_WORDS = 2


def supported() -> bool:
    """Whether ranking may read the match profiles: PostgreSQL."""
    return connection.vendor == "postgresql"


def signed(value: int) -> int:
    """A 64-bit pattern as PostgreSQL's bigint holds it."""
    return value - (1 << WORD) if value >= 1 << (WORD - 1) else value


def words(ids, count: int) -> list[int]:
    """The ids as `count` words of bits; ValueError for an id beyond them."""
    result = [0] * count
    for pk in ids:
        if not 0 <= pk < WORD * count:
            raise ValueError(f"id {pk} has no bit in a match profile (ids below {WORD * count}).")
        result[pk // WORD] |= 1 << (pk % WORD)
    return [signed(word) for word in result]


def ids_of(*values: int | None) -> list[int]:
    """The ids whose bits are set in these words (the first holds 0-63), in order."""
    return [
        number * WORD + bit
        for number, value in enumerate(values)
        for bit in range(WORD)
        if value and (value >> bit) & 1
    ]


def _set_of(table: str, column: str, owner: str, owner_id: str, word: int = 0) -> str:
    low, high = word * WORD, (word + 1) * WORD
    return (
        f"COALESCE((SELECT bit_or(1::bigint << (x.{column}::int - {low})) FROM {table} x "
        f"WHERE x.{owner} = {owner_id} AND x.{column} >= {low} AND x.{column} < {high}), 0)"
    )


def _named_in_major(word: int) -> str:
    """The skills (of this word) whose English or Chinese name, as matching._names reads them, the major holds."""
    low, high = word * WORD, (word + 1) * WORD
    english = "COALESCE(NULLIF(k.name_en, ''), k.name)"
    chinese = f"COALESCE(NULLIF(k.name_zh_hans, ''), {english})"
    named = " OR ".join(
        f"(char_length({name}) >= %(min_length)s AND strpos(upper(p.major), upper({name})) > 0)"
        for name in (english, chinese)
    )
    return (
        f"COALESCE((SELECT bit_or(1::bigint << (k.id::int - {low})) FROM postings_skill k "
        f"WHERE k.id >= {low} AND k.id < {high} AND p.major <> '' AND ({named})), 0)"
    )


COLUMNS = [
    "expires_at",
    "available_since",
    "resume_uploaded_at",
    "stage",
    "stage_unit_id",
    *(f"skill_bits_{word}" for word in range(SKILL_WORDS)),
    "category_bits",
    "location_bits",
    *(f"major_skill_bits_{word}" for word in range(SKILL_WORDS)),
    "technical_major",
    "degree_level",
    "graduation_date",
    "major",
]


def _statements(scoped: bool) -> tuple[str, str]:
    scope = "AND e.id = ANY(%(ids)s::bigint[])" if scoped else ""
    delete = (
        "DELETE FROM talentpool_matchprofile m WHERE "
        + ("m.entry_id = ANY(%(ids)s::bigint[]) AND " if scoped else "")
        + "NOT EXISTS (SELECT 1 FROM talentpool_poolentry e WHERE e.id = m.entry_id "
        "AND e.status = %(available)s AND e.consent_at IS NOT NULL)"
    )
    values = [
        "e.expires_at",
        "e.available_since",
        "e.resume_uploaded_at",
        "e.highest_stage_reached",
        "e.highest_stage_unit_id",
        *(_set_of("talentpool_poolentry_skills", "skill_id", "poolentry_id", "e.id", w) for w in range(SKILL_WORDS)),
        _set_of("applicants_candidateprofile_preferred_categories", "rolecategory_id", "candidateprofile_id", "p.id"),
        _set_of("applicants_candidateprofile_preferred_locations", "location_id", "candidateprofile_id", "p.id"),
        *(_named_in_major(word) for word in range(SKILL_WORDS)),
        "COALESCE(upper(p.major) LIKE ANY(%(technical)s::text[]), false)",
        "COALESCE(p.degree_level, '')",
        "p.graduation_date",
        "COALESCE(p.major, '')",
    ]
    upsert = (
        f"INSERT INTO talentpool_matchprofile (entry_id, candidate_id, {', '.join(COLUMNS)}) "
        f"SELECT e.id, e.candidate_id, {', '.join(values)} "
        "FROM talentpool_poolentry e LEFT JOIN applicants_candidateprofile p ON p.user_id = e.candidate_id "
        f"WHERE e.status = %(available)s AND e.consent_at IS NOT NULL {scope} "
        "ON CONFLICT (entry_id) DO UPDATE SET "
        + ", ".join(f"{column} = EXCLUDED.{column}" for column in ["candidate_id", *COLUMNS])
    )
    return delete, upsert


def refresh(entry_ids=None) -> None:
    """Rewrite the match profiles of these entries (every entry without ids), in the current transaction."""
    if not supported():
        return
    from .matching import MAJOR_SKILL_MIN_LENGTH, TECHNICAL_MAJOR_WORDS

    ids = None if entry_ids is None else sorted({int(getattr(pk, "pk", pk)) for pk in entry_ids})
    if ids == []:
        return
    params = {
        "ids": ids,
        "available": PoolEntry.Status.AVAILABLE.value,
        "min_length": MAJOR_SKILL_MIN_LENGTH,
        "technical": [f"%{word.upper()}%" for word in TECHNICAL_MAJOR_WORDS],
    }
    with connection.cursor() as cursor:
        for statement in _statements(scoped=ids is not None):
            cursor.execute(statement, params)
