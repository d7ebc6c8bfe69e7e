"""The pool's keyword search (talentpool/search.py): a search text on each entry and, on PostgreSQL, its full-text
vector with a GIN index.

- `search_text`: the pool profile's words and the Chinese words of the profile and the resume, segmented; kept by
  services.entry_refresh, erased with the resume text.
- A trigger keeps `search_document`, the English full-text vector of `search_text` and `resume_text`, on every
  insert and every update that writes either, so bulk inserts and `update()` keep it too (as the board's trigger,
  postings migration 0002). SQLite has neither: its search reads the two texts.
"""

from django.db import migrations, models

import postings.models

CREATE = [
    "CREATE TRIGGER pool_entry_search_document BEFORE INSERT OR UPDATE OF search_text, resume_text "
    "ON talentpool_poolentry FOR EACH ROW EXECUTE FUNCTION "
    "tsvector_update_trigger(search_document, 'pg_catalog.english', search_text, resume_text)",
    "UPDATE talentpool_poolentry SET search_text = search_text",
    "CREATE INDEX IF NOT EXISTS pool_entry_search_document ON talentpool_poolentry USING gin (search_document)",
]
DROP = [
    "DROP INDEX IF EXISTS pool_entry_search_document",
    "DROP TRIGGER IF EXISTS pool_entry_search_document ON talentpool_poolentry",
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
    dependencies = [("talentpool", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="poolentry",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="poolentry",
            name="search_document",
            field=postings.models.SearchDocumentField(editable=False, null=True),
        ),
        migrations.RunPython(create_search_machinery, drop_search_machinery),
    ]
