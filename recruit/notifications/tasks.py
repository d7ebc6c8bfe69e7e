"""Delivery of the outbox, each task named like its service; queue "notifications" (CELERY_TASK_ROUTES)."""

from celery import shared_task

from . import services
from .services import TRANSIENT_ERRORS


@shared_task(
    bind=True,
    # Acknowledged once done, and back in the queue if the worker dies: the
    # row's claim makes the second run send nothing when the first had sent.
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    autoretry_for=TRANSIENT_ERRORS,
    # About 20 s, 40 s, 80 s, then 90 s: rides out a mail server's restart. Each
    # wait stays under the requeue job's 2 minutes, so it never doubles a retry.
    retry_backoff=20,
    retry_backoff_max=90,
    retry_jitter=True,
    max_retries=5,
    # Under the requeue job's 2 minutes too: a row still "sending" after that
    # belongs to a worker that died.
    soft_time_limit=45,
    time_limit=60,
)
def notification_deliver(self, notification_id: int) -> bool:
    """Email one notification; a redelivered task sends nothing twice."""
    return services.notification_deliver(notification_id=notification_id)


@shared_task(ignore_result=True)
def notifications_requeue_stale() -> int:
    """Enqueue again the notifications delivery left behind (beat runs it every minute)."""
    return services.notifications_requeue_stale()


@shared_task(ignore_result=True)
def notifications_purge() -> tuple[int, int]:
    """Erase old bodies and erased accounts' sent rows (beat runs it daily)."""
    return services.notifications_purge()
