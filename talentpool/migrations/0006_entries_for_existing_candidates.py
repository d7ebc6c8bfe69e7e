"""Formerly: every existing candidate got their pool entry here, through the pool's live service.

A migration that runs today's code breaks as soon as a later migration changes a table that code writes, so it is
now a no-op. A database that had candidates before the pool existed and has not run it yet gets their entries with
`manage.py pool_sync` after `migrate`.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("talentpool", "0005_pipeline_triggers"),
        ("applicants", "0004_pipeline_version"),
    ]

    operations = []
