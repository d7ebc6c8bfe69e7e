"""A candidate's profile, resumes and applications change their personal version (recruit/accounts/personal.py)."""

from django.db import migrations

from recruit.accounts.personal import watch_personal


class Migration(migrations.Migration):
    dependencies = [
        ("applicants", "0001_initial"),
        ("accounts", "0003_personal_version"),
    ]

    operations = [
        watch_personal("applicants_candidateprofile", "user_id"),
        watch_personal("applicants_resume", "candidate_id"),
        watch_personal("applicants_application", "candidate_id"),
    ]
