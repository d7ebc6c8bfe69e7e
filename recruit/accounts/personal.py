"""What a page shows of the signed-in user, cached until it changes.

A signed-in page shows a few things of its user: the unread notifications in
the navigation, what the board knows of their studies, whether they may apply
to a role. Reading them costs a query each on every page. They change only
when the user's own rows change, so they are cached under the user's
personal version:

- `PersonalVersion`, one row per user whose token database triggers change in
  the same transaction as any write to a row these parts read (their
  account, applications, candidate profile, resumes, email addresses, unit
  roles, notifications' read state). Triggers rather than application code, as for
  the catalogue version (postings/cache.py): a bulk `update()`, an admin
  action or raw SQL cannot forget to bump it. A random token rather than a
  counter, so a rolled-back change is never mistaken for a later one.
- The token is read with the user, in the query that loads them on every
  request (recruit.accounts.backends): no query of its own.

A separate table, not a column of the user: `user.save()` writes every column
of the user row from memory and would put an old token back. No foreign key
either: a trigger that fires while an account is being deleted must not fail
on the missing user; a token left behind by a deleted account is harmless
(ids are not reused).
"""

from collections.abc import Callable

from django.core.cache import cache
from django.db import migrations

# An entry lives at most this long (seconds); a change makes it unreachable at once.
MAX_AGE = 3600
# The column that the authentication backends annotate users with.
TOKEN_ATTRIBUTE = "personal_token"  # noqa: S105 (not a secret)


def personal_token(user) -> int:
    """The user's personal version: read with the user by the backends, else one query."""
    token = getattr(user, TOKEN_ATTRIBUTE, ...)
    if token is ...:
        from .models import PersonalVersion

        token = PersonalVersion.objects.filter(user_id=user.pk).values_list("token", flat=True).first()
    return token or 0


def personal_key(user, name: str) -> str:
    """A cache key that changes whenever something of the user's changes."""
    return f"personal:{user.pk}:{personal_token(user)}:{name}"


def personal_cached(user, name: str, compute: Callable):
    """`compute()` for this signed-in user, from the cache while nothing of theirs changed."""
    key = personal_key(user, name)
    entry = cache.get(key)
    if entry is None:
        entry = (compute(),)  # wrapped, so that None and 0 are kept too
        cache.set(key, entry, MAX_AGE)
    return entry[0]


# --- The triggers, for each app's migrations -----------------------------------

_POSTGRES_BUMP = """
    INSERT INTO accounts_personalversion (user_id, token) VALUES ({row}.{column}, (random() * 9e18)::bigint)
    ON CONFLICT (user_id) DO UPDATE SET token = EXCLUDED.token;
"""

_POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION {table}_personal_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'DELETE' AND NEW.{column} IS NOT NULL THEN {bump_new}
    END IF;
    IF TG_OP <> 'INSERT' AND OLD.{column} IS NOT NULL
       AND (TG_OP = 'DELETE' OR OLD.{column} IS DISTINCT FROM NEW.{column}) THEN {bump_old}
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""

_SQLITE_BUMP = (
    "INSERT INTO accounts_personalversion (user_id, token) SELECT {row}.{column}, random() "
    "WHERE {row}.{column} IS NOT NULL ON CONFLICT (user_id) DO UPDATE SET token = excluded.token;"
)


def watch_personal(table: str, column: str, *, update_of: tuple[str, ...] = ()) -> migrations.RunPython:
    """A migration operation: a write to `table` changes the personal version of the user in `column`.

    `update_of`: only updates of these columns count (all updates when empty).
    Running it again changes nothing, which a later migration must do: on
    SQLite, adding a column with a default or a unique one rebuilds the table
    and drops its triggers.
    """
    update = f"UPDATE OF {', '.join(update_of)}" if update_of else "UPDATE"

    def create(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            bump = {
                "bump_new": _POSTGRES_BUMP.format(row="NEW", column=column),
                "bump_old": _POSTGRES_BUMP.format(row="OLD", column=column),
            }
            schema_editor.execute(_POSTGRES_FUNCTION.format(table=table, column=column, **bump))
            schema_editor.execute(
                f"CREATE OR REPLACE TRIGGER {table}_personal_changed AFTER INSERT OR {update} OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {table}_personal_changed()"
            )
        elif vendor == "sqlite":
            rows = {"insert": ("NEW",), "update": ("NEW", "OLD"), "delete": ("OLD",)}
            for event, names in rows.items():
                when = update if event == "update" else event.upper()
                body = " ".join(_SQLITE_BUMP.format(row=row, column=column) for row in names)
                schema_editor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_personal_changed_{event} AFTER {when} ON {table} "
                    f"BEGIN {body} END"
                )

    def drop(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_personal_changed ON {table}")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_personal_changed()")
        elif vendor == "sqlite":
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_personal_changed_{event}")

    return migrations.RunPython(create, drop)
