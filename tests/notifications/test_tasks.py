import datetime as dt

import pytest
from django.utils import timezone

from recruit.celery import app
from recruit.notifications.models import Notification
from recruit.notifications.tasks import notification_deliver, notifications_purge, notifications_requeue_stale


def test_beat_requeues_stale_notifications_every_minute():
    entry = app.conf.beat_schedule["requeue-stale-notifications"]

    assert entry["task"] == notifications_requeue_stale.name
    assert entry["schedule"] == 60


def test_beat_purges_old_notification_bodies_daily():
    entry = app.conf.beat_schedule["purge-notifications"]

    assert entry["task"] == notifications_purge.name
    assert entry["schedule"] == 24 * 3600


def test_notification_tasks_go_to_the_notifications_queue():
    for task in (notification_deliver, notifications_requeue_stale):
        assert app.amqp.router.route({}, task.name)["queue"].name == "notifications"


def test_a_plain_worker_consumes_the_notifications_queue_too():
    assert {"celery", "notifications"} <= set(app.amqp.queues)


def test_delivery_is_acknowledged_late_and_requeued_when_its_worker_dies():
    assert notification_deliver.acks_late is True
    assert notification_deliver.reject_on_worker_lost is True
    # A row still "sending" after the requeue job's 2 minutes is a dead worker's.
    assert notification_deliver.time_limit < 120


def test_delivery_is_retried_on_transient_errors_only():
    assert notification_deliver.max_retries == 5
    assert {error.__name__ for error in notification_deliver.autoretry_for} == {"SMTPException", "OSError"}


@pytest.mark.django_db
def test_the_requeue_task_enqueues_stale_notifications(mailoutbox, django_capture_on_commit_callbacks):
    notification = Notification.objects.create(
        email="alice@example.com", event="test", key="1", subject="S", body_text="T"
    )
    Notification.objects.filter(pk=notification.pk).update(created_at=timezone.now() - dt.timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        assert notifications_requeue_stale.delay().get() == 1
    assert len(mailoutbox) == 1
