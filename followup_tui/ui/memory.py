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
_held_for_start_up = False  # see hold_for_start_up
IDLE_BEFORE_FULL_S = 30.0
FULL_AT_MOST_EVERY_S = 300.0


def hold_for_start_up() -> None:
    """No collection from now until the app's first rows are on screen
    (`Collector.start_up_done`): a full collection during start-up walks every object
    the imports made, 30 ms here, and what start-up makes is long-lived anyway. Only
    for the app: a command that never starts one would run without the collector."""
    global _held_for_start_up
    if gc.isenabled():
        gc.disable()
        _held_for_start_up = True


class Collector:
    def __init__(self) -> None:
        self.last_key = time.monotonic()
        self._last_full = time.monotonic()
        self._pauses = 0
        self._lock = threading.Lock()
        self._was_enabled = gc.isenabled() or _held_for_start_up

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

    def start_up_done(self) -> None:
        """The first rows are up: what start-up made is frozen, and collection runs
        again (unless a heavy worker has it paused; the pause's end enables it)."""
        global _held_for_start_up
        if not _held_for_start_up:
            return
        _held_for_start_up = False
        gc.freeze()
        with self._lock:
            if self._pauses == 0 and self._was_enabled:
                gc.enable()

    def key_pressed(self) -> None:
        self.last_key = time.monotonic()

    def tick(self) -> None:
        """Every CHECK_EVERY_S: a full collection once the rep has been idle a while."""
        self.start_up_done()  # if the first rows never came (a failed read)
        now = time.monotonic()
        idle = now - self.last_key >= IDLE_BEFORE_FULL_S
        if idle and now - self._last_full >= FULL_AT_MOST_EVERY_S:
            self._last_full = now
            gc.collect()
            gc.freeze()
