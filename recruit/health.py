"""/healthz: are the database, the broker and the cache serving?

Each check gives up within a second (half-second socket timeouts), so a hung
Redis makes /healthz answer 503 in under two seconds instead of hanging the
health checker too.
"""

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from kombu import Connection

from .cache import FailOpenRedisCache

# A healthy Redis answers in a millisecond.
CHECK_TIMEOUT = 0.5


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return "down"
    return "ok"


def broker_status() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"
    options = {
        **settings.CELERY_BROKER_TRANSPORT_OPTIONS,
        "socket_timeout": CHECK_TIMEOUT,
        "socket_connect_timeout": CHECK_TIMEOUT,
    }
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=CHECK_TIMEOUT, transport_options=options) as conn:
            conn.ensure_connection(max_retries=0, timeout=CHECK_TIMEOUT)
            # Opening a channel talks to the broker (Redis: a PING), which a
            # hung server, whose kernel still accepts connections, never answers.
            conn.default_channel  # noqa: B018
    except Exception:
        return "down"
    return "ok"


def cache_status() -> str:
    backend = caches["default"]
    if isinstance(backend, FailOpenRedisCache):
        return "ok" if backend.ping() else "down"
    # The database cache is the database; a memory cache cannot fail.
    return "ok"


@never_cache
def healthz(request):
    """JSON with the database's, the broker's and the cache's state: 200 when all serve, 503 otherwise."""
    status = {"database": database_status(), "broker": broker_status(), "cache": cache_status()}
    healthy = status["database"] == "ok" and status["broker"] in {"ok", "in-process"} and status["cache"] == "ok"
    return JsonResponse({"status": "ok" if healthy else "unavailable", **status}, status=200 if healthy else 503)
