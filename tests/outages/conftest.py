"""A private Redis for outage tests: started on a free port, stopped and frozen at will.

Never the shared Redis: stopping or freezing that one would break every
other test run on the machine.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid

import pytest
from django.conf import settings as django_settings

from recruit import cache as fail_open_cache
from recruit.celery import app as celery_app
from recruit.notifications import services
from tests.notifications.test_worker import use_broker


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateRedis:
    def __init__(self, directory):
        self.port = free_port()
        self.directory = directory
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(
            [*command, "--dir", str(self.directory)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"The private redis-server did not answer on port {self.port}.")

    def stop(self) -> None:
        self.thaw()
        self.process.terminate()
        self.process.wait(timeout=10)

    def freeze(self) -> None:
        """Hung, not gone: the kernel still accepts connections, nothing answers."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)


@pytest.fixture
def private_redis(tmp_path):
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server (apt-get install redis-server)")
    redis = PrivateRedis(tmp_path)
    redis.start()
    yield redis
    if redis.process.poll() is None:
        redis.stop()


@pytest.fixture
def portal_on(private_redis, settings):
    """This process's cache and broker are the private Redis, as a deployment with REDIS_URL has them."""
    settings.CACHES = {"default": _redis_cache(private_redis.url)}
    # What /healthz reads; the Celery app below is what publishes.
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = private_redis.url
    previous = celery_app.conf.task_always_eager, celery_app.conf.broker_url
    celery_app.conf.task_always_eager = False
    use_broker(private_redis.url)
    reset_breakers()
    yield private_redis
    celery_app.conf.task_always_eager = previous[0]
    use_broker(previous[1])
    reset_breakers()


def _redis_cache(url: str) -> dict:
    return {
        "BACKEND": "recruit.cache.FailOpenRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": f"outage-{uuid.uuid4().hex[:8]}",
        "OPTIONS": {
            "socket_connect_timeout": django_settings.REDIS_TIMEOUT,
            "socket_timeout": django_settings.REDIS_TIMEOUT,
            "retry_on_timeout": False,
        },
    }


def reset_breakers() -> None:
    """Forget earlier failures: each phase of a test starts by asking Redis again."""
    fail_open_cache.reset()
    services._broker_down_until = 0.0


class Worker:
    """A Celery worker process on the private broker, with the test database and an SMTP sink."""

    def __init__(self, *, broker: str, smtp_port: int, database_url: str):
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": broker,
            "CELERY_BROKER_URL": broker,
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "SECRET_KEY": os.environ.get("SECRET_KEY", "tests-only-not-a-secret"),
            "SITE_URL": os.environ.get("SITE_URL", "http://testserver"),
            "DEBUG": "0",
            "DJANGO_SETTINGS_MODULE": "recruit.settings",
        }
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed by stop())
        self.process = None

    def start(self) -> None:
        command = [
            sys.executable, "-m", "celery", "-A", "recruit", "worker",
            "-Q", "celery,notifications", "--pool", "solo", "--concurrency", "1",
            "--hostname", f"outage-test-{uuid.uuid4().hex[:8]}@%h",
            "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", "INFO",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, env=self.env, cwd=django_settings.BASE_DIR, stdout=self.log, stderr=subprocess.STDOUT
        )

    def kill(self) -> None:
        """SIGKILL: no warm shutdown, no chance to finish or give back the task."""
        self.process.kill()
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read()[-5000:]
