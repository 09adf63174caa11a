"""When the next touch can be: after the cadence's wait, inside the calling window,
and never past a cap. The scheduler never plans a touch that breaks a cap."""

from __future__ import annotations

from collections.abc import Sequence

from pendulum import DateTime

from followup_tui.domain.business_days import add_business_days
from followup_tui.domain.calling_hours import WeekHours, is_open, next_opening
from followup_tui.domain.caps import Caps, TouchTime, cap_hold

MAX_MOVES = 64  # each move jumps to a cap lifting or a window opening; a few suffice


def earliest_allowed(
    earliest: DateTime,
    *,
    history: Sequence[TouchTime],
    caps: Caps,
    zones: tuple[str, ...],
    hours: WeekHours,
    is_call: bool,
    calls_per_24h: int | None = None,
) -> DateTime:
    """The first moment at or after `earliest` that breaks no cap and is inside the
    calling window in every zone. With no known zone, only the caps apply (the
    queue holds such a prospect until the rep sets a zone)."""
    day_zone = zones[0] if zones else "UTC"
    candidate = earliest
    for _ in range(MAX_MOVES):
        hold = cap_hold(
            candidate, history, caps, zone=day_zone, is_call=is_call, calls_per_24h=calls_per_24h
        )
        if hold is not None:
            candidate = hold.opens_at
            continue
        if zones and not is_open(candidate, zones, hours):
            opening = next_opening(candidate, zones, hours)
            if opening is None:
                return candidate
            candidate = opening
            continue
        return candidate.in_tz("UTC")
    return candidate.in_tz("UTC")


def after_wait(last_touch_local: DateTime, wait_days: int) -> DateTime:
    """The cadence's wait: `wait_days` business days on, at the same local minute."""
    return add_business_days(last_touch_local.start_of("minute"), wait_days)
