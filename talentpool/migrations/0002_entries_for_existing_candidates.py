"""Every existing candidate gets their pool entry (as `manage.py pool_sync` does).

Run through the pool's own service rather than historical models, so the entries follow the one rule
(talentpool/availability.py); it reads the applicants' and pool's tables as this migration leaves them. A database
without candidates (a new one, the tests') does nothing.
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
        ("talentpool", "0002_pool_search"),
        ("applicants", "0003_review_workspace"),
    ]

    operations = [migrations.RunPython(entries_for_existing_candidates, migrations.RunPython.noop, elidable=True)]
