"""A Redis cache the shop keeps working without."""

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)

T = TypeVar("T")


class FailOpenRedisCache(RedisCache):
    """Django's Redis cache, but Redis being unreachable is logged and treated as an empty cache.

    The cache holds only allauth's login rate-limit counters (sessions are in the database),
    so the price of an outage is that the limits stop counting (they fail open) instead of
    every login failing with a 500.
    """

    def _or(self, fallback: T, operation: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        try:
            return operation(*args, **kwargs)
        except (ConnectionError, TimeoutError) as error:
            logger.warning(
                "Cache unreachable, %s skipped (login rate limits are not counted): %s", operation.__name__, error
            )
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # True, "added": allauth takes a lock with add() before counting, and a lock it can
        # never get would refuse every login after a one-second wait.
        return self._or(True, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._or(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._or(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._or({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._or(False, super().has_key, key, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._or(None, super().delete_many, keys, version)

    def clear(self):
        return self._or(None, super().clear)
