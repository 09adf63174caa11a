"""Garbage collection that never stalls a key.

A full collection walks every live object: with a large queue in memory that
takes a few hundred milliseconds, and it stops every thread, the key the rep
just pressed included. So the app turns automatic collection off, collects the
young generations (cheap: only objects made since the last time) every few
seconds, and does a full collection only when the rep has not pressed a key for
a while, freezing what survives (gc.freeze) so later collections skip it.
Most of what the app makes is freed by reference counting anyway.
"""

from __future__ import annotations

import gc
import time

YOUNG_EVERY_S = 5.0
IDLE_BEFORE_FULL_S = 30.0
FULL_AT_MOST_EVERY_S = 300.0


class Collector:
    def __init__(self) -> None:
        self.last_key = time.monotonic()
        self._last_full = time.monotonic()
        self._was_enabled = gc.isenabled()

    def start(self) -> None:
        gc.freeze()  # what start-up loaded stays for the session
        gc.disable()

    def stop(self) -> None:
        if self._was_enabled:
            gc.enable()

    def key_pressed(self) -> None:
        self.last_key = time.monotonic()

    def tick(self) -> None:
        """Every YOUNG_EVERY_S: young generations always, everything when idle."""
        now = time.monotonic()
        idle = now - self.last_key >= IDLE_BEFORE_FULL_S
        if idle and now - self._last_full >= FULL_AT_MOST_EVERY_S:
            self._last_full = now
            gc.collect()
            gc.freeze()
        else:
            gc.collect(1)
