"""The personal version (recruit/accounts/personal.py): its table, and a user's email addresses changing it."""

from django.db import migrations, models

from recruit.accounts.personal import watch_personal


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_user_time_zone"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [
        migrations.CreateModel(
            name="PersonalVersion",
            fields=[
                ("user_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("token", models.BigIntegerField(default=0)),
            ],
            options={
                "verbose_name": "personal version",
                "verbose_name_plural": "personal versions",
            },
        ),
        watch_personal("account_emailaddress", "user_id"),
        # What the navigation shows of the user (not their last sign-in).
        watch_personal(
            "accounts_user", "id", update_of=("email", "name", "is_staff", "is_superuser", "is_active", "time_zone")
        ),
    ]
