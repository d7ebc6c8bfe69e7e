"""The match profiles PostgreSQL's ranking scans (talentpool/match_profiles.py).

On PostgreSQL a trigger deletes an entry's match profile as soon as the entry stops being available (its status
or consent changed by any write, the services' or not), so ranking never suggests an entry that is not available;
the services write the profiles themselves. Elsewhere the table stays empty.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

CREATE = [
    """
    CREATE FUNCTION talentpool_match_profile_drop() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM talentpool_matchprofile WHERE entry_id = NEW.id;
        RETURN NULL;
    END $$
    """,
    "CREATE TRIGGER talentpool_match_profile_drop AFTER UPDATE OF status, consent_at ON talentpool_poolentry "
    "FOR EACH ROW WHEN (NEW.status <> 'available' OR NEW.consent_at IS NULL) "
    "EXECUTE FUNCTION talentpool_match_profile_drop()",
]
DROP = [
    "DROP TRIGGER IF EXISTS talentpool_match_profile_drop ON talentpool_poolentry",
    "DROP FUNCTION IF EXISTS talentpool_match_profile_drop()",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("talentpool", "0006_entries_for_existing_candidates"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="MatchProfile",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="match_profile",
                        serialize=False,
                        to="talentpool.poolentry",
                        verbose_name="pool entry",
                    ),
                ),
                ("expires_at", models.DateTimeField(null=True)),
                ("available_since", models.DateTimeField(null=True)),
                ("resume_uploaded_at", models.DateTimeField(null=True)),
                ("stage", models.CharField(blank=True, max_length=12)),
                ("stage_unit_id", models.BigIntegerField(null=True)),
                ("skill_bits_0", models.BigIntegerField(default=0)),
                ("skill_bits_1", models.BigIntegerField(default=0)),
                ("category_bits", models.BigIntegerField(default=0)),
                ("location_bits", models.BigIntegerField(default=0)),
                ("major_skill_bits_0", models.BigIntegerField(default=0)),
                ("major_skill_bits_1", models.BigIntegerField(default=0)),
                ("technical_major", models.BooleanField(default=False)),
                ("degree_level", models.CharField(blank=True, max_length=20)),
                ("graduation_date", models.DateField(null=True)),
                ("major", models.CharField(blank=True, max_length=200)),
                (
                    "candidate",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={
                "verbose_name": "match profile",
                "verbose_name_plural": "match profiles",
            },
        ),
        migrations.RunPython(create, drop),
    ]
