"""The shared cache, made safe for an outage: a Redis cache that fails open.

allauth keeps its sign-in rate limits in the default cache, and the public
pages are cached there too. When Redis is down or hung, a plain RedisCache
raises (a 500 on sign-in) or waits on the socket. This one answers as if the
cache were empty and every write had worked, and logs a warning: an outage
costs caching and rate limits for its duration, never a page, and never locks
everyone out.

After a failure it does not touch Redis for `RETRY_AFTER` seconds, so a
request that would make ten cache calls waits for one timeout, not ten.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Seconds the cache is skipped after a failure, then Redis is tried again.
RETRY_AFTER = 5.0

_down_until = 0.0
_lock = threading.Lock()


def _is_down() -> bool:
    return time.monotonic() < _down_until


def _mark_down(error: Exception) -> None:
    global _down_until
    with _lock:
        was_up = not _is_down()
        _down_until = time.monotonic() + RETRY_AFTER
    if was_up:
        logger.warning(
            "The Redis cache failed (%s: %s); serving without cache and sign-in rate limits for %ss.",
            type(error).__name__,
            error,
            RETRY_AFTER,
        )


def reset() -> None:
    """Forget a recorded failure (tests, and /healthz after a good probe)."""
    global _down_until
    _down_until = 0.0


class FailOpenRedisCache(RedisCache):
    """Django's RedisCache whose errors are logged and answered like a miss or a success."""

    def _guard(self, call, fallback):
        if _is_down():
            return fallback
        try:
            return call()
        except RedisError as error:
            _mark_down(error)
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # "Added" when Redis is down: allauth takes a lock with add(), and a lock
        # that can never be taken would refuse every sign-in.
        return self._guard(lambda: super(FailOpenRedisCache, self).add(key, value, timeout, version), True)

    def get(self, key, default=None, version=None):
        return self._guard(lambda: super(FailOpenRedisCache, self).get(key, default, version), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(lambda: super(FailOpenRedisCache, self).set(key, value, timeout, version), None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(lambda: super(FailOpenRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key, version=None):
        return self._guard(lambda: super(FailOpenRedisCache, self).delete(key, version), False)

    def get_many(self, keys, version=None):
        return self._guard(lambda: super(FailOpenRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        return self._guard(lambda: super(FailOpenRedisCache, self).has_key(key, version), False)

    def incr(self, key, delta=1, version=None):
        return self._guard(lambda: super(FailOpenRedisCache, self).incr(key, delta, version), delta)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(lambda: super(FailOpenRedisCache, self).set_many(data, timeout, version), list(data))

    def delete_many(self, keys, version=None):
        return self._guard(lambda: super(FailOpenRedisCache, self).delete_many(keys, version), None)

    def clear(self):
        return self._guard(lambda: super(FailOpenRedisCache, self).clear(), False)

    def ping(self) -> bool:
        """Ask Redis itself, past the breaker: True if it answers within the socket timeout."""
        try:
            self._cache.get_client(write=True).ping()
        except RedisError as error:
            _mark_down(error)
            return False
        reset()
        return True


# The database cache's table (settings.CACHES without REDIS_URL).
CACHE_TABLE = "recruit_cache"


def create_cache_tables(using: str = "default", **kwargs) -> None:
    """Make sure the database cache's table exists (run after every migrate).

    Created whatever the settings say today, so a deployment that drops
    REDIS_URL later finds it ready.
    """
    from django.core.management.commands.createcachetable import Command

    command = Command()
    command.verbosity = 0
    command.create_table(using, CACHE_TABLE, dry_run=False)
