"""Notification preferences (a topic a user turned off), and each notification's topic and unsubscribe link.

On SQLite adding a column with a default rebuilds the table, which drops its triggers: the personal-version
triggers of 0003 are created again after it (and again when the migration is reversed), as in 0004.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from recruit.accounts.personal import watch_personal

WATCH = watch_personal("notifications_notification", "recipient_id", update_of=("read_at", "recipient_id"))


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0004_attachments"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, WATCH.code),
        migrations.AddField(
            model_name="notification",
            name="topic",
            field=models.CharField(blank=True, max_length=64, verbose_name="topic"),
        ),
        migrations.AddField(
            model_name="notification",
            name="unsubscribe_url",
            field=models.CharField(blank=True, max_length=500, verbose_name="unsubscribe link"),
        ),
        migrations.RunPython(WATCH.code, migrations.RunPython.noop),
        migrations.CreateModel(
            name="NotificationPreference",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("topic", models.CharField(max_length=64, verbose_name="topic")),
                ("enabled", models.BooleanField(default=True, verbose_name="enabled")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notification_preferences",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "notification preference",
                "verbose_name_plural": "notification preferences",
                "constraints": [
                    models.UniqueConstraint(fields=("user", "topic"), name="notification_preference_one_per_topic")
                ],
            },
        ),
    ]
