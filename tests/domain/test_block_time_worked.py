"""How long a call block was worked: never the night it was left open, never past
its plan plus its pauses, but through a dial that was on the line when time ran out."""

import pendulum

from followup_tui.domain.call_block import (
    LEFT_OPEN_S,
    CallBlock,
    tally,
    time_worked,
    work_ended,
)
from followup_tui.domain.models import Touch

START = pendulum.datetime(2026, 11, 23, 15, tz="UTC")
NEXT_DAY = START.add(hours=30, minutes=4)  # the trial: "14 of 50 dials in 30 h 4 min"


def call(n, start_s, dur, outcome="no_answer"):
    begun = START.add(seconds=start_s)
    return Touch(n, 1, "call", outcome, begun, begun.add(seconds=dur), dur)


def ended(block, at):
    return CallBlock(block.id, block.started_at, block.planned_minutes, block.goal_dials,
                     block.pauses, at)  # fmt: skip


FOURTEEN = [call(n, n * 120, 40) for n in range(14)]  # the last ends at 26 min 40 s


def test_a_block_left_open_overnight_ends_at_its_last_dial():
    block = ended(CallBlock(1, START, 60, 50), NEXT_DAY)
    assert work_ended(block, FOURTEEN, NEXT_DAY) == START.add(minutes=26, seconds=40)
    assert time_worked(block, FOURTEEN, NEXT_DAY) == 26 * 60 + 40
    numbers = tally(block, FOURTEEN, NEXT_DAY)
    assert numbers.dials == 14
    assert round(numbers.dials_per_hour) == 32  # not 0 over 30 hours


def test_a_block_left_open_with_no_dials_lasted_nothing():
    block = ended(CallBlock(1, START, 60, 50), NEXT_DAY)
    assert time_worked(block, [], NEXT_DAY) == 0


def test_a_block_the_time_up_ended_lasts_its_plan():
    """The time-up fires on the next tick, or a minute late: the plan's hour, no more."""
    for late_s in (1, 60, LEFT_OPEN_S):
        block = ended(CallBlock(1, START, 60, 50), START.add(minutes=60, seconds=late_s))
        assert time_worked(block, FOURTEEN, block.ended_at) == 3600, late_s


def test_a_block_ended_early_lasts_until_it_was_ended():
    block = ended(CallBlock(1, START, 60, 50), START.add(minutes=40))
    assert time_worked(block, FOURTEEN, NEXT_DAY) == 40 * 60
    running = CallBlock(1, START, 60, 50)
    assert time_worked(running, FOURTEEN, START.add(minutes=35)) == 35 * 60


def test_a_dial_on_the_line_when_time_ran_out_carries_the_block():
    """A call from 59 min to 71 min, logged 40 s after the hang-up: the block is over
    at the hang-up, and the dial counts."""
    touches = [*FOURTEEN, call(15, 59 * 60, 12 * 60)]
    block = ended(CallBlock(1, START, 60, 50), START.add(minutes=71, seconds=40))
    assert time_worked(block, touches, block.ended_at) == 71 * 60
    # left open after that call: still its end, not the next day
    assert time_worked(ended(block, NEXT_DAY), touches, NEXT_DAY) == 71 * 60
    # while it runs, the call still going keeps the block going
    running = CallBlock(1, START, 60, 50)
    on_the_line = [*FOURTEEN, Touch(15, 1, "call", None, START.add(minutes=59))]
    assert time_worked(running, on_the_line, START.add(minutes=80)) == 80 * 60


def test_pauses_stretch_the_plan_and_are_not_worked():
    pause = (START.add(minutes=30), START.add(minutes=50))
    block = CallBlock(1, START, 60, 50, (pause,))
    assert block.planned_end() == START.add(minutes=80)
    assert time_worked(ended(block, START.add(minutes=80, seconds=2)), [], NEXT_DAY) == 3600
    # left open after the pause, last seen resuming it: 30 minutes worked
    assert time_worked(ended(block, NEXT_DAY), FOURTEEN, NEXT_DAY) == 30 * 60


def test_a_paused_block_has_no_planned_end_yet():
    block = CallBlock(1, START, 60, 50, ((START.add(minutes=10), None),))
    assert block.planned_end() is None
    # ended the next day: the pause, closed then, took the night
    closed = CallBlock(1, START, 60, 50, ((START.add(minutes=10), NEXT_DAY),), NEXT_DAY)
    assert time_worked(closed, FOURTEEN, NEXT_DAY) == 10 * 60


def test_a_pause_after_the_plan_ran_out_does_not_stretch_it():
    block = CallBlock(1, START, 10, 50, ((START.add(minutes=20), None),))
    assert block.planned_end() == START.add(minutes=10)


def test_a_block_recorded_as_ending_well_before_it_was_ended_was_left_open():
    """What the summary tells the rep, else 'in 26 min' for a block ended today."""
    from followup_tui.domain.call_block import was_left_open

    recorded = ended(CallBlock(1, START, 60, 50), START.add(minutes=26, seconds=40))
    assert was_left_open(recorded, NEXT_DAY)
    assert not was_left_open(recorded, START.add(minutes=27))  # ended by the rep, at once
    assert not was_left_open(CallBlock(1, START, 60, 50), NEXT_DAY)  # not ended yet
