"""Each catalogue text in English and Chinese (postings/translation.py).

The existing text becomes the English one. On SQLite, adding a unique column
rebuilds the table and drops its triggers: the catalogue-version triggers of
migration 0004 are put back.
"""

import importlib

from django.db import migrations, models

COPIES = {
    "postings_program": ["name", "summary"],
    "postings_businessunit": ["name", "summary"],
    "postings_location": ["name", "country"],
    "postings_rolecategory": ["name", "summary"],
    "postings_skill": ["name"],
    "postings_posting": ["title", "description", "requirements"],
    "postings_infosession": ["university", "city", "venue", "summary"],
}


def copy_to_english(apps, schema_editor):
    for table, fields in COPIES.items():
        assignments = ", ".join(f"{field}_en = {field}" for field in fields)
        schema_editor.execute(f"UPDATE {table} SET {assignments}")


def restore_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    catalogue = importlib.import_module("postings.migrations.0004_catalogue_version")
    for table in catalogue.TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            schema_editor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {table}_catalogue_changed_{event.lower()} AFTER {event} ON {table} "
                "BEGIN UPDATE postings_catalogueversion SET token = random() WHERE id = 1; END"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("postings", "0005_personal_version_triggers"),
    ]

    operations = [
        migrations.AddField(
            model_name="businessunit",
            name="name_en",
            field=models.CharField(max_length=120, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="businessunit",
            name="name_zh_hans",
            field=models.CharField(max_length=120, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="businessunit",
            name="summary_en",
            field=models.TextField(blank=True, null=True, verbose_name="summary"),
        ),
        migrations.AddField(
            model_name="businessunit",
            name="summary_zh_hans",
            field=models.TextField(blank=True, null=True, verbose_name="summary"),
        ),
        migrations.AddField(
            model_name="infosession",
            name="city_en",
            field=models.CharField(max_length=80, null=True, verbose_name="city"),
        ),
        migrations.AddField(
            model_name="infosession",
            name="city_zh_hans",
            field=models.CharField(max_length=80, null=True, verbose_name="city"),
        ),
        migrations.AddField(
            model_name="infosession",
            name="summary_en",
            field=models.TextField(blank=True, null=True, verbose_name="summary"),
        ),
        migrations.AddField(
            model_name="infosession",
            name="summary_zh_hans",
            field=models.TextField(blank=True, null=True, verbose_name="summary"),
        ),
        migrations.AddField(
            model_name="infosession",
            name="university_en",
            field=models.CharField(max_length=200, null=True, verbose_name="university"),
        ),
        migrations.AddField(
            model_name="infosession",
            name="university_zh_hans",
            field=models.CharField(max_length=200, null=True, verbose_name="university"),
        ),
        migrations.AddField(
            model_name="infosession",
            name="venue_en",
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name="venue"),
        ),
        migrations.AddField(
            model_name="infosession",
            name="venue_zh_hans",
            field=models.CharField(blank=True, max_length=200, null=True, verbose_name="venue"),
        ),
        migrations.AddField(
            model_name="location",
            name="country_en",
            field=models.CharField(max_length=80, null=True, verbose_name="country or region"),
        ),
        migrations.AddField(
            model_name="location",
            name="country_zh_hans",
            field=models.CharField(max_length=80, null=True, verbose_name="country or region"),
        ),
        migrations.AddField(
            model_name="location",
            name="name_en",
            field=models.CharField(max_length=80, null=True, unique=True, verbose_name="city"),
        ),
        migrations.AddField(
            model_name="location",
            name="name_zh_hans",
            field=models.CharField(max_length=80, null=True, unique=True, verbose_name="city"),
        ),
        migrations.AddField(
            model_name="posting",
            name="description_en",
            field=models.TextField(null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="posting",
            name="description_zh_hans",
            field=models.TextField(null=True, verbose_name="description"),
        ),
        migrations.AddField(
            model_name="posting",
            name="requirements_en",
            field=models.TextField(null=True, verbose_name="requirements"),
        ),
        migrations.AddField(
            model_name="posting",
            name="requirements_zh_hans",
            field=models.TextField(null=True, verbose_name="requirements"),
        ),
        migrations.AddField(
            model_name="posting",
            name="title_en",
            field=models.CharField(max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="posting",
            name="title_zh_hans",
            field=models.CharField(max_length=200, null=True, verbose_name="title"),
        ),
        migrations.AddField(
            model_name="program",
            name="name_en",
            field=models.CharField(max_length=200, null=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="program",
            name="name_zh_hans",
            field=models.CharField(max_length=200, null=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="program",
            name="summary_en",
            field=models.TextField(blank=True, null=True, verbose_name="summary"),
        ),
        migrations.AddField(
            model_name="program",
            name="summary_zh_hans",
            field=models.TextField(blank=True, null=True, verbose_name="summary"),
        ),
        migrations.AddField(
            model_name="rolecategory",
            name="name_en",
            field=models.CharField(max_length=120, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="rolecategory",
            name="name_zh_hans",
            field=models.CharField(max_length=120, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="rolecategory",
            name="summary_en",
            field=models.TextField(blank=True, null=True, verbose_name="summary"),
        ),
        migrations.AddField(
            model_name="rolecategory",
            name="summary_zh_hans",
            field=models.TextField(blank=True, null=True, verbose_name="summary"),
        ),
        migrations.AddField(
            model_name="skill",
            name="name_en",
            field=models.CharField(max_length=80, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="skill",
            name="name_zh_hans",
            field=models.CharField(max_length=80, null=True, unique=True, verbose_name="name"),
        ),
        migrations.RunPython(copy_to_english, migrations.RunPython.noop),
        migrations.RunPython(restore_sqlite_triggers, migrations.RunPython.noop),
    ]
