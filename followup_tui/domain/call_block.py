"""Call blocks: a protected hour of dialing with a goal, and its live numbers.

Reps stay at it when they see their progress: time left, dials against the
goal, connects, decision-maker conversations, meetings, dials per hour and
the wrap-up time between one dial's end and the next one's start.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta
from itertools import pairwise

from msgspec import Struct
from pendulum import DateTime

from followup_tui.domain.models import Touch
from followup_tui.domain.outcomes import CONVERSATIONS, Outcome

DEFAULT_MINUTES = 60
DEFAULT_GOAL = 50
# Dials per hour mean something only after this many dials and minutes worked:
# two quick dials in the first minute read as "101/h".
PACE_MIN_DIALS = 5
PACE_MIN_MINUTES = 10
# While the app is open, the time-up ends a block within a second or two of its
# planned end. One whose recorded end is later than this past it (and past the
# dial that kept it going) was left open: the app closed, the computer asleep.
LEFT_OPEN_S = 5 * 60

Pause = tuple[DateTime, DateTime | None]  # end None while paused


class CallBlock(Struct, frozen=True):
    id: int
    started_at: DateTime
    planned_minutes: int = DEFAULT_MINUTES
    goal_dials: int = DEFAULT_GOAL
    pauses: tuple[Pause, ...] = ()
    ended_at: DateTime | None = None

    @property
    def paused(self) -> bool:
        return bool(self.pauses) and self.pauses[-1][1] is None

    def paused_seconds(self, now: DateTime) -> float:
        return sum(_overlap(pause, self.started_at, now) for pause in self.pauses)

    def worked_seconds(self, now: DateTime) -> float:
        """Time on the block's clock so far (to its recorded end), pauses excluded.
        What the block is judged by once over is `time_worked`."""
        return self.worked_to(self.ended_at or now)

    def worked_to(self, end: DateTime) -> float:
        """Time on the block's clock from its start to `end`, pauses excluded."""
        return max(0.0, (end - self.started_at).total_seconds() - self.paused_seconds(end))

    def remaining_seconds(self, now: DateTime) -> float:
        return max(0.0, self.planned_minutes * 60 - self.worked_seconds(now))

    def planned_end(self) -> DateTime | None:
        """When its planned minutes run out, its pauses added; None while paused
        with time left (the end is not known yet)."""
        left = self.planned_minutes * 60.0
        at = self.started_at
        for start, end in self.pauses:
            if start > at:
                run = (start - at).total_seconds()
                if run >= left:
                    break
                left -= run
            if end is None:
                return None
            at = max(at, end)
        return at + timedelta(seconds=left)


def work_ended(block: CallBlock, touches: Iterable[Touch], now: DateTime) -> DateTime:
    """When the block's work ended (now, while it runs): what its time worked and
    its pace are worked out over, in the summary and among previous blocks alike.

    The recorded end (or now) stands while it is within the plan: the planned
    minutes plus the pauses. Past it, the block lasts to its planned end, or to
    its last activity if that is later: a dial on the line when time ran out
    keeps the block going until it is over. A block still going more than
    LEFT_OPEN_S after that was left open: the app was closed (or the computer
    asleep) when its time ran out, else the time-up would have ended it. When
    the rep stopped is then unknown, so it ends at the last thing they did in it
    (its start, a pause or resume, a dial's or a logged touch's end): the time
    known to be worked, never the night in between."""
    end = block.ended_at or now
    due = block.planned_end()
    if due is None or end <= due:
        return end
    last = _last_activity(block, touches, end)
    if end - max(due, last) > timedelta(seconds=LEFT_OPEN_S):
        return last
    return max(due, last)


def was_left_open(ended: CallBlock, now: DateTime) -> bool:
    """Whether a block ended at `now` was recorded as ending well before it: its time
    ran out while the app was closed (see work_ended), which the rep is told."""
    end = ended.ended_at
    return end is not None and (now - end).total_seconds() > LEFT_OPEN_S


def time_worked(block: CallBlock, touches: Iterable[Touch], now: DateTime) -> float:
    """Seconds the block was worked, pauses excluded, to `work_ended`."""
    return block.worked_to(work_ended(block, touches, now))


def _last_activity(block: CallBlock, touches: Iterable[Touch], end: DateTime) -> DateTime:
    """The rep's last sign of work in the block, no later than `end`. A dial with
    neither an outcome nor an end is on the line while the block runs."""
    moments = [block.started_at]
    moments += [moment for pause in block.pauses for moment in pause if moment is not None]
    for touch in touches:
        if touch.ended_at is not None:
            moments.append(touch.ended_at)
        elif touch.outcome is None and block.ended_at is None:
            moments.append(end)
        else:
            moments.append(touch.started_at)
    return min(max(moments), end)


class BlockTally(Struct, frozen=True):
    # Counts; floats only in the average over previous blocks.
    dials: float = 0
    connects: float = 0
    decision_makers: float = 0
    meetings: float = 0
    dials_per_hour: float | None = None
    wrap_up_s: float | None = None  # average time from a dial's end to the next one's start
    talk_s: int = 0


def tally(block: CallBlock, touches: Iterable[Touch], now: DateTime) -> BlockTally:
    """The block's numbers from its logged calls; its pace over `time_worked`."""
    touches = list(touches)
    calls = sorted(
        (t for t in touches if t.channel == "call" and t.outcome is not None),
        key=lambda t: t.started_at,
    )
    conversations = [t for t in calls if t.outcome in CONVERSATIONS]
    return BlockTally(
        dials=len(calls),
        connects=len(conversations),
        decision_makers=sum(t.decision_maker for t in conversations),
        meetings=sum(t.outcome == Outcome.MEETING for t in calls),
        dials_per_hour=pace(len(calls), time_worked(block, touches, now)),
        wrap_up_s=_average_wrap_up(calls, block.pauses),
        talk_s=sum(t.duration_s or 0 for t in conversations),
    )


def pace(dials: float, worked_s: float) -> float | None:
    """Dials per hour, or None until there are PACE_MIN_DIALS dials and
    PACE_MIN_MINUTES worked to go on: the status line and the summary alike."""
    if dials < PACE_MIN_DIALS or worked_s < PACE_MIN_MINUTES * 60:
        return None
    return dials / (worked_s / 3600)


def shown_pace(block: CallBlock, numbers: BlockTally, now: DateTime) -> float | None:
    """The dials per hour worth showing while the block runs, else None."""
    return pace(numbers.dials, block.worked_seconds(now))


def _average_wrap_up(calls: Sequence[Touch], pauses: Sequence[Pause]) -> float | None:
    """Mean gap between one dial's end and the next dial's start, pauses left out."""
    gaps = []
    for before, after in pairwise(calls):
        end = before.ended_at or before.started_at
        if after.started_at <= end:
            continue
        gap = (after.started_at - end).total_seconds()
        gap -= sum(_overlap(pause, end, after.started_at) for pause in pauses)
        gaps.append(max(0.0, gap))
    return sum(gaps) / len(gaps) if gaps else None


def _overlap(pause: Pause, start: DateTime, end: DateTime) -> float:
    """Seconds of `pause` that fall between `start` and `end`."""
    pause_start, pause_end = pause
    lo = max(pause_start, start)
    hi = min(pause_end or end, end)
    return max(0.0, (hi - lo).total_seconds())
