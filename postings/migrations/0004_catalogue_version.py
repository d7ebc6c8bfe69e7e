"""The catalogue version: one row whose token database triggers change on every
write to a table the public pages show, in the writing transaction.

Triggers rather than application code, so that no write can forget to bump it:
`QuerySet.update()` in tasks, admin bulk actions, `bulk_create`, deletes
cascading from the admin and raw SQL all change the token. A random token
rather than a counter, so a rolled-back bump is never reused for other data.
postings/cache.py reads it; change them together.
"""

from django.db import migrations, models

TABLES = [
    "postings_program",
    "postings_businessunit",
    "postings_location",
    "postings_rolecategory",
    "postings_skill",
    "postings_posting",
    "postings_posting_locations",
    "postings_posting_skills",
    "postings_infosession",
    "postings_infosession_units",
]

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION postings_catalogue_changed() RETURNS trigger AS $$
BEGIN
    UPDATE postings_catalogueversion SET token = (random() * 9e18)::bigint WHERE id = 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION)
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_catalogue_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION postings_catalogue_changed()"
            )
    elif vendor == "sqlite":
        for table in TABLES:
            for event in ("INSERT", "UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_catalogue_changed_{event.lower()} AFTER {event} ON {table} "
                    "BEGIN UPDATE postings_catalogueversion SET token = random() WHERE id = 1; END"
                )
    apps.get_model("postings", "CatalogueVersion").objects.update_or_create(pk=1, defaults={"token": 1})


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_catalogue_changed ON {table}")
        elif vendor == "sqlite":
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_catalogue_changed_{event}")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS postings_catalogue_changed()")


class Migration(migrations.Migration):
    dependencies = [("postings", "0003_infosession_time_zone")]

    operations = [
        migrations.CreateModel(
            name="CatalogueVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "catalogue version", "verbose_name_plural": "catalogue versions"},
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
