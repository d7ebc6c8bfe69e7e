"""A user's notifications change their personal version (recruit/accounts/personal.py)."""

from django.db import migrations

from recruit.accounts.personal import watch_personal


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_message_id_and_secret_bodies"),
        ("accounts", "0003_personal_version"),
    ]

    operations = [
        # The unread count: a new, deleted or read notification; not a delivery attempt.
        watch_personal("notifications_notification", "recipient_id", update_of=("read_at", "recipient_id")),
    ]
