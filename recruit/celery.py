"""The Celery app: configured from Django settings (CELERY_ namespace).

`celery -A recruit worker` and `celery -A recruit beat` use it.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recruit.settings")

app = Celery("recruit")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The beat schedule lives in code.
app.conf.beat_schedule = {
    "close-expired-postings": {
        "task": "postings.tasks.close_expired_postings",
        "schedule": 3600.0,
    },
    # Picks rows pending for 2 minutes: after a broker outage, delivery
    # resumes within 3 minutes of the broker's return.
    "requeue-stale-notifications": {
        "task": "recruit.notifications.tasks.notifications_requeue_stale",
        "schedule": 60.0,
    },
    "purge-notifications": {
        "task": "recruit.notifications.tasks.notifications_purge",
        "schedule": 24 * 3600.0,
    },
    # The talent pool, at night in the portal's time zone (CELERY_TIMEZONE): entries past retention expire first,
    # then every open posting's suggestions are refreshed; the recruiters' digest of new matches follows in the
    # morning, hours later (talentpool/tasks.py says why not as a chord).
    "pool-expire-daily": {
        "task": "talentpool.tasks.pool_expire_daily",
        "schedule": crontab(hour=1, minute=30),
    },
    "pool-refresh-nightly": {
        "task": "talentpool.tasks.pool_refresh_nightly",
        "schedule": crontab(hour=2, minute=0),
    },
    # Reminders a day and an hour before each information session wait in the database (a registration's
    # reminded_* times), not as broker messages scheduled ahead: every 5 minutes sends what is due, once.
    "session-reminders": {
        "task": "infosessions.tasks.session_reminders_send",
        "schedule": 300.0,
    },
    "pool-digest-daily": {
        "task": "talentpool.tasks.pool_digest_daily",
        "schedule": crontab(hour=7, minute=0),
    },
}
