"""The pipeline version: one token per business unit, which database triggers change in the same transaction as
any write to what the unit's workspace pages show: its applications (a move, a new application, a score), its
postings, its applicants' names, schools, degrees, graduation dates and skills, its interviews; and, for every unit
at once, the lists the pages offer (units, skills, rejection reasons).

Triggers rather than application code, as for the catalogue version (postings/cache.py) and the personal version
(recruit/accounts/personal.py): a bulk `update()`, an admin action, a cascade or raw SQL cannot forget to change it.
A random token rather than a counter, so a rolled-back change is never mistaken for a later one. No foreign key:
a trigger firing while a unit is deleted must not fail on it; a token left behind is harmless.

The applicant list and the board are kept in the cache under it (applicants/workspace/pagecache.py), so a unit's
pages are computed once per change of that unit, and a move in one unit leaves the others' pages cached.
"""

import secrets

from django.db import IntegrityError, connection, migrations, transaction


def pipeline_version(unit_id: int) -> int:
    """The unit's current token (one query by primary key); creates it, with a token never used, when missing."""
    from .models import PipelineVersion  # here: the migrations import this module for its triggers

    table = PipelineVersion._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE unit_id = %s", [unit_id])  # noqa: S608
        row = cursor.fetchone()
    if row is not None:
        return row[0]
    # A unit no write has touched yet, or a flushed database: a fresh random token, so no entry kept under an
    # earlier row's token can be read as current.
    token = secrets.randbits(62)
    try:
        with transaction.atomic():
            PipelineVersion.objects.create(unit_id=unit_id, token=token)
    except IntegrityError:
        token = PipelineVersion.objects.values_list("token", flat=True).get(unit_id=unit_id)
    return token


# --- The triggers, for the migrations ---------------------------------------------------------------------------

# For each watched table: the SELECT of the units that the rows `{rows}` concern, as a column `unit` (`{rows}` is a
# table: PostgreSQL's triggers run once per statement over its changed rows, so a bulk insert of thousands of
# applications bumps each unit once, not once a row; SQLite's once per row, NEW or OLD); the columns of `{rows}`
# it reads; and, for updates, the columns whose change counts (all when empty).
_UNITS_OF_CANDIDATES = (
    "SELECT p.unit_id AS unit FROM applicants_application a JOIN postings_posting p ON p.id = a.posting_id "
    "WHERE a.candidate_id IN (SELECT {column} FROM {rows})"
)
# The units of a table's rows that name a posting (an application, another app's row about a posting).
POSTING_UNITS = "SELECT p.unit_id AS unit FROM postings_posting p WHERE p.id IN (SELECT posting_id FROM {rows})"
WATCHED = {
    "applicants_application": (POSTING_UNITS, ("posting_id",), ()),
    "postings_posting": ("SELECT unit_id AS unit FROM {rows}", ("unit_id",), ()),
    "applicants_candidateprofile": (_UNITS_OF_CANDIDATES.format(column="user_id", rows="{rows}"), ("user_id",), ()),
    "applicants_candidateprofile_skills": (
        _UNITS_OF_CANDIDATES.format(
            column="c.user_id",
            rows="applicants_candidateprofile c WHERE c.id IN (SELECT candidateprofile_id FROM {rows})",
        ),
        ("candidateprofile_id",),
        (),
    ),
    "accounts_user": (_UNITS_OF_CANDIDATES.format(column="id", rows="{rows}"), ("id",), ("name", "email")),
    "applicants_interview": (
        "SELECT p.unit_id AS unit FROM applicants_application a JOIN postings_posting p ON p.id = a.posting_id "
        "WHERE a.id IN (SELECT application_id FROM {rows})",
        ("application_id",),
        (),
    ),
}
# Lists every unit's pages offer: a write changes every unit's token.
EVERY_UNIT = ("postings_businessunit", "postings_skill", "applicants_rejectionreason")

_POSTGRES_BUMP = """
        INSERT INTO applicants_pipelineversion (unit_id, token)
        SELECT unit, (random() * 9e18)::bigint
        FROM (SELECT DISTINCT unit FROM ({units}) AS concerned WHERE unit IS NOT NULL) AS units
        ON CONFLICT (unit_id) DO UPDATE SET token = EXCLUDED.token;"""

# On an update, only the rows whose watched columns changed count (a statement trigger cannot name columns).
_POSTGRES_CHANGED = "(SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE {differs}) AS changed"

_POSTGRES_CHANGED_BEFORE = (
    "(SELECT o.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {differs}) AS changed_before"
)

_POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION {table}_pipeline_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN {bump_inserted}
    ELSIF TG_OP = 'UPDATE' THEN {bump_updated}
    ELSE {bump_deleted}
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""

_POSTGRES_TRIGGERS = {
    "insert": "AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows",
    "update": "AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "delete": "AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows",
}

_POSTGRES_EVERY_UNIT = """
CREATE OR REPLACE FUNCTION applicants_pipeline_all_changed() RETURNS trigger AS $$
BEGIN
    UPDATE applicants_pipelineversion SET token = (random() * 9e18)::bigint;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""

_SQLITE_EVERY_UNIT = "UPDATE applicants_pipelineversion SET token = random();"

_SQLITE_BUMP = (
    "INSERT INTO applicants_pipelineversion (unit_id, token) SELECT unit, random() FROM (SELECT DISTINCT unit "
    "FROM ({units}) AS concerned WHERE unit IS NOT NULL) AS units WHERE true "
    "ON CONFLICT (unit_id) DO UPDATE SET token = excluded.token;"
)


def _postgres_function(table: str, units: str, update_of: tuple[str, ...]) -> str:
    def bump(rows: str) -> str:
        return _POSTGRES_BUMP.format(units=units.format(rows=rows))

    if update_of:
        differs = " OR ".join(f"n.{column} IS DISTINCT FROM o.{column}" for column in update_of)
        updated = bump(_POSTGRES_CHANGED.format(differs=differs)) + bump(
            _POSTGRES_CHANGED_BEFORE.format(differs=differs)
        )
    else:
        updated = bump("new_rows") + bump("old_rows")
    return _POSTGRES_FUNCTION.format(
        table=table, bump_inserted=bump("new_rows"), bump_updated=updated, bump_deleted=bump("old_rows")
    )


def _sqlite_rows(row: str, columns: tuple[str, ...]) -> str:
    # SQLite's triggers see one row, NEW or OLD: a one-row table of the columns read.
    return "(SELECT " + ", ".join(f"{row}.{column} AS {column}" for column in columns) + ")"


def watch_pipeline(watched: dict | None = None, every_unit: tuple[str, ...] | None = None) -> migrations.RunPython:
    """A migration operation creating (again: it may run twice, which a later migration must do after SQLite
    rebuilds a watched table and drops its triggers) the triggers that change the pipeline version: on the tables
    of `watched` (as WATCHED: another app's migration names its own tables) and of `every_unit` (as EVERY_UNIT);
    by default, this app's."""
    if watched is None and every_unit is None:
        watched, every_unit = WATCHED, EVERY_UNIT
    watched, every_unit = watched or {}, every_unit or ()

    def create(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for table, (units, columns, update_of) in watched.items():
            if vendor == "postgresql":
                schema_editor.execute(_postgres_function(table, units, update_of))
                for event, clause in _POSTGRES_TRIGGERS.items():
                    schema_editor.execute(
                        f"CREATE OR REPLACE TRIGGER {table}_pipeline_changed_{event} {clause.format(table=table)} "
                        f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_pipeline_changed()"
                    )
            elif vendor == "sqlite":
                update = f"UPDATE OF {', '.join(update_of)}" if update_of else "UPDATE"
                rows = {"insert": ("NEW",), "update": ("NEW", "OLD"), "delete": ("OLD",)}
                for event, names in rows.items():
                    when = update if event == "update" else event.upper()
                    body = " ".join(
                        _SQLITE_BUMP.format(units=units.format(rows=_sqlite_rows(row, columns))) for row in names
                    )
                    schema_editor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {table}_pipeline_changed_{event} AFTER {when} ON {table} "
                        f"BEGIN {body} END"
                    )
        if vendor == "postgresql" and every_unit:
            schema_editor.execute(_POSTGRES_EVERY_UNIT)
        for table in every_unit:
            if vendor == "postgresql":
                schema_editor.execute(
                    f"CREATE OR REPLACE TRIGGER {table}_pipeline_changed AFTER INSERT OR UPDATE OR DELETE "
                    f"OR TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION applicants_pipeline_all_changed()"
                )
            elif vendor == "sqlite":
                for event in ("insert", "update", "delete"):
                    schema_editor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {table}_pipeline_changed_{event} AFTER {event.upper()} "
                        f"ON {table} BEGIN {_SQLITE_EVERY_UNIT} END"
                    )

    def drop(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for table in (*watched, *every_unit):
            if vendor == "postgresql":
                for name in ("pipeline_changed", *(f"pipeline_changed_{event}" for event in _POSTGRES_TRIGGERS)):
                    schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_{name} ON {table}")
                if table in watched:
                    schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_pipeline_changed()")
            elif vendor == "sqlite":
                for event in ("insert", "update", "delete"):
                    schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_pipeline_changed_{event}")
        if vendor == "postgresql" and every_unit is EVERY_UNIT:
            schema_editor.execute("DROP FUNCTION IF EXISTS applicants_pipeline_all_changed()")

    return migrations.RunPython(create, drop)
