"""Small per-process caches for the heartbeat's hottest reads (lessons, tokens).

A `cachetools.TTLCache` bounded in size, whose lifetime is read from a setting on every use
(so a changed setting, in tests for instance, applies at once), behind a lock because the
web server may serve requests on several threads and TTLCache itself is not thread-safe.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from typing import Any

from cachetools import TTLCache
from django.conf import settings


class SettingTTLCache:
    def __init__(self, *, setting: str, maxsize: int) -> None:
        self._setting = setting
        self._maxsize = maxsize
        self._lock = threading.Lock()
        self._cache: TTLCache | None = None

    def _current(self) -> TTLCache:
        ttl = getattr(settings, self._setting)
        if self._cache is None or self._cache.ttl != ttl:
            # A new lifetime starts afresh rather than judge old entries by it.
            self._cache = TTLCache(maxsize=self._maxsize, ttl=ttl)
        return self._cache

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            return self._current().get(key)

    def set(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._current()[key] = value

    def pop(self, key: Hashable) -> None:
        with self._lock:
            self._current().pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._current().clear()
