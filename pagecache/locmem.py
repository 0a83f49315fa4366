"""Django's local-memory cache, bounded in bytes as well as in entries.

Pages and parts of pages differ in size by a hundred times (a 500-comment thread against a
menu), so a count alone bounds nothing: ``OPTIONS: {"MAX_BYTES": ...}`` keeps the pickled
values of one cache (in each process) under that size, dropping the least recently used first.
"""

from django.core.cache.backends.locmem import LocMemCache

_sizes = {}  # cache name -> {key: bytes}, shared by the instances of every thread


class SizedLocMemCache(LocMemCache):
    def __init__(self, name, params):
        super().__init__(name, params)
        self._max_bytes = int(params.get("OPTIONS", {}).get("MAX_BYTES", 0)) or None
        self._sizes = _sizes.setdefault(name, {"": 0})  # "": the total

    def _set(self, key, value, timeout=None):
        super()._set(key, value, timeout)
        self._sizes[""] += len(value) - self._sizes.get(key, 0)
        self._sizes[key] = len(value)
        while self._max_bytes and self._sizes[""] > self._max_bytes and len(self._cache) > 1:
            oldest, _value = self._cache.popitem()  # the least recently used
            del self._expire_info[oldest]
            self._forget(oldest)

    def _delete(self, key):
        deleted = super()._delete(key)
        if deleted:
            self._forget(key)
        return deleted

    def _cull(self):
        count = len(self._cache) // self._cull_frequency if self._cull_frequency else None
        if count is None:
            self._cache.clear()
            self._expire_info.clear()
            self._sizes.clear()
            self._sizes[""] = 0
            return
        for _ in range(count):
            key, _value = self._cache.popitem()
            del self._expire_info[key]
            self._forget(key)

    def clear(self):
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._sizes.clear()
            self._sizes[""] = 0

    def _forget(self, key):
        self._sizes[""] -= self._sizes.pop(key, 0)
