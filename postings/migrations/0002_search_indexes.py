"""The board's search machinery, on PostgreSQL only (SQLite searches without it).

- A trigger keeps search_document, the English full-text vector of
  search_text, on every insert and on every update that writes search_text, so
  bulk inserts and `update()` keep it too. Storing the vector (rather than
  indexing an expression) lets a broad search rank thousands of rows without
  parsing every posting's text again.
- A GIN index on search_document, for word search with stemming.
- A GIN trigram index on UPPER(search_text), the expression Django's
  icontains lookup compares, for substring search (Chinese has no spaces
  between words, so it is searched by substring).
postings/queries.py relies on these; change them together.
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE TRIGGER posting_search_document BEFORE INSERT OR UPDATE OF search_text ON postings_posting "
    "FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger(search_document, 'pg_catalog.english', search_text)",
    "UPDATE postings_posting SET search_text = search_text",
    "CREATE INDEX IF NOT EXISTS posting_search_document ON postings_posting USING gin (search_document)",
    "CREATE INDEX IF NOT EXISTS posting_search_trgm ON postings_posting "
    "USING gin (UPPER(search_text::text) gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS posting_search_trgm",
    "DROP INDEX IF EXISTS posting_search_document",
    "DROP TRIGGER IF EXISTS posting_search_document ON postings_posting",
]


def create_search_machinery(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop_search_machinery(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("postings", "0001_initial")]

    operations = [migrations.RunPython(create_search_machinery, drop_search_machinery)]
