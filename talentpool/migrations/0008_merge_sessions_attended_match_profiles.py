"""Joins the two 0007 migrations made side by side (information-session attendance, match profiles)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("talentpool", "0007_entry_sessions_attended"),
        ("talentpool", "0007_match_profiles"),
    ]

    operations = []
