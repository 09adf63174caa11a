"""Garbage collection that never stalls a key.

A full collection walks every live object it has not been told to skip, and it
stops every thread while it does, the key the rep just pressed included. The
big, long-lived structures (the queue of tens of thousands of prospects) are
what would make it slow, so:
- while a heavy worker builds one, automatic collection pauses (what it makes
  is freed by reference counting, not by the collector), and what is alive when
  it is done is frozen (gc.freeze), so later collections skip it;
- `settled()` freezes again once the app has taken a new queue in;
- a full collection runs when the rep has not pressed a key for a while.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

CHECK_EVERY_S = 5.0
IDLE_BEFORE_FULL_S = 30.0
FULL_AT_MOST_EVERY_S = 300.0


class Collector:
    def __init__(self) -> None:
        self.last_key = time.monotonic()
        self._last_full = time.monotonic()
        self._pauses = 0
        self._lock = threading.Lock()
        self._was_enabled = gc.isenabled()

    def start(self) -> None:
        gc.freeze()  # what start-up loaded stays for the session

    def stop(self) -> None:
        if self._was_enabled:
            gc.enable()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """No automatic collection while heavy work builds big structures (any
        thread; nested and overlapping pauses count)."""
        with self._lock:
            self._pauses += 1
            gc.disable()
        try:
            yield
        finally:
            with self._lock:
                self._pauses -= 1
                if self._pauses == 0:
                    gc.freeze()  # what was built is long-lived: never scan it
                    if self._was_enabled:
                        gc.enable()

    def settled(self) -> None:
        """A big structure was taken in: collections from now on skip it."""
        gc.freeze()

    def key_pressed(self) -> None:
        self.last_key = time.monotonic()

    def tick(self) -> None:
        """Every CHECK_EVERY_S: a full collection once the rep has been idle a while."""
        now = time.monotonic()
        idle = now - self.last_key >= IDLE_BEFORE_FULL_S
        if idle and now - self._last_full >= FULL_AT_MOST_EVERY_S:
            self._last_full = now
            gc.collect()
            gc.freeze()
