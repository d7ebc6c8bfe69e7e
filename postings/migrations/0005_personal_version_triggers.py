"""A user's unit roles change their personal version (recruit/accounts/personal.py)."""

from django.db import migrations

from recruit.accounts.personal import watch_personal


class Migration(migrations.Migration):
    dependencies = [
        ("postings", "0004_catalogue_version"),
        ("accounts", "0003_personal_version"),
    ]

    operations = [
        watch_personal("postings_unitmembership", "user_id"),
    ]
