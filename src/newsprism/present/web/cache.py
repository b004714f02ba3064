"""A small thread-safe least-recently-used cache for the web app's computed pages."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from newsprism.errors import ConfigError

Value = TypeVar("Value")


class LRUCache(Generic[Value]):
    """A small thread-safe least-recently-used cache.

    Hits never wait for a computation. Computations that share a `compute_lock` run one at a
    time: the analysis models are not safe to call from two threads at once, and on a GIL-bound
    server computing two comparisons in parallel would gain nothing anyway.
    """

    def __init__(self, size: int, *, compute_lock: threading.Lock | None = None) -> None:
        if size < 1:
            raise ConfigError(f"cache size must be at least 1, got {size}")
        self.size = size
        self._entries: OrderedDict[Hashable, Value] = OrderedDict()
        self._lock = threading.Lock()
        self._compute_lock = compute_lock

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._entries

    def _hit(self, key: Hashable) -> tuple[bool, Value | None]:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return True, self._entries[key]
        return False, None

    def get(self, key: Hashable, compute: Callable[[], Value]) -> Value:
        found, value = self._hit(key)
        if found:
            return value  # type: ignore[return-value]
        if self._compute_lock is None:
            return self._store(key, compute())
        with self._compute_lock:
            found, value = self._hit(key)  # another thread may have computed it meanwhile
            if found:
                return value  # type: ignore[return-value]
            return self._store(key, compute())

    def _store(self, key: Hashable, value: Value) -> Value:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            if len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value
