"""Information sessions people register for: seats, an online link, a status (infosessions owns the registrations).

On SQLite, adding a column with a default and a check constraint rebuilds the table and drops its
catalogue-version triggers (0004): they are put back, so a session's change still bumps the catalogue version
that the cached public pages (the home page's next sessions) are keyed on. PostgreSQL's statement triggers
survive ALTER TABLE and cover the new columns as they are.
"""

import importlib

from django.db import migrations, models


def restore_sqlite_triggers(apps, schema_editor):
    importlib.import_module("postings.migrations.0006_catalogue_in_two_languages").restore_sqlite_triggers(
        apps, schema_editor
    )


class Migration(migrations.Migration):
    dependencies = [
        ("postings", "0008_publishing_and_scorecards"),
    ]

    operations = [
        migrations.AddField(
            model_name="infosession",
            name="capacity",
            field=models.PositiveIntegerField(
                default=200,
                help_text="How many people may register; the others join the waitlist.",
                verbose_name="capacity",
            ),
        ),
        migrations.AddField(
            model_name="infosession",
            name="online_url",
            field=models.URLField(
                blank=True, help_text="Where the session is streamed, if it is (https://…).", verbose_name="online link"
            ),
        ),
        migrations.AddField(
            model_name="infosession",
            name="status",
            field=models.CharField(
                choices=[("scheduled", "Scheduled"), ("cancelled", "Cancelled")],
                default="scheduled",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AddConstraint(
            model_name="infosession",
            constraint=models.CheckConstraint(
                condition=models.Q(("capacity__gte", 1)),
                name="info_session_capacity_positive",
                violation_error_message="A session needs at least one seat.",
            ),
        ),
        migrations.RunPython(restore_sqlite_triggers, migrations.RunPython.noop),
    ]
