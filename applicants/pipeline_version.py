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

# The units a candidate has applications in.
_UNITS_OF_CANDIDATE = (
    "SELECT p.unit_id AS unit FROM applicants_application a JOIN postings_posting p ON p.id = a.posting_id "
    "WHERE a.candidate_id = {candidate}"
)

# For each watched table: the SELECT of the units a row concerns, as a column `unit` ({row} is NEW or OLD), and
# the columns whose updates count (all when empty).
WATCHED = {
    "applicants_application": ("SELECT unit_id AS unit FROM postings_posting WHERE id = {row}.posting_id", ()),
    "postings_posting": ("SELECT {row}.unit_id AS unit", ()),
    "applicants_candidateprofile": (_UNITS_OF_CANDIDATE.format(candidate="{row}.user_id"), ()),
    "applicants_candidateprofile_skills": (
        _UNITS_OF_CANDIDATE.format(
            candidate="(SELECT user_id FROM applicants_candidateprofile WHERE id = {row}.candidateprofile_id)"
        ),
        (),
    ),
    "accounts_user": (_UNITS_OF_CANDIDATE.format(candidate="{row}.id"), ("name", "email")),
    "applicants_interview": (
        "SELECT p.unit_id AS unit FROM applicants_application a JOIN postings_posting p ON p.id = a.posting_id "
        "WHERE a.id = {row}.application_id",
        (),
    ),
}
# Lists every unit's pages offer: a write changes every unit's token.
EVERY_UNIT = ("postings_businessunit", "postings_skill", "applicants_rejectionreason")

_POSTGRES_BUMP = """
        INSERT INTO applicants_pipelineversion (unit_id, token)
        SELECT DISTINCT unit, (random() * 9e18)::bigint FROM ({units}) AS concerned WHERE unit IS NOT NULL
        ON CONFLICT (unit_id) DO UPDATE SET token = EXCLUDED.token;"""

_POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION {table}_pipeline_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN {bump_new}
    END IF;
    IF TG_OP <> 'INSERT' THEN {bump_old}
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""

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
    "INSERT INTO applicants_pipelineversion (unit_id, token) SELECT DISTINCT unit, random() FROM ({units}) "
    "AS concerned WHERE unit IS NOT NULL ON CONFLICT (unit_id) DO UPDATE SET token = excluded.token;"
)


def watch_pipeline() -> migrations.RunPython:
    """A migration operation creating (again: it may run twice, which a later migration must do after SQLite
    rebuilds a watched table and drops its triggers) every trigger that changes the pipeline version."""

    def create(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for table, (units, update_of) in WATCHED.items():
            update = f"UPDATE OF {', '.join(update_of)}" if update_of else "UPDATE"
            if vendor == "postgresql":
                schema_editor.execute(
                    _POSTGRES_FUNCTION.format(
                        table=table,
                        bump_new=_POSTGRES_BUMP.format(units=units.format(row="NEW")),
                        bump_old=_POSTGRES_BUMP.format(units=units.format(row="OLD")),
                    )
                )
                schema_editor.execute(
                    f"CREATE OR REPLACE TRIGGER {table}_pipeline_changed AFTER INSERT OR {update} OR DELETE "
                    f"ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_pipeline_changed()"
                )
            elif vendor == "sqlite":
                rows = {"insert": ("NEW",), "update": ("NEW", "OLD"), "delete": ("OLD",)}
                for event, names in rows.items():
                    when = update if event == "update" else event.upper()
                    body = " ".join(_SQLITE_BUMP.format(units=units.format(row=row)) for row in names)
                    schema_editor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {table}_pipeline_changed_{event} AFTER {when} ON {table} "
                        f"BEGIN {body} END"
                    )
        if vendor == "postgresql":
            schema_editor.execute(_POSTGRES_EVERY_UNIT)
        for table in EVERY_UNIT:
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
        for table in (*WATCHED, *EVERY_UNIT):
            if vendor == "postgresql":
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_pipeline_changed ON {table}")
                if table in WATCHED:
                    schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_pipeline_changed()")
            elif vendor == "sqlite":
                for event in ("insert", "update", "delete"):
                    schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_pipeline_changed_{event}")
        if vendor == "postgresql":
            schema_editor.execute("DROP FUNCTION IF EXISTS applicants_pipeline_all_changed()")

    return migrations.RunPython(create, drop)
