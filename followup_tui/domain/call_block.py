"""Call blocks: a protected hour of dialing with a goal, and its live numbers.

Reps stay at it when they see their progress: time left, dials against the
goal, connects, decision-maker conversations, meetings, dials per hour and
the wrap-up time between one dial's end and the next one's start.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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
        """Time spent in the block so far, pauses excluded."""
        end = self.ended_at or now
        return max(0.0, (end - self.started_at).total_seconds() - self.paused_seconds(end))

    def remaining_seconds(self, now: DateTime) -> float:
        return max(0.0, self.planned_minutes * 60 - self.worked_seconds(now))


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
    """The block's numbers from its logged calls."""
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
        dials_per_hour=pace(len(calls), block.worked_seconds(now)),
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
