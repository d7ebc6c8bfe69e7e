"""Every existing candidate gets their pool entry (as `manage.py pool_sync` does).

Run through the pool's own service rather than historical models, so the entries follow the one rule
(talentpool/availability.py); it reads the applicants' and pool's tables as this migration leaves them. A database
without candidates (a new one, the tests') does nothing.

It runs today's code, so it stays the pool's last migration until it is squashed away: a migration after it that
changes a table the service writes would leave the service a schema it does not know yet.
"""

from django.db import migrations


def entries_for_existing_candidates(apps, schema_editor):
    CandidateProfile = apps.get_model("applicants", "CandidateProfile")
    Resume = apps.get_model("applicants", "Resume")
    if not CandidateProfile.objects.exists() and not Resume.objects.exists():
        return
    from talentpool.services import entries_sync

    entries_sync()


class Migration(migrations.Migration):
    dependencies = [
        ("talentpool", "0005_pipeline_triggers"),
        ("applicants", "0004_pipeline_version"),
    ]

    operations = [migrations.RunPython(entries_for_existing_candidates, migrations.RunPython.noop, elidable=True)]
