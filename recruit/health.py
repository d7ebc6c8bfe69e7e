"""/healthz: are the database, the broker and the cache serving? And how long has the oldest notification waited?

Each check gives up within a second (half-second socket timeouts), so a hung
Redis makes /healthz answer 503 in under two seconds instead of hanging the
health checker too.

The age of the oldest pending notification (`oldest_pending_notification_seconds`, null when none waits) is
reported, never a reason for 503: load balancers take a web process out of service on a 503, and a stopped worker
or a slow mail server is no fault of the web processes, which would all go out at once. Alert on the number
instead (the requeue job picks rows up after 2 minutes, so a value above 900, a quarter of an hour, means delivery
has stopped).
"""

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from kombu import Connection

from .cache import FailOpenRedisCache
from .notifications.models import Notification

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


def oldest_pending_notification_seconds() -> int | None:
    """Whole seconds since the oldest pending notification was written; None when none is pending (or the
    database does not answer). One indexed read (notification_status_idx)."""
    try:
        created_at = (
            Notification.objects.filter(status=Notification.Status.PENDING)
            .order_by("created_at")
            .values_list("created_at", flat=True)
            .first()
        )
    except Exception:
        return None
    if created_at is None:
        return None
    return max(0, int((timezone.now() - created_at).total_seconds()))


@never_cache
def healthz(request):
    """JSON with the database's, the broker's and the cache's state: 200 when all serve, 503 otherwise; and the
    oldest pending notification's age in seconds (null when none), reported only."""
    status = {"database": database_status(), "broker": broker_status(), "cache": cache_status()}
    healthy = status["database"] == "ok" and status["broker"] in {"ok", "in-process"} and status["cache"] == "ok"
    pending = oldest_pending_notification_seconds() if status["database"] == "ok" else None
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **status, "oldest_pending_notification_seconds": pending},
        status=200 if healthy else 503,
    )
