"""Delivery of the outbox. Routed to the "notifications" queue (settings.CELERY_TASK_ROUTES)."""

from celery import shared_task

from .services import TRANSIENT_ERRORS, notification_deliver, notifications_requeue_stale


@shared_task(
    bind=True,
    acks_late=True,
    ignore_result=True,
    autoretry_for=TRANSIENT_ERRORS,
    # About 30 s, 1, 2, 4 and 5 minutes: rides out a mail server's restart. Each
    # wait stays under the requeue job's 10 minutes, so it never doubles a retry.
    retry_backoff=30,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=5,
)
def deliver_notification(self, notification_id: int) -> bool:
    """Email one notification; a redelivered task sends nothing twice."""
    return notification_deliver(notification_id=notification_id)


@shared_task(ignore_result=True)
def requeue_stale_notifications() -> int:
    """Enqueue again the notifications delivery left behind (beat runs it every 5 minutes)."""
    return notifications_requeue_stale()
