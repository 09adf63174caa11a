"""Who to call now, in what order, and who is held back and why.

Order: callbacks promised for a time come first at that time; then due touches
whose prospect may be called now, warmest first (see signals.warm_score), then
most overdue. A prospect that is due but may not be called now is held, with
the reason and when that lifts. Do-not-call prospects appear nowhere.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from pendulum import DateTime

from followup_tui.domain.cadence import Step
from followup_tui.domain.calling_hours import is_open, next_opening
from followup_tui.domain.caps import TouchTime, cap_hold
from followup_tui.domain.local_time import zone_of, zones_of
from followup_tui.domain.models import Prospect
from followup_tui.domain.outcomes import PARKED, Status
from followup_tui.domain.policy import Policy
from followup_tui.domain.signals import is_sales_ready, warm_score


@dataclass(frozen=True)
class Candidate:
    """A due prospect with what the queue needs to judge it."""

    prospect: Prospect
    signals: tuple[tuple[str, DateTime], ...] = ()
    recent: tuple[TouchTime, ...] = ()  # touches in the last 8 days


@dataclass(frozen=True)
class QueueEntry:
    prospect: Prospect
    due_at: DateTime
    step: Step | None
    warm: int = 0
    sales_ready: bool = False
    callback: bool = False
    revisit: bool = False  # back from the not-now list on its revisit date
    held_reason: str | None = None
    opens_at: DateTime | None = None

    @property
    def held(self) -> bool:
        return self.held_reason is not None


@dataclass(frozen=True)
class Queue:
    ready: list[QueueEntry] = field(default_factory=list)
    held: list[QueueEntry] = field(default_factory=list)


def due_at(prospect: Prospect) -> DateTime | None:
    """When a prospect is due: its next touch, or its revisit date when parked."""
    if prospect.do_not_call:
        return None
    if prospect.status == Status.ACTIVE:
        return prospect.next_touch_at
    if prospect.status in PARKED:
        return prospect.revisit_at
    return None


CALLBACK_STEP = Step("call", 0, "the callback they asked for")


def current_step(prospect: Prospect, policy: Policy) -> Step | None:
    """The step this touch is: a promised callback is a call whatever the cadence
    says; a parked prospect coming back starts at the top."""
    if prospect.status == Status.ACTIVE and prospect.next_touch_is_callback:
        return CALLBACK_STEP
    index = prospect.cadence_step if prospect.status == Status.ACTIVE else 0
    return policy.cadence(prospect.cadence).step(index)


def build_queue(candidates: Iterable[Candidate], now: DateTime, policy: Policy) -> Queue:
    ready: list[QueueEntry] = []
    held: list[QueueEntry] = []
    for candidate in candidates:
        entry = judge(candidate, now, policy)
        if entry is not None:
            (held if entry.held else ready).append(entry)
    ready.sort(key=ready_order)
    held.sort(key=held_order)
    return Queue(ready, held)


def ready_order(entry: QueueEntry) -> tuple:
    """Callbacks at their time first, then warmest, then most overdue."""
    callback_time = entry.due_at.timestamp() if entry.callback else 0.0
    return (not entry.callback, callback_time, -entry.warm, entry.due_at, entry.prospect.id)


def held_order(entry: QueueEntry) -> tuple:
    """Soonest to open first; those waiting on the rep (no opening) last."""
    return (entry.opens_at is None, entry.opens_at or entry.due_at, entry.prospect.id)


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
    ready = [e for e in queue.ready if e.prospect.id not in changed]
    held = [e for e in queue.held if e.prospect.id not in changed]
    for candidate in candidates:
        entry = judge(candidate, now, policy)
        if entry is None:
            continue
        if entry.held:
            insort(held, entry, key=held_order)
        else:
            insort(ready, entry, key=ready_order)
    return Queue(ready, held)


def judge(candidate: Candidate, now: DateTime, policy: Policy) -> QueueEntry | None:
    """The queue entry for a candidate (ready or held), or None if it is not due."""
    prospect = candidate.prospect
    due = due_at(prospect)
    if due is None or due > now:
        return None
    step = current_step(prospect, policy)
    entry = QueueEntry(
        prospect=prospect,
        due_at=due,
        step=step,
        warm=warm_score(candidate.signals, now),
        sales_ready=is_sales_ready(kind for kind, _ in candidate.signals),
        callback=prospect.next_touch_is_callback and prospect.status == Status.ACTIVE,
        revisit=prospect.status in PARKED,
    )
    reason, opens_at = hold_for(prospect, step, candidate.recent, now, policy)
    if reason is None:
        return entry
    return QueueEntry(**{**entry.__dict__, "held_reason": reason, "opens_at": opens_at})


def hold_for(
    prospect: Prospect,
    step: Step | None,
    recent: Iterable[TouchTime],
    now: DateTime,
    policy: Policy,
) -> tuple[str | None, DateTime | None]:
    """Why this prospect may not be touched now, and when that lifts (None: when the
    rep acts). A call needs a good number, a known zone and an open window; every
    touch respects the caps."""
    is_call = step is None or step.is_call
    zones = zones_of(prospect)
    if is_call:
        if prospect.phone_bad:
            return "wrong number: find a new one", None
        if not prospect.phone_e164:
            return f"no valid number ({prospect.phone_problem or 'none given'})", None
        if not zones:
            return "time zone unknown: set one before calling", None
    rule = policy.rules.rule_for(prospect.phone_e164)
    hold = cap_hold(
        now,
        list(recent),
        policy.caps,
        zone=zone_of(prospect) or "UTC",
        is_call=is_call,
        calls_per_24h=rule.max_calls_per_24h if rule else None,
    )
    if hold is not None:
        return f"cap: {hold.reason}", hold.opens_at
    hours = policy.rules.hours_for(prospect.phone_e164)
    if is_call and not is_open(now, zones, hours):
        return "outside calling hours", next_opening(now, zones, hours)
    return None, None


def held_text(entry: QueueEntry, fallback_zone: str) -> str:
    """'outside calling hours, opens 08:00 their time (Mon)' for the held view and CLI."""
    if entry.held_reason is None:
        return ""
    if entry.opens_at is None:
        return entry.held_reason
    local = entry.opens_at.in_tz(zone_of(entry.prospect) or fallback_zone)
    return f"{entry.held_reason}, opens {local.format('ddd HH:mm')} their time"


def short_hold(entry: QueueEntry, now: DateTime, fallback_zone: str) -> str:
    """A held row's tag: why and until when, their time ('hours 08:00' for outside
    calling hours until 08:00, 'cap Tue 09:00'), or 'no zone', 'bad number'."""
    reason = entry.held_reason or ""
    if entry.opens_at is None:
        for start, tag in HOLD_TAGS:
            if reason.startswith(start):
                return tag
        return "held"
    local = entry.opens_at.in_tz(zone_of(entry.prospect) or fallback_zone)
    today = local.date() == now.in_tz(local.timezone).date()
    why = "cap" if reason.startswith("cap") else "hours"
    return f"{why} {local.format('HH:mm' if today else 'ddd HH:mm')}"


HOLD_TAGS = (("wrong", "bad number"), ("no valid", "no number"), ("time zone", "no zone"))
