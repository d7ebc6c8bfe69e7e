"""A pool suggestion or invitation for a unit's posting changes the unit's pipeline version
(applicants/pipeline_version.py), so the unit's dashboard, kept in the cache under it, shows the pool's figures
(talentpool/figures.py) as they are. Only these tables: the pool panel counts nothing else that is not watched
already (a hire through the pool is an application's move)."""

from django.db import migrations

from applicants.pipeline_version import POSTING_UNITS, watch_pipeline


class Migration(migrations.Migration):
    dependencies = [
        ("talentpool", "0004_digest"),
        ("applicants", "0004_pipeline_version"),
    ]

    operations = [
        watch_pipeline(
            {
                "talentpool_suggestion": (POSTING_UNITS, ("posting_id",), ()),
                "talentpool_invitation": (POSTING_UNITS, ("posting_id",), ()),
            },
            every_unit=(),
        ),
    ]
