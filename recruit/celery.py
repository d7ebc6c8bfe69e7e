"""The Celery app: configured from Django settings (CELERY_ namespace).

`celery -A recruit worker` and `celery -A recruit beat` use it.
"""

import os

from celery import Celery

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
}
