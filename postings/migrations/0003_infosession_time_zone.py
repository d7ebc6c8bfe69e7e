"""Information sessions get the time zone of their place.

Sessions already written get their city's zone where the city is known (the
program's locations and the universities' cities of the tours so far); the
others keep the site's zone, which an admin can correct.
"""

import recruit.accounts.timezones
from django.db import migrations, models

CITY_ZONES = {
    "beijing": "Asia/Shanghai",
    "chengdu": "Asia/Shanghai",
    "guangzhou": "Asia/Shanghai",
    "hangzhou": "Asia/Shanghai",
    "hefei": "Asia/Shanghai",
    "nanjing": "Asia/Shanghai",
    "shanghai": "Asia/Shanghai",
    "shenzhen": "Asia/Shanghai",
    "wuhan": "Asia/Shanghai",
    "xi'an": "Asia/Shanghai",
    "hong kong": "Asia/Hong_Kong",
    "singapore": "Asia/Singapore",
    "tokyo": "Asia/Tokyo",
    "seoul": "Asia/Seoul",
    "frankfurt": "Europe/Berlin",
    "munich": "Europe/Berlin",
    "berlin": "Europe/Berlin",
    "london": "Europe/London",
    "paris": "Europe/Paris",
    "zurich": "Europe/Zurich",
    "sunnyvale": "America/Los_Angeles",
    "stanford": "America/Los_Angeles",
    "berkeley": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "new york": "America/New_York",
    "boston": "America/New_York",
    "cambridge, ma": "America/New_York",
    "pittsburgh": "America/New_York",
}


def set_known_zones(apps, schema_editor):
    InfoSession = apps.get_model("postings", "InfoSession")
    for city, zone in CITY_ZONES.items():
        InfoSession.objects.filter(city__iexact=city).update(time_zone=zone)


class Migration(migrations.Migration):

    dependencies = [
        ('postings', '0002_search_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='infosession',
            name='time_zone',
            field=models.CharField(default=recruit.accounts.timezones.default_time_zone, help_text="The zone of the session's place, e.g. Europe/Berlin for Munich: its times are shown in it.", max_length=64, validators=[recruit.accounts.timezones.validate_time_zone], verbose_name='time zone'),
        ),
        migrations.RunPython(set_known_zones, migrations.RunPython.noop),
    ]
