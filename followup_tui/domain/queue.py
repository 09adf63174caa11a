"""Who to call now, in what order, and who is held back and why.

Order: callbacks promised for a time come first at that time; then due touches
whose prospect may be called now, warmest first (see signals.warm_score), then
most overdue. A prospect that is due but may not be called now is held, with
a Hold (domain.holds) that says why and when it lifts. Do-not-call prospects
appear nowhere.

Judging runs for every due prospect (tens of thousands on a big territory), so
one `Judging` per build reads the clock once and caches its answers by what
really varies: the calling window by (zones, rule), the rule by number prefix.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from msgspec import Struct, field
from pendulum import DateTime

from followup_tui.domain.cadence import CALL_CHANNELS, Cadence, Step
from followup_tui.domain.calling_hours import WeekHours, is_open, next_opening
from followup_tui.domain.caps import ASKED_FOR, Caps, TouchTime, cap_lift, instant, plain_utc
from followup_tui.domain.display import when_text
from followup_tui.domain.holds import (
    NO_ZONE,
    WRONG_NUMBER,
    Hold,
    HoldKind,
    capped,
    no_number,
    outside_hours,
)
from followup_tui.domain.local_time import zone_of
from followup_tui.domain.models import Prospect
from followup_tui.domain.numbers import numbers_of, zones_for
from followup_tui.domain.outcomes import PARKED, Status
from followup_tui.domain.policy import Policy
from followup_tui.domain.signals import SALES_READY_KINDS, warm_score


class Candidate(Struct, frozen=True):
    """A due prospect with what the queue needs to judge it."""

    prospect: Prospect
    signals: tuple[tuple[str, datetime], ...] = ()
    recent: tuple[TouchTime, ...] = ()  # touches in the last 8 days


class QueueEntry(Struct, frozen=True):
    prospect: Prospect
    due_at: DateTime
    step: Step | None
    warm: int = 0
    sales_ready: bool = False
    callback: bool = False
    revisit: bool = False  # back from the not-now list on its revisit date
    hold: Hold | None = None

    @property
    def held(self) -> bool:
        return self.hold is not None

    @property
    def held_reason(self) -> str | None:
        """The hold's words (kept for screens that predate Hold)."""
        return self.hold.reason if self.hold is not None else None

    @property
    def opens_at(self) -> DateTime | None:
        return self.hold.opens_at if self.hold is not None else None


class Queue(Struct, frozen=True, dict=True):
    """What is due now, ready and held. What it works out on first use is kept beside
    the fields (dict=True), never part of the value: the entries by prospect id
    (requeue finds a changed prospect's row without walking tens of thousands of
    them), and the ready entries split into calls and tasks (carried over by
    requeue: the calls view switches and follows an outcome without a walk)."""

    ready: list[QueueEntry] = field(default_factory=list)
    held: list[QueueEntry] = field(default_factory=list)

    @property
    def calls(self) -> list[QueueEntry]:
        """Ready entries whose step is a call (callbacks and revisits included), in order."""
        return self._calls_and_tasks()[0]

    @property
    def tasks(self) -> list[QueueEntry]:
        """Ready entries whose step is an email, LinkedIn message, letter or text."""
        return self._calls_and_tasks()[1]

    def _calls_and_tasks(self) -> list[list[QueueEntry]]:
        split: list[list[QueueEntry]] | None = self.__dict__.get("split")
        if split is None:
            calls: list[QueueEntry] = []
            tasks: list[QueueEntry] = []
            add_call, add_task = calls.append, tasks.append
            for entry in self.ready:
                (add_call if is_call_entry(entry) else add_task)(entry)
            split = self.__dict__["split"] = [calls, tasks]
        return split

    def entry(self, prospect_id: int) -> QueueEntry | None:
        """The prospect's entry (ready or held), if it is in the queue."""
        return self._index().get(prospect_id)

    def _index(self) -> dict[int, QueueEntry]:
        index: dict[int, QueueEntry] | None = self.__dict__.get("by_id")
        if index is None:
            index = {e.prospect.id: e for e in self.ready}
            index.update((e.prospect.id, e) for e in self.held)
            self.__dict__["by_id"] = index
        return index

    def _worked_out(
        self, index: dict[int, QueueEntry], split: list[list[QueueEntry]] | None
    ) -> Queue:
        """This queue, given what another worked out and requeue kept up to date."""
        self.__dict__["by_id"] = index
        if split is not None:
            self.__dict__["split"] = split
        return self


def is_call_entry(entry: QueueEntry) -> bool:
    """A call to make (a step past the cadence's end is judged as a call too)."""
    step = entry.step
    return step is None or step.channel in CALL_CHANNELS


def due_at(prospect: Prospect) -> DateTime | None:
    """When a prospect is due: its next touch, or its revisit date when parked."""
    if prospect.do_not_call:
        return None
    if prospect.status == Status.ACTIVE:
        return prospect.next_touch_at
    if prospect.status in PARKED:
        return prospect.revisit_at
    return None


def is_due_again(prospect: Prospect, now: DateTime) -> bool:
    """A parked prospect whose revisit day has come: it is in the due list again (as
    a revisit) while its status still says not now or not interested."""
    due = due_at(prospect)
    return prospect.status in PARKED and due is not None and due <= now


CALLBACK_STEP = Step("call", 0, "the callback they asked for")


def asked_for_now(prospect: Prospect, now: DateTime) -> bool:
    """A callback they asked for whose time has come: dialed now it is their request,
    not a cold touch, so the gentle caps do not hold it. Dialed before that time it is
    a call like any other (the queue shows it only once due)."""
    if prospect.status != Status.ACTIVE or not prospect.next_touch_is_callback:
        return False
    return prospect.next_touch_at is not None and prospect.next_touch_at <= now


def current_step(prospect: Prospect, policy: Policy) -> Step | None:
    """The step this touch is: a promised callback is a call whatever the cadence
    says; a parked prospect coming back starts at the top."""
    if prospect.status == Status.ACTIVE and prospect.next_touch_is_callback:
        return CALLBACK_STEP
    index = prospect.cadence_step if prospect.status == Status.ACTIVE else 0
    return policy.cadence(prospect.cadence).step(index)


History = Sequence[tuple[float, bool]]
"""Logged touches of the last 8 days as (POSIX timestamp, was a call): what the caps
need, without an object per touch."""


def history_of(recent: Iterable[TouchTime]) -> list[tuple[float, bool]]:
    return [(t.at.timestamp(), t.is_call) for t in recent]


class Judging:
    """One build's judge: `now` read once, answers cached by what varies.

    Everything cached here depends only on `now`, the policy and the key, so the
    answers are the same as judging each prospect on its own: the calling window by
    (zones, hours), the cadence by name, the rule by number prefix (CallingRules).
    """

    __slots__ = ("_cadences", "_now_utc", "_stamp", "_windows", "now", "policy")

    def __init__(self, now: DateTime, policy: Policy) -> None:
        self.now = now
        self.policy = policy
        self._now_utc = plain_utc(now)  # a stdlib datetime: fast arithmetic
        self._stamp = now.timestamp()
        self._windows: dict[tuple[tuple[str, ...], int], Hold | None] = {}
        self._cadences: dict[str, Cadence] = {}

    def entry(
        self,
        prospect: Prospect,
        signals: Sequence[tuple[str, datetime]] = (),
        history: History = (),
    ) -> QueueEntry | None:
        """The queue entry for a prospect (ready or held), or None if it is not due."""
        if prospect.do_not_call:
            return None
        status = prospect.status
        active = status == Status.ACTIVE
        if active:
            due = prospect.next_touch_at
        elif status in PARKED:
            due = prospect.revisit_at
        else:
            return None
        if due is None or due > self.now:
            return None
        callback = active and prospect.next_touch_is_callback
        if callback:
            step: Step | None = CALLBACK_STEP
        else:
            step = self._cadence(prospect.cadence).step(prospect.cadence_step if active else 0)
        warm = sales_ready = 0
        if signals:
            warm = warm_score(signals, self._now_utc)
            sales_ready = len({kind for kind, _ in signals}) >= SALES_READY_KINDS
        return QueueEntry(
            prospect,
            due,
            step,
            warm,
            bool(sales_ready),
            callback,
            not active,
            self.hold(prospect, step, history),
        )

    def _cadence(self, name: str) -> Cadence:
        try:
            return self._cadences[name]
        except KeyError:
            found = self._cadences[name] = self.policy.cadence(name)
            return found

    def hold(self, prospect: Prospect, step: Step | None, history: History) -> Hold | None:
        """Why this prospect may not be touched now (see hold_for)."""
        is_call = step is None or step.is_call
        caps = ASKED_FOR if step is CALLBACK_STEP else self.policy.caps
        if is_call and len(prospect.numbers) > 1:
            return self._hold_numbers(prospect, history, caps)
        zones = (prospect.timezone,) if prospect.timezone else prospect.phone_zones
        if is_call:
            if prospect.phone_bad:
                return WRONG_NUMBER
            if not prospect.phone_e164:
                return no_number(prospect.phone_problem)
            if not zones:
                return NO_ZONE
        rule = self.policy.rules.rule_for(prospect.phone_e164)
        hours = rule.hours if rule else self.policy.rules.default
        if history:
            found = cap_lift(
                self._stamp,
                history,
                caps,
                zone=zone_of(prospect) or "UTC",
                is_call=is_call,
                calls_per_24h=rule.max_calls_per_24h if rule else None,
            )
            if found is not None:
                return _capped_until(found, [(zones, hours)] if is_call else [])
        if not is_call:
            return None
        return self._window(zones, hours)

    def _hold_numbers(self, prospect: Prospect, history: History, caps: Caps) -> Hold | None:
        """A call to a prospect with several numbers: held only when none of its good
        numbers may be called now (each judged in its own zones, by its own rule);
        then until the soonest of them opens."""
        good = [n for n in numbers_of(prospect) if n.good]
        if not good:
            return WRONG_NUMBER if prospect.phone_bad else no_number(prospect.phone_problem)
        rules = self.policy.rules
        windows = []
        for number in good:
            zones = zones_for(prospect, number)
            if zones:
                windows.append((zones, rules.hours_for(number.e164)))
        if not windows:
            return NO_ZONE
        if history:
            rule = rules.rule_for(prospect.phone_e164)
            found = cap_lift(self._stamp, history, caps, zone=zone_of(prospect) or "UTC",
                             is_call=True,
                             calls_per_24h=rule.max_calls_per_24h if rule else None)  # fmt: skip
            if found is not None:
                return _capped_until(found, windows)
        held = [self._window(zones, hours) for zones, hours in windows]
        if any(h is None for h in held):
            return None
        openings = [h.opens_at for h in held if h is not None and h.opens_at is not None]
        return outside_hours(min(openings) if openings else None)

    def _window(self, zones: tuple[str, ...], hours: WeekHours) -> Hold | None:
        """Outside calling hours now, and the opening: one answer per zone set and hours."""
        key = (zones, id(hours))
        try:
            return self._windows[key]
        except KeyError:
            pass
        found = None
        if not is_open(self.now, zones, hours):
            found = outside_hours(next_opening(self.now, zones, hours))
        self._windows[key] = found
        return found


def _capped_until(
    found: tuple[str, float], windows: Sequence[tuple[tuple[str, ...], WeekHours]]
) -> Hold:
    """A cap on a call lifts when a number may ring again: the first calling window
    open after the cap itself lifts (a cap that lifts at midnight opens at 08:00)."""
    reason, stamp = found
    lifts = instant(datetime.fromtimestamp(stamp, UTC))
    openings = [next_opening(lifts, zones, hours) for zones, hours in windows]
    found_open = [o for o in openings if o is not None]
    return capped(reason, min(found_open) if found_open else lifts)


def judge_due(
    prospects: Iterable[Prospect],
    signals: Mapping[int, Sequence[tuple[str, datetime]]],
    histories: Mapping[int, History],
    now: DateTime,
    policy: Policy,
    judging: Judging | None = None,
) -> Queue:
    """The queue from prospects and, by prospect id, their signals and touch history:
    build_queue without an object per candidate or per touch (the store's fast path).
    `judging` shares one build's caches across several calls."""
    judging = judging or Judging(now, policy)
    ready: list[QueueEntry] = []
    held: list[QueueEntry] = []
    no_signals: tuple[tuple[str, datetime], ...] = ()
    no_history: History = ()
    for prospect in prospects:
        pid = prospect.id
        entry = judging.entry(
            prospect, signals.get(pid, no_signals), histories.get(pid, no_history)
        )
        if entry is not None:
            (held if entry.hold is not None else ready).append(entry)
    ready.sort(key=ready_order)
    held.sort(key=held_order)
    index = {e.prospect.id: e for e in ready}
    index.update((e.prospect.id, e) for e in held)
    return Queue(ready, held)._worked_out(index, None)  # indexed here, in the worker


def build_queue(candidates: Iterable[Candidate], now: DateTime, policy: Policy) -> Queue:
    judging = Judging(now, policy)
    ready: list[QueueEntry] = []
    held: list[QueueEntry] = []
    for candidate in candidates:
        entry = judging.entry(candidate.prospect, candidate.signals, history_of(candidate.recent))
        if entry is not None:
            (held if entry.hold is not None else ready).append(entry)
    ready.sort(key=ready_order)
    held.sort(key=held_order)
    return Queue(ready, held)


DUE_ORDER_LEGEND = (
    "Due (1), in this order: callbacks at the time promised, then the warmest leads"
    " (an ebook, a webinar, a booth visit: the more recent, the warmer), then the most"
    " overdue"
)
"""Why the due list is not simply by lateness (`?` shows it); ready_order is the rule."""


def ready_order(entry: QueueEntry) -> tuple[Any, ...]:
    """Callbacks at their time first, then warmest, then most overdue."""
    # A callback's time, else 0: the two never meet, the first item tells them apart.
    callback_time = entry.due_at if entry.callback else 0.0
    return (not entry.callback, callback_time, -entry.warm, entry.due_at, entry.prospect.id)


def held_order(entry: QueueEntry) -> tuple[Any, ...]:
    """Soonest to open first; those waiting on the rep (no opening) last."""
    opens_at = entry.opens_at
    return (opens_at is None, opens_at or entry.due_at, entry.prospect.id)


def requeue(
    queue: Queue,
    changed: Collection[int],
    candidates: Iterable[Candidate],
    now: DateTime,
    policy: Policy,
) -> Queue:
    """`queue` with the `changed` prospects judged again from their fresh `candidates`
    (a changed prospect that is no longer due has none, and leaves). After an outcome
    one prospect moves; judging tens of thousands again would freeze the screen."""
    index = dict(queue._index())
    ready, held = list(queue.ready), list(queue.held)
    # The calls/tasks split follows along when the old queue had made it.
    made: list[list[QueueEntry]] | None = queue.__dict__.get("split")
    split = [list(part) for part in made] if made is not None else []

    def split_part(entry: QueueEntry) -> list[QueueEntry] | None:
        return split[0 if is_call_entry(entry) else 1] if split else None

    for pid in changed:
        old = index.pop(pid, None)
        if old is None:
            continue
        _remove(held if old.held else ready, old, held_order if old.held else ready_order)
        part = None if old.held else split_part(old)
        if part is not None:
            _remove(part, old, ready_order)
    judging = Judging(now, policy)
    for candidate in candidates:
        entry = judging.entry(candidate.prospect, candidate.signals, history_of(candidate.recent))
        if entry is None:
            continue
        index[entry.prospect.id] = entry
        if entry.held:
            insort(held, entry, key=held_order)
            continue
        insort(ready, entry, key=ready_order)
        part = split_part(entry)
        if part is not None:
            insort(part, entry, key=ready_order)
    return Queue(ready, held)._worked_out(index, split or None)


def _remove(
    entries: list[QueueEntry], entry: QueueEntry, order: Callable[[QueueEntry], Any]
) -> None:
    """Take `entry` out of `entries`, sorted by `order`: found by bisection (every
    key ends with the prospect id, so it is unique)."""
    at = bisect_left(entries, order(entry), key=order)
    if at < len(entries) and entries[at] is entry:
        del entries[at]
    else:  # not where its key says: a list someone sorted otherwise
        entries.remove(entry)


def judge(candidate: Candidate, now: DateTime, policy: Policy) -> QueueEntry | None:
    """The queue entry for a candidate (ready or held), or None if it is not due."""
    return Judging(now, policy).entry(
        candidate.prospect, candidate.signals, history_of(candidate.recent)
    )


def hold_for(
    prospect: Prospect,
    step: Step | None,
    recent: Iterable[TouchTime],
    now: DateTime,
    policy: Policy,
) -> Hold | None:
    """Why this prospect may not be touched now, or None. A call needs a good number,
    a known zone and an open window; every touch respects the caps."""
    return Judging(now, policy).hold(prospect, step, history_of(recent))


def hold_reason_and_opening(
    prospect: Prospect,
    step: Step | None,
    recent: Iterable[TouchTime],
    now: DateTime,
    policy: Policy,
) -> tuple[str | None, DateTime | None]:
    """Deprecated: hold_for as the old (reason, opens_at) pair, for screens that still
    parse the reason. Decide by Hold.kind / Hold.overridable instead."""
    hold = hold_for(prospect, step, recent, now, policy)
    return (None, None) if hold is None else (hold.reason, hold.opens_at)


def held_text(entry: QueueEntry, fallback_zone: str, now: DateTime | None = None) -> str:
    """'outside calling hours, opens Mon 08:00 their time' for the held view and CLI;
    more than a week away, with its date (a cap or a holiday week can hold longer)."""
    hold = entry.hold
    if hold is None:
        return ""
    if hold.opens_at is None:
        return hold.reason
    local = hold.opens_at.in_tz(zone_of(entry.prospect) or fallback_zone)
    return f"{hold.reason}, opens {when_text(local, now)} their time"


def short_hold(entry: QueueEntry, now: DateTime, fallback_zone: str) -> str:
    """A held row's tag: why and until when, their time ('hours 08:00' for outside
    calling hours until 08:00, 'cap Tue 09:00'), or 'no zone', 'bad number'."""
    hold = entry.hold
    if hold is None:
        return ""
    if hold.opens_at is None:
        return hold.tag
    return f"{hold.tag} {their_clock(entry.prospect, hold.opens_at, now, fallback_zone)}"


def callback_tag(entry: QueueEntry, now: DateTime, fallback_zone: str) -> str:
    """A promised callback's tag where a row has room: the time they gave, their
    time ('callback 15:00'; 'callback Fri 15:00' from another day)."""
    return f"callback {their_clock(entry.prospect, entry.due_at, now, fallback_zone)}"


def their_clock(prospect: Prospect, moment: DateTime, now: DateTime, fallback_zone: str) -> str:
    """`moment` on the prospect's clock, short: '08:00' today there, else 'Tue 08:00'."""
    zone = zone_of(prospect) or fallback_zone
    local = moment.in_tz(zone)
    today = local.date() == now.in_tz(zone).date()
    return local.format("HH:mm") if today else when_text(local, now)


__all__ = [
    "Candidate",
    "Hold",
    "HoldKind",
    "Judging",
    "Queue",
    "QueueEntry",
    "build_queue",
    "callback_tag",
    "current_step",
    "due_at",
    "held_text",
    "hold_for",
    "is_call_entry",
    "judge",
    "judge_due",
    "requeue",
    "short_hold",
    "their_clock",
]
