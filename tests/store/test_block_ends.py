"""What the store records as a block's end, and which blocks a block is compared
with: on SQLite and PostgreSQL alike."""

import pendulum
import pytest

from followup_tui.domain.call_block import tally
from followup_tui.domain.models import NewProspect
from followup_tui.domain.outcomes import Outcome, Plan
from followup_tui.store import call_blocks as blocks
from followup_tui.store import touches
from followup_tui.store.db import write_transaction
from followup_tui.store.prospects import insert_prospect

NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")
NEXT_DAY = pendulum.datetime(2026, 11, 24, 21, tz="UTC")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" in metafunc.fixturenames:
        metafunc.parametrize("engine", ["sqlite", "postgresql"])


@pytest.fixture
def prospect_id(db) -> int:
    with write_transaction(db):
        return insert_prospect(db, NewProspect(name="Dana Whitfield"), NOW)


PLAN = Plan(status="active", next_touch_at=None)


def dial(db, prospect_id, block_id, at, seconds=40, outcome=Outcome.NO_ANSWER):
    """A dial in the block from `at`, hung up `seconds` later and logged then."""
    running = touches.start_dial(db, prospect_id, at, block_id=block_id)
    touches.log_outcome(db, prospect_id, outcome, PLAN, at.add(seconds=seconds), dial=running,
                        block_id=block_id)  # fmt: skip


def test_a_block_left_open_ends_at_its_last_dial(db, prospect_id):
    """The trial: a block started, two dials, the app quit; the next day the time-up
    ended it. Seen: 'in 30 h 4 min', 'dials/h 0'."""
    block = blocks.start_block(db, 30, 50, NOW)
    dial(db, prospect_id, block.id, NOW.add(minutes=1))
    dial(db, prospect_id, block.id, NOW.add(minutes=3))
    ended = blocks.end_block(db, block.id, NEXT_DAY)
    assert ended.ended_at == NOW.add(minutes=3, seconds=40)
    assert ended.worked_seconds(NEXT_DAY) == 3 * 60 + 40
    assert blocks.current_block(db) is None


def test_a_block_ended_on_time_keeps_its_plan(db, prospect_id):
    block = blocks.start_block(db, 30, 50, NOW)
    dial(db, prospect_id, block.id, NOW.add(minutes=1))
    ended = blocks.end_block(db, block.id, NOW.add(minutes=30, seconds=1))
    assert ended.ended_at == NOW.add(minutes=30)
    assert blocks.end_block(db, block.id, NOW.add(minutes=20)).ended_at == ended.ended_at
    early = blocks.start_block(db, 30, 50, NOW.add(hours=1))
    assert (
        blocks.end_block(db, early.id, NOW.add(hours=1, minutes=12)).worked_seconds(NEXT_DAY)
        == 12 * 60
    )


def test_a_new_block_ends_one_left_open_at_its_last_dial(db, prospect_id):
    first = blocks.start_block(db, 30, 50, NOW)
    dial(db, prospect_id, first.id, NOW.add(minutes=2))
    second = blocks.start_block(db, 30, 50, NEXT_DAY)
    assert blocks.get_block(db, first.id).ended_at == NOW.add(minutes=2, seconds=40)
    assert blocks.current_block(db).id == second.id
    previous = blocks.previous_blocks(db, second.id)
    assert [b.id for b in previous] == [first.id]
    numbers = tally(previous[0], blocks.block_touches(db, first.id), NEXT_DAY)
    assert numbers.dials == 1


def test_blocks_with_no_dials_are_not_compared_with(db, prospect_id):
    """A 9-second test block showed as 'Average of last 1  0  0' and 'Best of those 0'."""
    real = blocks.start_block(db, 60, 50, NOW)
    dial(db, prospect_id, real.id, NOW.add(minutes=1))
    blocks.end_block(db, real.id, NOW.add(minutes=40))
    empty = blocks.start_block(db, 60, 50, NOW.add(hours=1))
    blocks.end_block(db, empty.id, NOW.add(hours=1, seconds=9))
    only_email = blocks.start_block(db, 60, 50, NOW.add(hours=2))
    touches.log_outcome(db, prospect_id, Outcome.SENT, PLAN, NOW.add(hours=2, minutes=1),
                        channel="email", block_id=only_email.id)  # fmt: skip
    blocks.end_block(db, only_email.id, NOW.add(hours=2, minutes=2))
    abandoned = blocks.start_block(db, 60, 50, NOW.add(hours=3))
    touches.start_dial(db, prospect_id, NOW.add(hours=3, minutes=1), block_id=abandoned.id)
    blocks.end_block(db, abandoned.id, NOW.add(hours=3, minutes=2))
    latest = blocks.start_block(db, 60, 50, NOW.add(hours=4))
    assert [b.id for b in blocks.previous_blocks(db, latest.id)] == [real.id]
    assert blocks.previous_blocks(db, latest.id, limit=1)[0].id == real.id
    assert blocks.previous_blocks(db, real.id) == []
