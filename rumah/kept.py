"""A small thread-safe store of the newest results, for the layers that keep what they worked out."""

from __future__ import annotations

import threading
from collections import OrderedDict


class Kept:
    """A small thread-safe store of the newest results: ``get(key, make)`` returns the one kept
    for ``key`` or keeps what ``make()`` gives, forgetting the oldest beyond ``size``.  ``make``
    runs outside the lock, so that a slow one (a plan) does not hold up the others."""

    def __init__(self, size: int = 256):
        self.size, self.items, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key, make):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        value = make()
        with self.lock:
            self.items[key] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self.lock:
            self.items.clear()

    def __len__(self) -> int:
        return len(self.items)
