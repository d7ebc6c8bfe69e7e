"""The pipeline version: a token per unit that triggers change on every write to what its workspace shows
(applicants/pipeline_version.py)."""

from django.db import migrations, models

from applicants.pipeline_version import watch_pipeline


class Migration(migrations.Migration):
    dependencies = [
        ("applicants", "0003_review_workspace"),
        ("accounts", "0003_personal_version"),
    ]

    operations = [
        migrations.CreateModel(
            name="PipelineVersion",
            fields=[
                ("unit_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("token", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "pipeline version", "verbose_name_plural": "pipeline versions"},
        ),
        watch_pipeline(),
    ]
