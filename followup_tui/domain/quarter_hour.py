"""Where a time the app chooses lands: on a quarter hour (10:15, not 10:04).

A module of its own so that the caps, which the queue asks on the app's start-up
path, round with the same function as the scheduler, which loads only to plan a
touch (tests/ui/test_start_up.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TypeVar

ROUND_MINUTES = 15  # a touch days on comes at about the same time, on a quarter hour

Moment = TypeVar("Moment", bound=datetime)


def on_a_quarter_hour(moment: Moment) -> Moment:
    """`moment`'s minute, moved on to the next quarter hour (10:04 is 10:15; 10:15
    stays): a touch days away at 10:04 reads as a slip, not a plan.

    Any aware datetime, returned as its own kind: pendulum's (its `+` adds elapsed
    time, as `add(minutes=...)`), or the stdlib's in UTC, which the caps round for
    every held row at a tenth of the cost."""
    start = moment.replace(second=0, microsecond=0)
    return start + timedelta(minutes=-start.minute % ROUND_MINUTES)
