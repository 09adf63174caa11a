"""When the next touch can be: after the cadence's wait, on a business day where the
phone rings, inside the calling window, and never past a cap. The scheduler never
plans a touch that breaks a cap."""

from __future__ import annotations

from collections.abc import Sequence

from pendulum import DateTime

from followup_tui.domain.business_days import (
    add_business_days,
    first_business_day,
    is_business_day,
)
from followup_tui.domain.calling_hours import WeekHours, is_open, next_opening
from followup_tui.domain.caps import Caps, TouchTime, cap_hold
from followup_tui.domain.clock import zone as tz
from followup_tui.domain.public_holidays import NO_HOLIDAYS, HolidayCalendar
from followup_tui.domain.quarter_hour import on_a_quarter_hour

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
    calendar: HolidayCalendar = NO_HOLIDAYS,
) -> DateTime:
    """The first moment at or after `earliest` that breaks no cap, falls on a business
    day of `calendar` (in the first zone) and is inside the calling window in every
    zone. With no known zone, only the caps apply (the queue holds such a prospect
    until the rep sets a zone)."""
    day_zone = zones[0] if zones else "UTC"
    candidate = earliest
    for _ in range(MAX_MOVES):
        hold = cap_hold(
            candidate, history, caps, zone=day_zone, is_call=is_call, calls_per_24h=calls_per_24h
        )
        if hold is not None:
            candidate = hold.opens_at
            continue
        if not zones:
            return candidate.in_tz("UTC")
        local = candidate.in_tz(tz(day_zone))
        working = first_business_day(local, calendar)
        if working is not local:
            candidate = working.start_of("day")
            continue
        if not is_open(candidate, zones, hours):
            opening = next_opening(candidate, zones, hours)
            if opening is None:
                return candidate
            candidate = opening
            continue
        return candidate.in_tz("UTC")
    return candidate.in_tz("UTC")


def after_wait(
    last_touch_local: DateTime, wait_days: int, calendar: HolidayCalendar = NO_HOLIDAYS
) -> DateTime:
    """The cadence's wait: `wait_days` business days on, at about the same local time."""
    return add_business_days(on_a_quarter_hour(last_touch_local), wait_days, calendar)


FALLBACK_HOUR = 9  # where no day has a window: the start of an ordinary morning


def first_window_day(
    day: DateTime,
    zones: tuple[str, ...],
    hours: WeekHours,
    calendar: HolidayCalendar = NO_HOLIDAYS,
) -> DateTime:
    """The start of the calling window on the first business day at or after `day`'s
    date (in `day`'s zone): where a date without a time, such as a revisit, lands."""
    zones = zones or (day.timezone_name or "UTC",)
    candidate = day.start_of("day")
    for _ in range(MAX_MOVES):
        candidate = first_business_day(candidate, calendar)
        opening = next_opening(candidate, zones, hours)
        if opening is None:
            break
        local = opening.in_tz(candidate.timezone or "UTC")
        if is_business_day(local, calendar):
            return local
        candidate = local.add(days=1).start_of("day")
    return candidate.set(hour=FALLBACK_HOUR)
