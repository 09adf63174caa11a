"""The rep's own numbers: what the touch history says about how they call.

Pure functions over plain facts (no SQL, no Textual). The store reads the
facts (`store/stats.py`); the app's stats screen and `followup stats` render
the same `Stats`.

Definitions, shared by every section:

- a *dial* is a touch on channel 'call' with an outcome (a running or
  never-logged dial is not one);
- a *connect* is a dial whose outcome is a conversation (`CONVERSATIONS`:
  connected, meeting, not interested, do not call); *conversations* count the
  same outcomes on any channel;
- a *meeting* is a touch with outcome 'meeting';
- *talk time* is the sum of the conversations' durations;
- the *attempt number* of a call touch is its 1-based place among that
  prospect's call touches in time order, over the whole history, so a
  `since` window never turns a fifth attempt into a first;
- days are the rep's calendar days; weeks start on Monday.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate, compress, pairwise, repeat, starmap
from zoneinfo import ZoneInfo

from msgspec import Struct

from followup_tui.domain.vocabulary import CONVERSATIONS, Channel, Outcome, Status

ATTEMPT_BUCKETS = 10  # attempts 1..10 each get a bar; the rest share "11+"
TOUCH_BUCKETS = 10  # touches-until distributions: 1..10, then "11+"
WARM_BUCKETS = 3  # warm signals: 0, 1, 2, then "3+"
LATE_ATTEMPT = 3  # "attempt 3 or later": what giving up after two dials misses
ENOUGH_TOUCHES = 7  # reaching an executive takes seven or more touches
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

_CONVERSATIONS = frozenset(o.value for o in CONVERSATIONS)
# Plain strings: comparing with the enum members is several times slower on big histories.
_CALL = Channel.CALL.value
_MEETING = Outcome.MEETING.value
_RETIRED_STATUSES = frozenset({Status.NOT_NOW.value, Status.NOT_INTERESTED.value})


# -- the facts the store reads --------------------------------------------------------


class TouchFact(Struct, frozen=True):  # a million of them for a team's history: no __dict__
    """One row of `touches`, as much of it as the numbers need.

    `started_at` is an aware datetime (the store gives UTC); `touch_id` only
    breaks ties between touches started in the same second.
    """

    prospect_id: int
    channel: str
    outcome: str | None
    started_at: datetime
    duration_s: int | None = None
    decision_maker: bool = False
    touch_id: int = 0

    @property
    def is_dial(self) -> bool:
        return self.channel == _CALL and self.outcome is not None

    @property
    def is_conversation(self) -> bool:
        return self.outcome in _CONVERSATIONS

    @property
    def is_meeting(self) -> bool:
        return self.outcome == _MEETING


class ProspectFact(Struct, frozen=True):
    """One prospect as the numbers see it, now.

    `zone` is where their phone rings (None when unknown); `signal_count` the
    number of distinct kinds of warm signal; `touch_count` their logged
    touches over the whole history, as the app shows it.
    """

    prospect_id: int
    status: str
    zone: str | None
    signal_count: int
    touch_count: int
    next_touch_at: datetime | None
    name: str = ""
    company: str = ""


# -- what the numbers say ---------------------------------------------------------------


class Counts(Struct, frozen=True):
    dials: int = 0
    connects: int = 0
    conversations: int = 0
    decision_maker_conversations: int = 0
    meetings: int = 0
    talk_time_s: int = 0
    connect_rate: float | None = None


class Period(Struct, frozen=True):
    """One day, or one week starting on its Monday (the first may be cut by `since`)."""

    start: date
    dials: int = 0
    connects: int = 0
    conversations: int = 0
    meetings: int = 0
    talk_time_s: int = 0
    connect_rate: float | None = None


class RateBar(Struct, frozen=True):
    """Dials and connects in one bucket: an attempt number, an hour, a weekday."""

    label: str
    dials: int = 0
    connects: int = 0
    connect_rate: float | None = None


class PersistenceCurve(Struct, frozen=True):
    attempts: tuple[RateBar, ...]  # "1" .. "10", "11+"
    connects: int  # connects in the window (the share's denominator)
    late_connects: int  # of which on attempt 3 or later
    late_share: float | None


class CountBar(Struct, frozen=True):
    label: str
    prospects: int


class TouchesUntil(Struct, frozen=True):
    """How many logged touches (any channel) a prospect took to reach the event,
    counting the touch that reached it, for prospects who first reached it in the
    window."""

    event: str  # "conversation" or "meeting"
    prospects: int
    median: float | None
    mean: float | None
    distribution: tuple[CountBar, ...]  # "1" .. "10", "11+"


class GaveUp(Struct, frozen=True):
    prospect_id: int
    name: str
    company: str
    status: str
    touch_count: int


class GiveUpReport(Struct, frozen=True):
    """Retired prospects (not now, not interested, or active with nothing
    scheduled) with fewer than `threshold` touches and no decision-maker
    conversation: leads dropped before the touches it takes. As of now, not
    limited by a `since` window."""

    threshold: int
    retired: int
    gave_up: tuple[GaveUp, ...]


class BestHours(Struct, frozen=True):
    """Connect rate by the prospect's local hour (00..23) and weekday (Mon..Sun)."""

    by_hour: tuple[RateBar, ...]
    by_weekday: tuple[RateBar, ...]
    unknown_zone_dials: int  # dials to prospects whose zone is unknown (not in the bars)


class WarmBar(Struct, frozen=True):
    label: str  # distinct kinds of warm signal: "0", "1", "2", "3+"
    prospects: int  # prospects dialed in the window
    dials: int
    connects: int
    meetings: int
    connect_rate: float | None
    meeting_rate: float | None  # meetings per dial


class Stats(Struct, frozen=True):
    generated_at: datetime
    rep_zone: str
    since: date | None
    first_day: date | None  # the first day counted (None: no touches at all)
    last_day: date  # today, in the rep's zone
    totals: Counts
    days: tuple[Period, ...]
    weeks: tuple[Period, ...]
    persistence: PersistenceCurve
    until_conversation: TouchesUntil
    until_meeting: TouchesUntil
    give_up: GiveUpReport
    best_hours: BestHours
    warm: tuple[WarmBar, ...]


# -- the functions ----------------------------------------------------------------------


def rate(part: int, whole: int) -> float | None:
    """part/whole to four places, or None when there is nothing to divide by."""
    return round(part / whole, 4) if whole else None


SMALL_SAMPLE = 20
"""Fewer dials (or cases) than this and a rate is a small sample: the screens show
it, muted, with its n, but draw no bar for it."""
CONFIDENCE_Z = 1.96  # the normal quantile of a two-sided 95% interval


def rate_floor(part: int, whole: int) -> float:
    """The rate the evidence supports: the lower end of the 95% Wilson score interval
    of part/whole (0.0 when there is nothing to divide by). A rate bar is drawn this
    long, so 30 of 100 (floor 0.22) outdraws 7 of 20 (floor 0.18): a bar is never
    longer than its dials bear out. Even 2 of 2 has a floor of 0.34, above most real
    connect rates, which is why small samples get no bar at all (SMALL_SAMPLE).
    For the screens only: the counts and the JSON keep the rates as counted."""
    if whole <= 0:
        return 0.0
    z2 = CONFIDENCE_Z * CONFIDENCE_Z
    p = part / whole
    centre = p + z2 / (2 * whole)
    margin = CONFIDENCE_Z * math.sqrt(p * (1 - p) / whole + z2 / (4 * whole * whole))
    return max(0.0, (centre - margin) / (1 + z2 / whole))


def is_small_sample(whole: int) -> bool:
    """Too few cases to read a rate from (see SMALL_SAMPLE)."""
    return whole < SMALL_SAMPLE


def rate_text(value: float | None, places: int = 0) -> str:
    """'17%' (or '16.8%' with places=1); '–' when there is no rate."""
    return "–" if value is None else f"{value * 100:.{places}f}%"


def retired_status_label(status: str) -> str:
    """How a retired prospect's status reads: 'not now', 'nothing scheduled'."""
    return "nothing scheduled" if status == Status.ACTIVE else status.replace("_", " ")


def day_text(day: date, *, year: bool = False, weekday: bool = False) -> str:
    """'23 Nov', '23 Nov 2026', 'Mon 23 Nov 2026' (no platform-specific strftime codes)."""
    text = f"{day.day} {day:%b}" + (f" {day.year}" if year else "")
    return f"{day:%a} {text}" if weekday else text


def needs_years(first: date, last: date, today: date) -> bool:
    """Whether days from first to last must show their years to read right: they
    cross a new year or are not this year ('22 Nov – 23 Nov' over two years reads
    as two days)."""
    return not (first.year == last.year == today.year)


def range_text(first: date, last: date, today: date) -> str:
    """'14 Sep – 23 Nov' this year; '22 Nov 2024 – 23 Nov 2026' otherwise."""
    year = needs_years(first, last, today)
    return f"{day_text(first, year=year)} – {day_text(last, year=year)}"


def window_text(stats: Stats) -> str:
    """'all history (14 Sep 2026 – Mon 23 Nov 2026)', 'since Mon 16 Nov 2026 (to ...)'."""
    end = day_text(stats.last_day, year=True, weekday=True)
    if stats.since is not None:
        return f"since {day_text(stats.since, year=True, weekday=True)} (to {end})"
    if stats.first_day is None:
        return "no touches yet"
    return f"all history ({day_text(stats.first_day, year=True)} – {end})"


def plain_utc(moment: datetime) -> datetime:
    """`moment` as a standard-library UTC datetime (not a subclass such as pendulum's)."""
    u = moment.astimezone(UTC)
    return datetime(u.year, u.month, u.day, u.hour, u.minute, u.second, u.microsecond, UTC)


def in_window(touch: TouchFact, start: datetime | None, end: datetime) -> bool:
    return (start is None or touch.started_at >= start) and touch.started_at <= end


def counts(touches: Iterable[TouchFact]) -> Counts:
    """Dials, connects, conversations, meetings and talk time over `touches`."""
    dials = connects = conversations = dm = meetings = talk = 0
    for touch in touches:
        if touch.is_dial:
            dials += 1
            connects += touch.is_conversation
        if touch.is_conversation:
            conversations += 1
            dm += touch.decision_maker
            talk += touch.duration_s or 0
        meetings += touch.is_meeting
    return Counts(dials, connects, conversations, dm, meetings, talk, rate(connects, dials))


def activity_by_period(
    touches: Iterable[TouchFact], rep_zone: str, first_day: date | None, last_day: date
) -> tuple[tuple[Period, ...], tuple[Period, ...]]:
    """Per day and per week (Monday first), every day from `first_day` to `last_day`
    in the rep's zone, quiet days included."""
    if first_day is None or first_day > last_day:
        return (), ()
    zone = ZoneInfo(rep_zone)
    by_day: dict[date, list[TouchFact]] = defaultdict(list)
    for touch in touches:
        by_day[touch.started_at.astimezone(zone).date()].append(touch)
    days = [first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    by_week: dict[date, list[TouchFact]] = {}
    for day in days:
        by_week.setdefault(week_start(day), []).extend(by_day.get(day, []))
    return (
        tuple(_period(day, by_day.get(day, [])) for day in days),
        tuple(_period(week, week_touches) for week, week_touches in by_week.items()),
    )


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def _period(start: date, touches: list[TouchFact]) -> Period:
    c = counts(touches)
    return Period(
        start, c.dials, c.connects, c.conversations, c.meetings, c.talk_time_s, c.connect_rate
    )


def attempt_numbers(touches: Iterable[TouchFact]) -> list[tuple[TouchFact, int]]:
    """Every call touch with its 1-based attempt number for its prospect, over
    all of `touches` (pass the whole history)."""
    calls: dict[int, list[TouchFact]] = defaultdict(list)
    for touch in touches:
        if touch.channel == _CALL:
            calls[touch.prospect_id].append(touch)
    numbered: list[tuple[TouchFact, int]] = []
    for prospect_calls in calls.values():
        prospect_calls.sort(key=_time_order)
        numbered.extend((touch, n) for n, touch in enumerate(prospect_calls, start=1))
    return numbered


def _time_order(touch: TouchFact) -> tuple[datetime, int]:
    return (touch.started_at, touch.touch_id)


def bucket_label(number: int, last: int) -> str:
    """'1' .. str(last), then f'{last + 1}+' for anything above."""
    return str(number) if number <= last else f"{last + 1}+"


def _bucket_labels(last: int) -> list[str]:
    return [bucket_label(n, last) for n in range(1, last + 2)]


def persistence_curve(
    touches: Sequence[TouchFact], start: datetime | None, end: datetime
) -> PersistenceCurve:
    """Connect rate by attempt number for the dials in the window, and the share
    of connects that came on attempt 3 or later."""
    dials: dict[str, int] = defaultdict(int)
    connects: dict[str, int] = defaultdict(int)
    late = total = 0
    for touch, attempt in attempt_numbers(touches):
        if not touch.is_dial or not in_window(touch, start, end):
            continue
        label = bucket_label(attempt, ATTEMPT_BUCKETS)
        dials[label] += 1
        if touch.is_conversation:
            connects[label] += 1
            total += 1
            late += attempt >= LATE_ATTEMPT
    bars = tuple(
        RateBar(label, dials[label], connects[label], rate(connects[label], dials[label]))
        for label in _bucket_labels(ATTEMPT_BUCKETS)
    )
    return PersistenceCurve(bars, total, late, rate(late, total))


def touches_until(
    touches: Sequence[TouchFact],
    reached: Callable[[TouchFact], bool],
    event: str,
    start: datetime | None,
    end: datetime,
) -> TouchesUntil:
    """For each prospect whose first touch that `reached` the event falls in the
    window: how many logged touches it took, that one included."""
    logged: dict[int, list[TouchFact]] = defaultdict(list)
    for touch in touches:
        if touch.outcome is not None:
            logged[touch.prospect_id].append(touch)
    needed: list[int] = []
    for history in logged.values():
        history.sort(key=_time_order)
        for n, touch in enumerate(history, start=1):
            if reached(touch):
                if in_window(touch, start, end):
                    needed.append(n)
                break
    tally: dict[str, int] = defaultdict(int)
    for n in needed:
        tally[bucket_label(n, TOUCH_BUCKETS)] += 1
    return TouchesUntil(
        event=event,
        prospects=len(needed),
        median=float(statistics.median(needed)) if needed else None,
        mean=round(statistics.fmean(needed), 2) if needed else None,
        distribution=tuple(
            CountBar(label, tally[label]) for label in _bucket_labels(TOUCH_BUCKETS)
        ),
    )


def touches_until_conversation(
    touches: Sequence[TouchFact], start: datetime | None, end: datetime
) -> TouchesUntil:
    return touches_until(touches, lambda t: t.is_conversation, "conversation", start, end)


def touches_until_meeting(
    touches: Sequence[TouchFact], start: datetime | None, end: datetime
) -> TouchesUntil:
    return touches_until(touches, lambda t: t.is_meeting, "meeting", start, end)


def is_retired(prospect: ProspectFact) -> bool:
    """Parked or dropped: not now, not interested, or active with nothing scheduled."""
    if prospect.status in _RETIRED_STATUSES:
        return True
    return prospect.status == Status.ACTIVE and prospect.next_touch_at is None


def give_up_report(prospects: Iterable[ProspectFact], touches: Iterable[TouchFact]) -> GiveUpReport:
    """Retired prospects with fewer than seven touches and no decision-maker
    conversation, fewest touches first."""
    reached_dm = {t.prospect_id for t in touches if t.decision_maker and t.is_conversation}
    retired = [p for p in prospects if is_retired(p)]
    gave_up = sorted(
        (
            GaveUp(p.prospect_id, p.name, p.company, p.status, p.touch_count)
            for p in retired
            if p.touch_count < ENOUGH_TOUCHES and p.prospect_id not in reached_dm
        ),
        key=lambda g: (g.touch_count, g.prospect_id),
    )
    return GiveUpReport(ENOUGH_TOUCHES, len(retired), tuple(gave_up))


def best_hours(
    touches: Iterable[TouchFact],
    zones: dict[int, str | None],
    start: datetime | None,
    end: datetime,
) -> BestHours:
    """Connect rate by the prospect's local hour and weekday, for dials in the window.

    `zones` maps prospect id to their zone; dials to a prospect with no known
    zone are counted apart.
    """
    hour_dials, hour_connects = [0] * 24, [0] * 24
    day_dials, day_connects = [0] * 7, [0] * 7
    unknown = 0
    for touch in touches:
        if not touch.is_dial or not in_window(touch, start, end):
            continue
        zone = zones.get(touch.prospect_id)
        if not zone:
            unknown += 1
            continue
        local = touch.started_at.astimezone(ZoneInfo(zone))
        hour_dials[local.hour] += 1
        day_dials[local.weekday()] += 1
        if touch.is_conversation:
            hour_connects[local.hour] += 1
            day_connects[local.weekday()] += 1
    return _best_hours(hour_dials, hour_connects, day_dials, day_connects, unknown)


def warm_versus_cold(
    touches: Iterable[TouchFact],
    signal_counts: dict[int, int],
    start: datetime | None,
    end: datetime,
) -> tuple[WarmBar, ...]:
    """Connect and meeting rates (per dial) by how many kinds of warm signal the
    prospect has shown: 0, 1, 2, 3+."""
    prospects: dict[str, set[int]] = defaultdict(set)
    dials: dict[str, int] = defaultdict(int)
    connects: dict[str, int] = defaultdict(int)
    meetings: dict[str, int] = defaultdict(int)
    for touch in touches:
        if not in_window(touch, start, end):
            continue
        label = warm_label(signal_counts.get(touch.prospect_id, 0))
        if touch.is_dial:
            prospects[label].add(touch.prospect_id)
            dials[label] += 1
            connects[label] += touch.is_conversation
        meetings[label] += touch.is_meeting
    return tuple(
        WarmBar(
            label,
            len(prospects[label]),
            dials[label],
            connects[label],
            meetings[label],
            rate(connects[label], dials[label]),
            rate(meetings[label], dials[label]),
        )
        for label in (warm_label(n) for n in range(WARM_BUCKETS + 1))
    )


def warm_label(signal_count: int) -> str:
    return str(signal_count) if signal_count < WARM_BUCKETS else f"{WARM_BUCKETS}+"


def rep_numbers(
    touches: Sequence[TouchFact],
    prospects: Sequence[ProspectFact],
    now: datetime,
    rep_zone: str,
    since: date | None = None,
) -> Stats:
    """Every section of the stats, for touches from the start of `since` (a day in
    the rep's zone; None: the whole history) up to `now`.

    Pass the whole history in `touches`: attempt numbers and touches-until count
    what came before the window too.
    """
    zone = ZoneInfo(rep_zone)
    now = plain_utc(now)  # comparing with a pendulum DateTime is ten times slower
    today = now.astimezone(zone).date()
    start = datetime.combine(since, datetime.min.time(), zone) if since is not None else None
    start = plain_utc(start) if start is not None else None
    window = [t for t in touches if in_window(t, start, now)]
    if since is not None:
        first_day: date | None = since
    elif window:
        first_day = min(t.started_at for t in window).astimezone(zone).date()
    else:
        first_day = None
    days, weeks = activity_by_period(window, rep_zone, first_day, today)
    return Stats(
        generated_at=now,
        rep_zone=rep_zone,
        since=since,
        first_day=first_day,
        last_day=today,
        totals=counts(window),
        days=days,
        weeks=weeks,
        persistence=persistence_curve(touches, start, now),
        until_conversation=touches_until_conversation(touches, start, now),
        until_meeting=touches_until_meeting(touches, start, now),
        give_up=give_up_report(prospects, touches),
        best_hours=best_hours(touches, {p.prospect_id: p.zone for p in prospects}, start, now),
        warm=warm_versus_cold(
            touches, {p.prospect_id: p.signal_count for p in prospects}, start, now
        ),
    )


# -- the same numbers from plain aggregates (what the store counts in SQL) -------------
#
# On a large history the store does not hand over a million touches: it counts
# them in SQL and passes the counts below; `numbers_from_tallies` turns them into
# the same `Stats` as `rep_numbers`, with the definitions above. A touch's facts
# travel as bit flags; its place in the prospect's history as one character per
# touch, `chr(CODE_BASE + flags)`, in time order.

CALL_FLAG = 1  # channel 'call'
LOGGED_FLAG = 2  # has an outcome
CONVERSATION_FLAG = 4  # outcome is a conversation
MEETING_FLAG = 8  # outcome 'meeting'
DECISION_MAKER_FLAG = 16  # decision_maker set
IN_WINDOW_FLAG = 32  # started in the window (from `since` to now)
CODE_BASE = 48  # flags 0..63 as the characters '0'..'o'
_DIAL = CALL_FLAG | LOGGED_FLAG
_CONNECT = _DIAL | CONVERSATION_FLAG


def touch_flags(channel: str, outcome: str | None, decision_maker: bool) -> int:
    """The flags of one touch (without IN_WINDOW_FLAG), as the store computes them in SQL."""
    return (
        (channel == _CALL) * CALL_FLAG
        | (outcome is not None) * LOGGED_FLAG
        | (outcome in _CONVERSATIONS) * CONVERSATION_FLAG
        | (outcome == _MEETING) * MEETING_FLAG
        | bool(decision_maker) * DECISION_MAKER_FLAG
    )


COUNT_SLICE = 1 << 16
"""Characters counted per call by `char_counts`. The app counts in a worker thread
beside the screen, and one C call holds Python's interpreter lock until it returns:
`Counter` over the million codes of the large benchmark database takes about 50 ms,
and a key pressed meanwhile waited for it, once per hand-over (over 100 ms in all).
A slice takes about 3 ms."""


def char_counts(text: str) -> Counter[str]:
    """Counter(text), counted a slice at a time so that a key never waits long for
    the interpreter (see COUNT_SLICE)."""
    counts: Counter[str] = Counter()
    for start in range(0, len(text), COUNT_SLICE):
        counts.update(text[start : start + COUNT_SLICE])
    return counts


def conversation_outcomes() -> tuple[str, ...]:
    """The outcomes that are conversations, for the store's SQL."""
    return tuple(sorted(_CONVERSATIONS))


def retired_statuses() -> tuple[str, ...]:
    """Statuses that retire a prospect whatever is scheduled (see `is_retired`)."""
    return tuple(sorted(_RETIRED_STATUSES))


def _chars(test: Callable[[int], bool]) -> str:
    return "".join(chr(CODE_BASE + f) for f in range(64) if test(f))


def _keep(test: Callable[[int], bool]) -> dict[int, None]:
    """A str.translate table that deletes the codes failing `test`."""
    return {CODE_BASE + f: None for f in range(64) if not test(f)}


_KEEP_CALLS = _keep(lambda f: bool(f & CALL_FLAG))
_KEEP_LOGGED = _keep(lambda f: bool(f & LOGGED_FLAG))
_KEEP_IN_WINDOW = _keep(lambda f: bool(f & IN_WINDOW_FLAG))
_DM_CONVERSATION = CONVERSATION_FLAG | DECISION_MAKER_FLAG
_KEEP_DM_CONVERSATIONS = _keep(lambda f: f & _DM_CONVERSATION == _DM_CONVERSATION)
_KEEP_WINDOW_DIALS = _keep(lambda f: f & (_DIAL | IN_WINDOW_FLAG) == _DIAL | IN_WINDOW_FLAG)
_NO_CALL = " "  # pads a prospect's first calls to ATTEMPT_BUCKETS (below CODE_BASE)
_LINE = "\n"  # ends a prospect's codes when they are strung together (below CODE_BASE)


class DayTally(Struct, frozen=True):
    """Touches of one kind (`flags`, IN_WINDOW_FLAG left out) on one of the rep's days."""

    day: date
    flags: int
    touches: int
    talk_time_s: int  # summed durations (of conversations only)


class HourTally(Struct, frozen=True):
    """Dials of one kind (connected or not) at one local hour of the week.

    `hour_of_week` is weekday * 24 + hour on the prospect's clock (Monday 00:00
    is 0), or None when the prospect's zone is unknown.
    """

    hour_of_week: int | None
    connected: bool
    dials: int


class RetiredProspect(Struct, frozen=True):
    prospect_id: int
    name: str
    company: str
    status: str


class StatsTallies(Struct, frozen=True):
    """What the store counts for `numbers_from_tallies`: days and hours for the
    window only; `history` from every prospect's whole history (see
    `tally_histories`), since attempt numbers and touches-until count what came
    before the window."""

    days: Sequence[DayTally]
    hours: Sequence[HourTally]
    history: HistoryTally
    retired: Sequence[RetiredProspect]  # as `is_retired` says, as of now


def numbers_from_tallies(
    tallies: StatsTallies, now: datetime, rep_zone: str, since: date | None = None
) -> Stats:
    """The same `Stats` as `rep_numbers` would give for the history behind `tallies`."""
    zone = ZoneInfo(rep_zone)
    now = plain_utc(now)
    today = now.astimezone(zone).date()
    window_days = [d for d in tallies.days if d.day <= today]
    if since is not None:
        first_day: date | None = since
    else:
        first_day = min((d.day for d in window_days), default=None)
    by_day: dict[date, list[DayTally]] = defaultdict(list)
    for tally in window_days:
        by_day[tally.day].append(tally)
    history = tallies.history
    days: tuple[Period, ...] = ()
    weeks: tuple[Period, ...] = ()
    if first_day is not None and first_day <= today:
        calendar = [first_day + timedelta(days=n) for n in range((today - first_day).days + 1)]
        by_week: dict[date, list[DayTally]] = {}
        for day in calendar:
            by_week.setdefault(week_start(day), []).extend(by_day.get(day, []))
        days = tuple(_tally_period(day, by_day.get(day, [])) for day in calendar)
        weeks = tuple(_tally_period(week, rows) for week, rows in by_week.items())
    return Stats(
        generated_at=now,
        rep_zone=rep_zone,
        since=since,
        first_day=first_day,
        last_day=today,
        totals=_tally_counts(window_days),
        days=days,
        weeks=weeks,
        persistence=history.persistence(),
        until_conversation=_until_from(history.until_conversation, "conversation"),
        until_meeting=_until_from(history.until_meeting, "meeting"),
        give_up=_give_up_from(tallies.retired, history),
        best_hours=_best_hours_from(tallies.hours),
        warm=history.warm(),
    )


def _tally_counts(tallies: Iterable[DayTally]) -> Counts:
    dials = connects = conversations = dm = meetings = talk = 0
    for t in tallies:
        if t.flags & _DIAL == _DIAL:
            dials += t.touches
            if t.flags & CONVERSATION_FLAG:
                connects += t.touches
        if t.flags & CONVERSATION_FLAG:
            conversations += t.touches
            if t.flags & DECISION_MAKER_FLAG:
                dm += t.touches
            talk += t.talk_time_s
        if t.flags & MEETING_FLAG:
            meetings += t.touches
    return Counts(dials, connects, conversations, dm, meetings, talk, rate(connects, dials))


def _tally_period(start: date, tallies: list[DayTally]) -> Period:
    c = _tally_counts(tallies)
    return Period(
        start, c.dials, c.connects, c.conversations, c.meetings, c.talk_time_s, c.connect_rate
    )


class HistoryTally(Struct):
    """What one pass over every prospect's codes found (see `tally_histories`)."""

    attempt_dials: list[int]  # index n-1 for attempts 1..ATTEMPT_BUCKETS, then "11+"
    attempt_connects: list[int]
    until_conversation: dict[int, int]  # touches needed -> prospects
    until_meeting: dict[int, int]
    logged: dict[int, int]  # prospect id -> logged touches, whole history
    reached_dm: set[int]
    warm_prospects: list[int]  # per warm bucket 0..WARM_BUCKETS
    warm_codes: list[str]  # per warm bucket: the in-window codes

    @classmethod
    def of(
        cls,
        prospects: Sequence[int],
        counts: Sequence[int],
        codes: str,
        signal_kinds: dict[int, int],
    ) -> HistoryTally:
        # Column by column, never a Python statement per prospect: each view of the
        # histories (calls, logged touches, ...) is one translate of all of them, a
        # line per prospect, split into one string per prospect, dropped once read.
        cuts = starmap(slice, pairwise(accumulate(counts, initial=0)))
        lines = _LINE.join(map(codes.__getitem__, cuts))

        def view(keep: dict[int, None]) -> list[str]:
            return lines.translate(keep).split(_LINE) if prospects else []

        dials, connects = _attempts(view(_KEEP_CALLS))
        logged = view(_KEEP_LOGGED)
        until_conversation = _firsts(map(_FIRST_CONVERSATION.search, logged))
        until_meeting = _firsts(map(_FIRST_MEETING.search, logged))
        logged_counts = dict(zip(prospects, map(len, logged), strict=True))
        del logged
        buckets = list(map(min, map(signal_kinds.get, prospects, repeat(0)), repeat(WARM_BUCKETS)))
        in_bucket = [list(map(bucket.__eq__, buckets)) for bucket in range(WARM_BUCKETS + 1)]
        dialed = view(_KEEP_WINDOW_DIALS)  # their dials in the window
        warm_prospects = [sum(map(bool, compress(dialed, theirs))) for theirs in in_bucket]
        del dialed
        window = view(_KEEP_IN_WINDOW)
        warm_codes = ["".join(compress(window, theirs)) for theirs in in_bucket]
        del window
        return cls(
            dials,
            connects,
            until_conversation,
            until_meeting,
            logged_counts,
            set(compress(prospects, view(_KEEP_DM_CONVERSATIONS))),
            warm_prospects,
            warm_codes,
        )

    def persistence(self) -> PersistenceCurve:
        labels = _bucket_labels(ATTEMPT_BUCKETS)
        bars = tuple(
            RateBar(label, d, c, rate(c, d))
            for label, d, c in zip(labels, self.attempt_dials, self.attempt_connects, strict=True)
        )
        total = sum(self.attempt_connects)
        late = sum(self.attempt_connects[LATE_ATTEMPT - 1 :])
        return PersistenceCurve(bars, total, late, rate(late, total))

    def warm(self) -> tuple[WarmBar, ...]:
        bars = []
        for bucket in range(WARM_BUCKETS + 1):
            codes = char_counts(self.warm_codes[bucket])
            dials = connects = meetings = 0
            for code, n in codes.items():
                flags = ord(code) - CODE_BASE
                if flags & _DIAL == _DIAL:
                    dials += n
                    connects += n if flags & CONVERSATION_FLAG else 0
                meetings += n if flags & MEETING_FLAG else 0
            bars.append(
                WarmBar(
                    warm_label(bucket),
                    self.warm_prospects[bucket],
                    dials,
                    connects,
                    meetings,
                    rate(connects, dials),
                    rate(meetings, dials),
                )
            )
        return tuple(bars)


def tally_histories(
    prospects: Sequence[int], counts: Sequence[int], codes: str, signal_kinds: dict[int, int]
) -> HistoryTally:
    """Attempts, touches-until, logged touches, decision-maker conversations and
    warmth from every prospect's touches: `codes` strings them in the order of
    `prospects`, `counts[i]` codes for `prospects[i]`, one code `chr(CODE_BASE +
    flags)` per touch in time order (touch id breaks ties), the whole history,
    IN_WINDOW_FLAG set on those in the window. `signal_kinds`: kinds of warm
    signal per prospect (absent: none).

    A block of HISTORY_BLOCK prospects at a time, for the reason of COUNT_SLICE:
    each column of the tally is one C call over every prospect, up to 60 ms on the
    large benchmark database, and a key pressed meanwhile waited for it."""
    blocks = []
    start = 0
    for first in range(0, len(prospects), HISTORY_BLOCK):
        block = counts[first : first + HISTORY_BLOCK]
        end = start + sum(block)
        prospects_in = prospects[first : first + HISTORY_BLOCK]
        blocks.append(HistoryTally.of(prospects_in, block, codes[start:end], signal_kinds))
        start = end
    return _merged(blocks) if blocks else HistoryTally.of((), (), "", signal_kinds)


HISTORY_BLOCK = 8192
"""Prospects tallied per block by `tally_histories` (about 5 ms a column)."""


def _merged(blocks: Sequence[HistoryTally]) -> HistoryTally:
    """One tally of blocks of different prospects."""

    def added(lists: Iterable[list[int]]) -> list[int]:
        return [sum(column) for column in zip(*lists, strict=True)]

    def summed(counts: Iterable[dict[int, int]]) -> dict[int, int]:
        total: Counter[int] = Counter()
        for part in counts:
            total.update(part)
        return dict(total)

    return HistoryTally(
        added(b.attempt_dials for b in blocks),
        added(b.attempt_connects for b in blocks),
        summed(b.until_conversation for b in blocks),
        summed(b.until_meeting for b in blocks),
        {k: v for b in blocks for k, v in b.logged.items()},
        set().union(*(b.reached_dm for b in blocks)),
        added(b.warm_prospects for b in blocks),
        ["".join(codes) for codes in zip(*(b.warm_codes for b in blocks), strict=True)],
    )


def _attempts(calls: list[str]) -> tuple[list[int], list[int]]:
    """Dials and connects in the window by attempt number, from each prospect's calls;
    the first ATTEMPT_BUCKETS of every prospect are counted side by side."""
    heads = map(str.__getitem__, calls, repeat(slice(ATTEMPT_BUCKETS)))
    side_by_side = "".join(map(str.ljust, heads, repeat(ATTEMPT_BUCKETS), repeat(_NO_CALL)))
    lates = "".join(map(str.__getitem__, calls, repeat(slice(ATTEMPT_BUCKETS, None))))
    dials = [0] * (ATTEMPT_BUCKETS + 1)
    connects = [0] * (ATTEMPT_BUCKETS + 1)
    for index in range(ATTEMPT_BUCKETS):
        for code, n in char_counts(side_by_side[index::ATTEMPT_BUCKETS]).items():
            if code != _NO_CALL:
                _count_dial(dials, connects, index, code, n)
    for code, n in char_counts(lates).items():
        _count_dial(dials, connects, ATTEMPT_BUCKETS, code, n)
    return dials, connects


def _firsts(found: Iterable[re.Match[str] | None]) -> dict[int, int]:
    """Touches needed -> prospects, for the first events found that lie in the window."""
    needed = Counter(
        first.start() + 1
        for first in found
        if first is not None and ord(first.group()) - CODE_BASE & IN_WINDOW_FLAG
    )
    return dict(needed)


def _count_dial(dials: list[int], connects: list[int], index: int, code: str, n: int) -> None:
    flags = ord(code) - CODE_BASE
    if flags & (_DIAL | IN_WINDOW_FLAG) == _DIAL | IN_WINDOW_FLAG:
        dials[index] += n
        if flags & CONVERSATION_FLAG:
            connects[index] += n


_FIRST_CONVERSATION = re.compile(f"[{re.escape(_chars(lambda f: bool(f & CONVERSATION_FLAG)))}]")
_FIRST_MEETING = re.compile(f"[{re.escape(_chars(lambda f: bool(f & MEETING_FLAG)))}]")


def _until_from(needed: dict[int, int], event: str) -> TouchesUntil:
    """TouchesUntil from a histogram (touches needed -> prospects), exact median and mean."""
    total = sum(needed.values())
    tally: dict[str, int] = defaultdict(int)
    for n, prospects in needed.items():
        tally[bucket_label(n, TOUCH_BUCKETS)] += prospects
    return TouchesUntil(
        event=event,
        prospects=total,
        median=_histogram_median(needed, total) if total else None,
        mean=round(sum(n * k for n, k in needed.items()) / total, 2) if total else None,
        distribution=tuple(
            CountBar(label, tally[label]) for label in _bucket_labels(TOUCH_BUCKETS)
        ),
    )


def _histogram_median(histogram: dict[int, int], total: int) -> float:
    """statistics.median of the values the histogram counts, without listing them."""
    low_rank, high_rank = (total - 1) // 2, total // 2  # 0-based ranks of the middle value(s)
    low = high = None
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if low is None and seen > low_rank:
            low = value
        if seen > high_rank:
            high = value
            break
    assert low is not None and high is not None
    return float(low) if low == high else (low + high) / 2


def _give_up_from(retired: Sequence[RetiredProspect], history: HistoryTally) -> GiveUpReport:
    gave_up = sorted(
        (
            GaveUp(p.prospect_id, p.name, p.company, p.status, history.logged.get(p.prospect_id, 0))
            for p in retired
            if history.logged.get(p.prospect_id, 0) < ENOUGH_TOUCHES
            and p.prospect_id not in history.reached_dm
        ),
        key=lambda g: (g.touch_count, g.prospect_id),
    )
    return GiveUpReport(ENOUGH_TOUCHES, len(retired), tuple(gave_up))


def _best_hours_from(hours: Iterable[HourTally]) -> BestHours:
    hour_dials, hour_connects = [0] * 24, [0] * 24
    day_dials, day_connects = [0] * 7, [0] * 7
    unknown = 0
    for tally in hours:
        if tally.hour_of_week is None:
            unknown += tally.dials
            continue
        weekday, hour = divmod(tally.hour_of_week, 24)
        hour_dials[hour] += tally.dials
        day_dials[weekday] += tally.dials
        if tally.connected:
            hour_connects[hour] += tally.dials
            day_connects[weekday] += tally.dials
    return _best_hours(hour_dials, hour_connects, day_dials, day_connects, unknown)


def _best_hours(
    hour_dials: Sequence[int],
    hour_connects: Sequence[int],
    day_dials: Sequence[int],
    day_connects: Sequence[int],
    unknown: int,
) -> BestHours:
    """Connect rates by hour of the day and by weekday, from the dials counted in each."""
    return BestHours(
        by_hour=tuple(
            RateBar(
                f"{h:02d}", hour_dials[h], hour_connects[h], rate(hour_connects[h], hour_dials[h])
            )
            for h in range(24)
        ),
        by_weekday=tuple(
            RateBar(WEEKDAYS[d], day_dials[d], day_connects[d], rate(day_connects[d], day_dials[d]))
            for d in range(7)
        ),
        unknown_zone_dials=unknown,
    )


def utc_offsets(zone: str, start: int, end: int) -> list[tuple[int, int]]:
    """`zone`'s UTC offsets (seconds) from Unix time `start` to `end`: (from, offset)
    pairs, the first from `start`; each change found to the second. Offsets are
    sampled daily, so the store can bucket times by local hour with plain integer
    arithmetic (no zone has changed its offset twice within a day)."""
    tz = ZoneInfo(zone)

    def offset(moment: int) -> int:
        delta = datetime.fromtimestamp(moment, tz).utcoffset()
        return int(delta.total_seconds()) if delta is not None else 0

    segments = [(start, offset(start))]
    probe = start
    while probe < end:
        step = min(probe + 86_400, end)
        if offset(step) != segments[-1][1]:
            low, high = probe, step  # the offset changes in (low, high]
            while high - low > 1:
                middle = (low + high) // 2
                if offset(middle) == segments[-1][1]:
                    low = middle
                else:
                    high = middle
            segments.append((high, offset(high)))
        probe = step
    return segments
