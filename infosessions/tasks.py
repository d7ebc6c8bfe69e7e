"""Scheduled work of information sessions (the beat entry is in recruit/celery.py)."""

from celery import shared_task

from . import services


@shared_task(ignore_result=True, time_limit=300, soft_time_limit=240)
def session_reminders_send() -> int:
    """Send the reminders due now; each is claimed in the database, so overlapping runs send nothing twice."""
    return services.session_reminders_send()
