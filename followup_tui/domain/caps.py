"""Gentle persistence: how often one prospect may be touched.

One or two touches a week, never two in a day: persistence that a busy
prospect reads as attentive rather than pushy. State rules (as data) may add
a limit of calls in any 24 hours.

A cap opens on a quarter hour, as every time the app chooses: a touch at 10:58
holds the weekly cap until 11:00 a week on, never 10:45 (before the cap allows)
nor 10:58. The touch counts until that opening, so the queue's hold, the dial
question and the scheduler, which all ask `cap_lift`, agree on the minute.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from functools import lru_cache
from zoneinfo import ZoneInfo

import pendulum
from msgspec import Struct
from pendulum import DateTime

from followup_tui.domain.quarter_hour import ROUND_MINUTES, on_a_quarter_hour

WEEK_S = 7 * 86400
DAY_S = 86400
QUARTER_S = ROUND_MINUTES * 60


@lru_cache(maxsize=1024)
def zoneinfo(name: str) -> ZoneInfo:
    """A stdlib zone by name: what pendulum uses underneath, without its wrappers."""
    return ZoneInfo(name)


def instant(moment: datetime) -> DateTime:
    """`moment` as a pendulum DateTime in UTC, built directly (pendulum.instance and
    in_tz are ten times slower, and the queue makes one per held prospect)."""
    utc = moment.astimezone(UTC)
    return DateTime(utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second,
                    utc.microsecond, tzinfo=pendulum.UTC)  # fmt: skip


def plain_utc(moment: datetime) -> datetime:
    """`moment` as a stdlib datetime in UTC (pendulum's astimezone returns pendulum)."""
    offset = moment.utcoffset()
    wall = datetime(moment.year, moment.month, moment.day, moment.hour, moment.minute,
                    moment.second, moment.microsecond, tzinfo=UTC)  # fmt: skip
    return wall - offset if offset else wall


def _instant(timestamp: float) -> DateTime:
    return instant(datetime.fromtimestamp(timestamp, UTC))


class Caps(Struct, frozen=True):
    touches_per_week: int = 2  # in any rolling 7 days
    touches_per_day: int = 1  # per local calendar day of the prospect (dials included)


ASKED_FOR = Caps(touches_per_week=1_000_000, touches_per_day=1_000_000)
"""The caps of a callback at a time the prospect gave ("call me back in an hour"):
their own request is no cold touch, so the gentle caps do not move it to tomorrow; a
state's legal limit on calls (`calls_per_24h`) still applies."""


class TouchTime(Struct, frozen=True):
    """When a past touch happened (any aware datetime) and whether it was a call."""

    at: datetime
    is_call: bool = True


class CapHold(Struct, frozen=True):
    """A cap that `candidate` would break, and when it lifts."""

    reason: str
    opens_at: DateTime


def cap_hold(
    candidate: datetime,
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
    found = cap_lift(
        candidate.timestamp(),
        [(t.at.timestamp(), t.is_call) for t in history],
        caps,
        zone=zone,
        is_call=is_call,
        calls_per_24h=calls_per_24h,
    )
    return None if found is None else CapHold(found[0], _instant(found[1]))


@lru_cache(maxsize=256)
def local_day(moment: float, zone: str) -> tuple[float, float]:
    """The local calendar day in `zone` around `moment`, as timestamps: its midnight
    and the next. Cached: within one queue build every prospect of a zone asks the
    same question."""
    local_zone = zoneinfo(zone)
    today = datetime.fromtimestamp(moment, local_zone).date()
    start = datetime.combine(today, clock_time(), tzinfo=local_zone)
    end = datetime.combine(today + timedelta(days=1), clock_time(), tzinfo=local_zone)
    return start.timestamp(), end.timestamp()


def cap_opening(lifts: float) -> float:
    """When a cap that lifts at the timestamp `lifts` opens: on the quarter hour at or
    after it (10:58:20 is 11:00; 11:00 stays). The seconds go up to the minute first,
    since `on_a_quarter_hour` keeps the minute and 10:15:20 must not open at 10:15.
    Rounded in UTC, which is the same as on the prospect's clock: every zone's offset
    is whole quarter hours."""
    minute = datetime.fromtimestamp(math.ceil(lifts / 60) * 60, UTC)
    return on_a_quarter_hour(minute).timestamp()


def _counts(moment: float, lifts: float) -> bool:
    """Whether a touch whose cap lifts at `lifts` still counts at `moment`: until the
    cap opens (rounded only near the end: an opening is less than a quarter hour on)."""
    return moment < lifts or (moment < lifts + QUARTER_S and moment < cap_opening(lifts))


def cap_lift(
    moment: float,
    history: Iterable[tuple[float, bool]],
    caps: Caps,
    *,
    zone: str,
    is_call: bool,
    calls_per_24h: int | None = None,
) -> tuple[str, float] | None:
    """`cap_hold` on POSIX timestamps ((when, is_call) pairs): the reason and the
    timestamp when it opens (`cap_opening`). Plain numbers and stdlib zones, because the
    queue asks this for every due prospect touched this week."""
    past = sorted(item for item in history if item[0] <= moment)
    holds: list[tuple[float, str]] = []
    week = [at for at, _ in past if _counts(moment, at + WEEK_S)]
    if len(week) >= caps.touches_per_week:
        opens = cap_opening(week[len(week) - caps.touches_per_week] + WEEK_S)
        holds.append((opens, f"weekly cap of {caps.touches_per_week} reached"))
    start, end = local_day(moment, zone)
    if end - start == DAY_S:
        same_day = [at for at, _ in past if start <= at < end]
    else:  # the clocks change that day: compare local dates, as the rule says
        local_zone = zoneinfo(zone)
        today = datetime.fromtimestamp(moment, local_zone).date()
        same_day = [at for at, _ in past if datetime.fromtimestamp(at, local_zone).date() == today]
    if len(same_day) >= caps.touches_per_day:
        # Their midnight is on a quarter hour already (see cap_opening).
        holds.append((end, "already touched today"))
    if is_call and calls_per_24h is not None:
        calls = [at for at, call in past if call and _counts(moment, at + DAY_S)]
        if len(calls) >= calls_per_24h:
            opens = cap_opening(calls[len(calls) - calls_per_24h] + DAY_S)
            holds.append((opens, f"state limit of {calls_per_24h} calls in 24 hours"))
    if not holds:
        return None
    latest = max(holds, key=lambda hold: hold[0])  # the first of equals, as before
    return latest[1], latest[0]
