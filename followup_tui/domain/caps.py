"""Gentle persistence: how often one prospect may be touched.

One or two touches a week, never two in a day: persistence that a busy
prospect reads as attentive rather than pushy. State rules (as data) may add
a limit of calls in any 24 hours.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pendulum
from pendulum import DateTime

from followup_tui.domain.clock import zone as tz

WEEK_S = 7 * 86400
DAY_S = 86400


def _instant(timestamp: float) -> DateTime:
    return pendulum.from_timestamp(timestamp, tz="UTC")


@dataclass(frozen=True)
class Caps:
    touches_per_week: int = 2  # in any rolling 7 days
    touches_per_day: int = 1  # per local calendar day of the prospect (dials included)


@dataclass(frozen=True)
class TouchTime:
    """When a past touch happened and whether it was a call."""

    at: DateTime
    is_call: bool = True


@dataclass(frozen=True)
class CapHold:
    """A cap that `candidate` would break, and when it lifts."""

    reason: str
    opens_at: DateTime


def cap_hold(
    candidate: DateTime,
    history: Iterable[TouchTime],
    caps: Caps,
    *,
    zone: str,
    is_call: bool,
    calls_per_24h: int | None = None,
) -> CapHold | None:
    """Why a touch at `candidate` would break a cap, or None if it breaks none.

    When several caps apply, the hold lasts until the last of them lifts.
    """
    # Plain timestamps: pendulum's arithmetic is slow and this runs for every due prospect.
    moment = candidate.timestamp()
    past = [t for t in history if t.at.timestamp() <= moment]
    times = sorted(t.at.timestamp() for t in past)
    holds: list[CapHold] = []
    week = [at for at in times if moment - at < WEEK_S]
    if len(week) >= caps.touches_per_week:
        lifts = week[len(week) - caps.touches_per_week] + WEEK_S
        holds.append(CapHold(f"weekly cap of {caps.touches_per_week} reached", _instant(lifts)))
    local_zone = tz(zone)
    local = candidate.in_tz(local_zone)
    today = [t for t in past if t.at.in_tz(local_zone).date() == local.date()]
    if len(today) >= caps.touches_per_day:
        holds.append(CapHold("already touched today", local.start_of("day").add(days=1)))
    if is_call and calls_per_24h is not None:
        calls = sorted(
            t.at.timestamp() for t in past if t.is_call and moment - t.at.timestamp() < DAY_S
        )
        if len(calls) >= calls_per_24h:
            lifts = calls[len(calls) - calls_per_24h] + DAY_S
            holds.append(
                CapHold(f"state limit of {calls_per_24h} calls in 24 hours", _instant(lifts))
            )
    if not holds:
        return None
    latest = max(holds, key=lambda hold: hold.opens_at)
    return CapHold(latest.reason, latest.opens_at.in_tz("UTC"))
