"""The board's search indexes, on PostgreSQL only (SQLite searches without them).

- A GIN index on the English full-text vector of search_text, for word search
  with stemming and ranking.
- A GIN trigram index on UPPER(search_text), the expression Django's
  icontains lookup compares, for substring search (Chinese has no spaces
  between words, so it is searched by substring).
Both expressions match postings/queries.py exactly; change them together.
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS posting_search_fts ON postings_posting "
    "USING gin (to_tsvector('english'::regconfig, search_text))",
    "CREATE INDEX IF NOT EXISTS posting_search_trgm ON postings_posting "
    "USING gin (UPPER(search_text::text) gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS posting_search_trgm",
    "DROP INDEX IF EXISTS posting_search_fts",
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("postings", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
