import pendulum

from followup_tui.domain.models import NewProspect
from followup_tui.store import call_blocks as blocks
from followup_tui.store.db import write_transaction
from followup_tui.store.prospects import insert_prospect
from tests.store.test_block_ends import dial  # a dial logged in a block

NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")


def test_start_pause_resume_end(db):
    block = blocks.start_block(db, 45, 30, NOW)
    assert blocks.current_block(db) == block
    block = blocks.set_paused(db, block.id, True, NOW.add(minutes=5))
    assert block.paused
    block = blocks.set_paused(db, block.id, False, NOW.add(minutes=8))
    assert not block.paused and block.pauses == ((NOW.add(minutes=5), NOW.add(minutes=8)),)
    ended = blocks.end_block(db, block.id, NOW.add(minutes=20))
    assert ended.ended_at == NOW.add(minutes=20) and blocks.current_block(db) is None
    assert ended.worked_seconds(NOW.add(hours=5)) == 17 * 60


def test_one_block_at_a_time_and_previous_blocks(db):
    with write_transaction(db):
        prospect_id = insert_prospect(db, NewProspect(name="Dana Whitfield"), NOW)
    first = blocks.start_block(db, 60, 50, NOW)
    dial(db, prospect_id, first.id, NOW.add(minutes=50))
    second = blocks.start_block(db, 60, 50, NOW.add(hours=1))  # ends the first
    assert blocks.get_block(db, first.id).ended_at == NOW.add(hours=1)
    assert blocks.current_block(db).id == second.id
    assert [b.id for b in blocks.previous_blocks(db, second.id)] == [first.id]
    third = blocks.start_block(db, 60, 50, NOW.add(hours=2))  # the second had no dial
    assert [b.id for b in blocks.previous_blocks(db, third.id)] == [first.id]


def test_ending_a_paused_block_closes_the_pause(db):
    block = blocks.start_block(db, 60, 50, NOW)
    blocks.set_paused(db, block.id, True, NOW.add(minutes=10))
    ended = blocks.end_block(db, block.id, NOW.add(minutes=30))
    assert ended.pauses == ((NOW.add(minutes=10), NOW.add(minutes=30)),)
    assert ended.worked_seconds(NOW.add(minutes=30)) == 600
