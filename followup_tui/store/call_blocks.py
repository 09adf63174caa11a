"""Call blocks in the database: start, pause, resume, end, and their touches."""

from __future__ import annotations

import json

from pendulum import DateTime

from followup_tui.domain.call_block import CallBlock, Pause, work_ended
from followup_tui.domain.clock import from_iso, to_iso
from followup_tui.domain.models import Touch
from followup_tui.store.db import Database, write_transaction
from followup_tui.store.rows import touch_from_row


def start_block(db: Database, minutes: int, goal: int, now: DateTime) -> CallBlock:
    """Start a block; one that is still running is ended first (one block at a time)."""
    with write_transaction(db):
        for row in db.execute(
            f"SELECT {_COLUMNS} FROM call_blocks WHERE ended_at IS NULL"
        ).fetchall():
            _close(db, _block(row), now)
        cursor = db.execute(
            "INSERT INTO call_blocks (started_at, planned_minutes, goal_dials, pauses)"
            " VALUES (?, ?, ?, '[]')",
            [to_iso(now), minutes, goal],
        )
    assert cursor.lastrowid is not None
    block = get_block(db, cursor.lastrowid)
    assert block is not None
    return block


def current_block(db: Database) -> CallBlock | None:
    """The block that is running (or paused), if any."""
    row = db.execute(
        f"SELECT {_COLUMNS} FROM call_blocks WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return _block(row) if row else None


def get_block(db: Database, block_id: int) -> CallBlock | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM call_blocks WHERE id = ?", [block_id]).fetchone()
    return _block(row) if row else None


def set_paused(db: Database, block_id: int, paused: bool, now: DateTime) -> CallBlock:
    """Pause (open a pause) or resume (close it); a no-op if already so."""
    with write_transaction(db):
        block = get_block(db, block_id)
        assert block is not None
        pauses = list(block.pauses)
        if paused and not block.paused:
            pauses.append((now, None))
        elif not paused and block.paused:
            pauses[-1] = (pauses[-1][0], now)
        db.execute(
            "UPDATE call_blocks SET pauses = ? WHERE id = ?", [_pauses_text(pauses), block_id]
        )
    updated = get_block(db, block_id)
    assert updated is not None
    return updated


def end_block(db: Database, block_id: int, now: DateTime) -> CallBlock:
    """End the block (closing a pause that is still open) when its work ended:
    `now`, or earlier for a block that outran its plan or was left open
    (domain.call_block.work_ended)."""
    set_paused(db, block_id, False, now)
    with write_transaction(db):
        block = get_block(db, block_id)
        assert block is not None
        _close(db, block, now)
    ended = get_block(db, block_id)
    assert ended is not None
    return ended


def _close(db: Database, block: CallBlock, now: DateTime) -> None:
    """Record the end of a running block's work (in the caller's transaction)."""
    if block.ended_at is not None:
        return
    end = work_ended(block, block_touches(db, block.id), now)
    db.execute(
        "UPDATE call_blocks SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
        [to_iso(end), block.id],
    )


def block_touches(db: Database, block_id: int) -> list[Touch]:
    return [
        touch_from_row(row)
        for row in db.query(
            "SELECT * FROM touches WHERE call_block_id = ? ORDER BY started_at, id", [block_id]
        )
    ]


def previous_blocks(db: Database, before_id: int, limit: int = 10) -> list[CallBlock]:
    """Ended blocks before `before_id` with at least one dial logged, newest first:
    what a block is compared with. One with no dials (started by mistake, ended at
    once) would only drag the average and the best down to nothing."""
    return [
        _block(row)
        for row in db.execute(
            f"SELECT {_COLUMNS} FROM call_blocks WHERE id < ? AND ended_at IS NOT NULL"
            " AND EXISTS (SELECT 1 FROM touches WHERE touches.call_block_id = call_blocks.id"
            " AND touches.channel = 'call' AND touches.outcome IS NOT NULL)"
            " ORDER BY id DESC LIMIT ?",
            [before_id, limit],
        ).fetchall()
    ]


_COLUMNS = "id, started_at, ended_at, planned_minutes, goal_dials, pauses"


def _block(row: tuple) -> CallBlock:
    block_id, started, ended, minutes, goal, pauses = row
    return CallBlock(
        id=block_id,
        started_at=from_iso(started),
        planned_minutes=minutes,
        goal_dials=goal,
        pauses=tuple(
            (from_iso(start), from_iso(end) if end else None) for start, end in json.loads(pauses)
        ),
        ended_at=from_iso(ended) if ended else None,
    )


def _pauses_text(pauses: list[Pause]) -> str:
    return json.dumps([[to_iso(start), to_iso(end) if end else None] for start, end in pauses])
