"""Delivery through outages, with a real worker: Redis hung while candidates apply, a worker killed mid-send.

Each notification reaches the mail server once, with its one Message-ID.
Needs PostgreSQL (the worker process shares the test database); CI has it.
"""

import asyncio
import datetime as dt
import email
import threading
import time
import uuid

import pytest
from django.db import connection, transaction
from django.utils import timezone

from recruit.notifications.models import Notification
from recruit.notifications.services import notifications_requeue_stale, notify_rendered
from tests.notifications.test_worker import SmtpSink, database_url

from .conftest import Worker, reset_breakers

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DEADLINE = 30  # seconds to wait for the worker


@pytest.fixture(autouse=True)
def _needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...): a worker cannot share SQLite's test database")


class HoldingSink(SmtpSink):
    """An SMTP sink that, while `holding` is set, keeps each message's DATA unanswered and unstored."""

    def __init__(self):
        super().__init__()
        self.holding = threading.Event()
        self.data_started = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        if self.holding.is_set():
            self.data_started.set()
            while not self.release.is_set():
                # aiosmtpd runs handlers on its event loop: wait without blocking it.
                await asyncio.sleep(0.05)
            return "451 Try again later"
        return await super().handle_DATA(server, session, envelope)

    def message_ids(self, address: str) -> list[str]:
        with self._lock:
            return [
                email.message_from_bytes(content)["Message-ID"]
                for recipients, content in self.messages
                if address in recipients
            ]


@pytest.fixture
def sink():
    holding_sink = HoldingSink()
    holding_sink.controller.start()
    yield holding_sink
    holding_sink.release.set()
    holding_sink.controller.stop()


@pytest.fixture
def start_worker(portal_on, sink):
    workers = []

    def start():
        worker = Worker(broker=portal_on.url, smtp_port=sink.port, database_url=database_url())
        worker.start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


def write(address: str) -> Notification:
    with transaction.atomic():
        return notify_rendered(
            recipient=None,
            email=address,
            # Any declared event (recruit/notifications/kinds.py): the worker only delivers.
            event="account_deleted",
            key=uuid.uuid4().hex,
            subject="Delivered despite the outage",
            body_text="Hello.",
            body_html="<p>Hello.</p>",
        )


def wait_for(condition, worker, what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"{what} not within {DEADLINE}s. Worker log:\n{worker.output()}")


def test_notifications_written_while_redis_hangs_are_each_delivered_once_after_it_returns(
    portal_on, start_worker, sink
):
    worker = start_worker()
    addresses = [f"outage-{uuid.uuid4().hex[:8]}@example.com" for _ in range(3)]
    portal_on.freeze()

    started = time.monotonic()
    notifications = [write(address) for address in addresses]
    assert time.monotonic() - started < 2.0, "writing (and failing to publish) never hangs"

    # Back: the publishes that timed out may still reach the queue now, and
    # the requeue job publishes every pending row again. One email each all the same.
    portal_on.thaw()
    reset_breakers()
    assert notifications_requeue_stale(older_than=dt.timedelta(0)) == len(addresses)
    pks = [notification.pk for notification in notifications]
    wait_for(
        lambda: Notification.objects.filter(pk__in=pks, status=Notification.Status.SENT).count() == len(pks),
        worker,
        "every notification sent",
    )
    time.sleep(1)  # room for any duplicate task to arrive
    for address, notification in zip(addresses, notifications, strict=True):
        assert sink.message_ids(address) == [notification.message_id]


def test_a_worker_killed_mid_send_is_recovered_and_the_email_sent_once(portal_on, start_worker, sink):
    address = f"killed-{uuid.uuid4().hex[:8]}@example.com"
    sink.holding.set()
    first = start_worker()
    notification = write(address)
    if not sink.data_started.wait(DEADLINE):
        pytest.fail(f"The worker never reached the mail server. Worker log:\n{first.output()}")

    first.kill()
    sink.holding.clear()
    sink.release.set()
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENDING  # the dead worker's claim

    # The requeue job's 2 minutes pass; beat runs it.
    Notification.objects.filter(pk=notification.pk).update(claimed_at=timezone.now() - dt.timedelta(minutes=3))
    second = start_worker()
    assert notifications_requeue_stale() == 1
    wait_for(
        lambda: Notification.objects.get(pk=notification.pk).status == Notification.Status.SENT,
        second,
        "the notification sent",
    )

    notification.refresh_from_db()
    assert notification.attempts == 2
    assert sink.message_ids(address) == [notification.message_id]
