"""Delivery through the real stack: PostgreSQL, Redis, a Celery worker process and an SMTP server.

CI has PostgreSQL and Redis (DATABASE_URL, REDIS_URL); elsewhere these tests
say why they skip.
"""

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from urllib.parse import quote

import kombu.pools
import pytest
from django.conf import settings
from django.db import connection, transaction

from recruit.celery import app as celery_app
from recruit.notifications.models import Notification
from recruit.notifications.services import notify_rendered
from recruit.notifications.tasks import notification_deliver

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DEADLINE = 30  # seconds to wait for the worker to send


def skip_reason() -> str:
    if connection.vendor != "postgresql":
        return (
            "needs PostgreSQL (set DATABASE_URL=postgres://...): a worker process cannot share SQLite's test database"
        )
    if not os.environ.get("REDIS_URL"):
        return "needs Redis as the broker (set REDIS_URL=redis://...)"
    try:
        import aiosmtpd  # noqa: F401
    except ImportError:
        return "needs aiosmtpd (pip install -e '.[dev]')"
    return ""


class SmtpSink:
    """An SMTP server on a free local port that keeps what it receives."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages = []
        self._lock = threading.Lock()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    def received_by(self, address: str) -> int:
        with self._lock:
            return sum(address in recipients for recipients, _ in self.messages)


@pytest.fixture
def live_stack():
    if reason := skip_reason():
        pytest.skip(reason)


@pytest.fixture
def smtp_sink(live_stack):
    sink = SmtpSink()
    sink.controller.start()
    yield sink
    sink.controller.stop()


def database_url() -> str:
    """The test database pytest-django created, as a URL for the worker."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "localhost"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}{'@' if credentials else ''}{host}{port}/{quote(db['NAME'], safe='')}"


def use_broker(url: str) -> None:
    """Publish to `url` from this process (the settings, or another test, may name another broker)."""
    celery_app.conf.broker_url = url
    # The connection and producer pools may have been made for another URL.
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    kombu.pools.reset()


@pytest.fixture
def worker(smtp_sink):
    """A Celery worker process on both queues, with the test database, the broker and the sink."""
    broker = os.environ["REDIS_URL"]
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_sink.port}",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "tests-only-not-a-secret"),
        "DEBUG": os.environ.get("DEBUG", "0"),
        "DJANGO_SETTINGS_MODULE": "recruit.settings",
    }
    command = [
        sys.executable, "-m", "celery", "-A", "recruit", "worker",
        "-Q", "celery,notifications", "--pool", "solo", "--concurrency", "1",
        "--hostname", f"notifications-test-{uuid.uuid4().hex[:8]}@%h",
        "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", "INFO",
    ]  # fmt: skip
    # This process publishes to the same broker, for real (not in-process).
    previous = celery_app.conf.task_always_eager, celery_app.conf.broker_url
    celery_app.conf.task_always_eager = False
    use_broker(broker)
    with tempfile.TemporaryFile(mode="w+") as log:
        process = subprocess.Popen(command, env=env, cwd=settings.BASE_DIR, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield log
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            celery_app.conf.task_always_eager = previous[0]
            use_broker(previous[1])


def wait_until_sent(pk: int, log) -> Notification:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        notification = Notification.objects.get(pk=pk)
        if notification.status == Notification.Status.SENT:
            return notification
        time.sleep(0.2)
    log.seek(0)
    pytest.fail(f"Notification {pk} is {notification.status} after {DEADLINE}s. Worker log:\n{log.read()[-5000:]}")


def write(address: str) -> int:
    with transaction.atomic():
        notification = notify_rendered(
            recipient=None,
            email=address,
            # Any declared event (recruit/notifications/kinds.py): the worker only delivers.
            event="account_deleted",
            key=uuid.uuid4().hex,
            subject="Delivered by the worker",
            body_text="Hello from the worker test.",
            body_html="<p>Hello from the worker test.</p>",
        )
    return notification.pk


def test_a_worker_delivers_a_committed_notification_once_even_when_the_task_comes_twice(smtp_sink, worker):
    log = worker
    # Addresses of this run only: the broker may hold other runs' tasks.
    first = f"worker-{uuid.uuid4().hex[:8]}@example.com"
    second = f"worker-{uuid.uuid4().hex[:8]}@example.com"

    pk = write(first)
    notification = wait_until_sent(pk, log)

    assert notification.attempts == 1
    assert smtp_sink.received_by(first) == 1

    # The same task again through the broker, then a new notification behind
    # it: one worker takes them in order, so once the second is sent the
    # redelivered task has run.
    notification_deliver.delay(pk)
    wait_until_sent(write(second), log)

    assert smtp_sink.received_by(first) == 1
    assert smtp_sink.received_by(second) == 1
    assert Notification.objects.get(pk=pk).attempts == 1
