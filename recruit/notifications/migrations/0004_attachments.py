"""Notifications keep their attachments (an interview's .ics) for delivery.

On SQLite adding a column with a default rebuilds the table, which drops its
triggers: the personal-version triggers of 0003 are created again after it
(and again when the migration is reversed, which rebuilds the table too).
"""

from django.db import migrations, models

from recruit.accounts.personal import watch_personal

WATCH = watch_personal("notifications_notification", "recipient_id", update_of=("read_at", "recipient_id"))


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_personal_version_triggers"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, WATCH.code),
        migrations.AddField(
            model_name="notification",
            name="attachments",
            field=models.JSONField(blank=True, default=list, verbose_name="attachments"),
        ),
        migrations.RunPython(WATCH.code, migrations.RunPython.noop),
    ]
