"""The match profiles (models.MatchProfile) that PostgreSQL's ranking scans: one narrow row per available entry.

`refresh(entry_ids)` rewrites the rows of those entries from the entries, their skills and the candidates'
profiles in two statements (a row for each available entry, none for the others), whatever their number:
`services.entry_refresh` calls it for its entry in the event's transaction, `entries_expire` for the entries it
expires, and `refresh()` without ids rebuilds every row (the nightly refresh starts with it, so a renamed skill or
a profile written around the services is caught within a day). The volume loader refreshes the rows of each chunk
it writes; `manage.py pool_sync` refreshes every entry, and so every row, through `entry_refresh`.

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


def _words_of(column: str, count: int) -> str:
    """bit_or aggregates of `column`'s ids into `count` words (w0, w1, ...)."""
    return ", ".join(
        f"bit_or(CASE WHEN {column} >= {n * WORD} AND {column} < {(n + 1) * WORD} "
        f"THEN 1::bigint << ({column}::int - {n * WORD}) ELSE 0 END) AS w{n}"
        for n in range(count)
    )


COLUMNS = [
    "candidate_id",
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
    """The delete of rows whose entry is not available, and the upsert of the others' rows (a row that would not
    change is not written). Every set is one grouped pass over its table; a major is read once however many
    candidates share it (majors repeat), against each skill's English and Chinese names as matching._names reads
    them."""
    scope = "AND e.id = ANY(%(ids)s::bigint[])" if scoped else ""
    delete = (
        "DELETE FROM talentpool_matchprofile m WHERE "
        + ("m.entry_id = ANY(%(ids)s::bigint[]) AND " if scoped else "")
        + "NOT EXISTS (SELECT 1 FROM talentpool_poolentry e WHERE e.id = m.entry_id "
        "AND e.status = %(available)s AND e.consent_at IS NOT NULL)"
    )
    english = "COALESCE(NULLIF(k.name_en, ''), k.name)"
    chinese = f"COALESCE(NULLIF(k.name_zh_hans, ''), {english})"
    named = " OR ".join(
        f"(char_length({name}) >= %(min_length)s AND strpos(upper(j.major), upper({name})) > 0)"
        for name in (english, chinese)
    )
    skill_words = ", ".join(f"COALESCE(sk.w{n}, 0)" for n in range(SKILL_WORDS))
    major_words = ", ".join(f"COALESCE(mj.w{n}, 0)" for n in range(SKILL_WORDS))
    upsert = f"""
        WITH scope AS (
            SELECT e.id, e.candidate_id, e.expires_at, e.available_since, e.resume_uploaded_at,
                   e.highest_stage_reached, e.highest_stage_unit_id, p.id AS profile_id,
                   COALESCE(p.degree_level, '') AS degree_level, p.graduation_date, COALESCE(p.major, '') AS major
            FROM talentpool_poolentry e LEFT JOIN applicants_candidateprofile p ON p.user_id = e.candidate_id
            WHERE e.status = %(available)s AND e.consent_at IS NOT NULL {scope}
        ),
        sk AS (
            SELECT l.poolentry_id AS id, {_words_of("l.skill_id", SKILL_WORDS)}
            FROM talentpool_poolentry_skills l JOIN scope ON scope.id = l.poolentry_id GROUP BY l.poolentry_id
        ),
        ct AS (
            SELECT c.candidateprofile_id AS id, {_words_of("c.rolecategory_id", 1)}
            FROM applicants_candidateprofile_preferred_categories c
            JOIN scope ON scope.profile_id = c.candidateprofile_id
            GROUP BY c.candidateprofile_id
        ),
        lc AS (
            SELECT c.candidateprofile_id AS id, {_words_of("c.location_id", 1)}
            FROM applicants_candidateprofile_preferred_locations c
            JOIN scope ON scope.profile_id = c.candidateprofile_id
            GROUP BY c.candidateprofile_id
        ),
        majors AS (SELECT DISTINCT major FROM scope WHERE major <> ''),
        mj AS (
            SELECT j.major, {_words_of("k.id", SKILL_WORDS)}
            FROM majors j JOIN postings_skill k ON {named}
            GROUP BY j.major
        ),
        technical AS (
            SELECT j.major, upper(j.major) LIKE ANY(%(technical)s::text[]) AS technical FROM majors j
        )
        INSERT INTO talentpool_matchprofile (entry_id, {", ".join(COLUMNS)})
        SELECT s.id, s.candidate_id, s.expires_at, s.available_since, s.resume_uploaded_at,
               s.highest_stage_reached, s.highest_stage_unit_id, {skill_words},
               COALESCE(ct.w0, 0), COALESCE(lc.w0, 0), {major_words}, COALESCE(t.technical, false),
               s.degree_level, s.graduation_date, s.major
        FROM scope s
        LEFT JOIN sk ON sk.id = s.id
        LEFT JOIN ct ON ct.id = s.profile_id
        LEFT JOIN lc ON lc.id = s.profile_id
        LEFT JOIN mj ON mj.major = s.major
        LEFT JOIN technical t ON t.major = s.major
        ON CONFLICT (entry_id) DO UPDATE SET {", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS)}
        WHERE ({", ".join(f"talentpool_matchprofile.{c}" for c in COLUMNS)})
              IS DISTINCT FROM ({", ".join(f"EXCLUDED.{c}" for c in COLUMNS)})
    """
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
