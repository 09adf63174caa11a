"""Migration m004: a maintained touch count, and the indexes the queue and the
start-up read by."""

import sqlite_utils

from followup_tui.store.db import open_db
from followup_tui.store.rows import TOUCH_COUNT
from followup_tui.store.schema import migrations

STAMP = "2026-11-20T15:00:00Z"


def _counts(db):
    return dict(db.execute("SELECT id, touch_count FROM prospects ORDER BY id").fetchall())


def _true_counts(db):
    return dict(
        db.execute(
            "SELECT p.id, (SELECT count(*) FROM touches t WHERE t.prospect_id = p.id"
            " AND t.outcome IS NOT NULL) FROM prospects p ORDER BY p.id"
        ).fetchall()
    )


def _prospect(db, name):
    return db.execute(
        "INSERT INTO prospects (name, status, do_not_call, phone_bad, created_at, updated_at)"
        " VALUES (?, 'active', 0, 0, ?, ?)",
        [name, STAMP, STAMP],
    ).lastrowid


def _touch(db, pid, outcome, started_at=STAMP):
    return db.execute(
        "INSERT INTO touches (prospect_id, channel, outcome, started_at, created_at)"
        " VALUES (?, 'call', ?, ?, ?)",
        [pid, outcome, started_at, STAMP],
    ).lastrowid


def test_a_new_database_has_the_column_triggers_and_indexes():
    db = open_db(":memory:")
    assert "touch_count" in db["prospects"].columns_dict
    names = {row[0] for row in db.execute("SELECT name FROM sqlite_master").fetchall()}
    assert {"touch_count_insert", "touch_count_update", "touch_count_delete"} <= names
    assert {"idx_touches_open_dial", "idx_prospects_callbacks", "idx_signals_occurred"} <= names
    assert TOUCH_COUNT == "p.touch_count"


def test_the_migration_counts_what_the_previous_schema_holds(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before="m004_quick_queue")
    assert "touch_count" not in old["prospects"].columns_dict
    with old.conn:
        busy, idle, dialing = (_prospect(old, n) for n in ("Busy", "Idle", "Dialing"))
        for outcome in ("no_answer", "voicemail", "connected"):
            _touch(old, busy, outcome)
        _touch(old, dialing, "no_answer")
        _touch(old, dialing, None)  # a dial still running: not a logged touch
    old.close()
    db = open_db(path)
    assert _counts(db) == {busy: 3, idle: 0, dialing: 1} == _true_counts(db)
    assert migrations.pending(db) == []
    assert not db.execute("SELECT name FROM sqlite_temp_master").fetchall()


def test_triggers_follow_inserts_outcomes_moves_and_deletes():
    db = open_db(":memory:")
    with db.conn:
        first, second = _prospect(db, "First"), _prospect(db, "Second")
        logged = _touch(db, first, "no_answer")
        dial = _touch(db, first, None)
    assert _counts(db) == {first: 1, second: 0}
    with db.conn:  # the running dial gets its outcome
        db.execute("UPDATE touches SET outcome = 'voicemail' WHERE id = ?", [dial])
    assert _counts(db) == {first: 2, second: 0}
    with db.conn:  # an edit that keeps an outcome changes nothing
        db.execute("UPDATE touches SET outcome = 'connected', notes = 'x' WHERE id = ?", [dial])
    assert _counts(db) == {first: 2, second: 0}
    with db.conn:  # a touch filed under the wrong prospect, moved
        db.execute("UPDATE touches SET prospect_id = ? WHERE id = ?", [second, logged])
    assert _counts(db) == {first: 1, second: 1}
    with db.conn:  # an outcome cleared, then a dial without one moved: only the first counts
        db.execute("UPDATE touches SET outcome = NULL WHERE id = ?", [dial])
        db.execute("UPDATE touches SET prospect_id = ? WHERE id = ?", [second, dial])
    assert _counts(db) == {first: 0, second: 1}
    with db.conn:  # undo removes the logged touch; cancelling a dial removes an open one
        db.execute("DELETE FROM touches WHERE id = ?", [logged])
        db.execute("DELETE FROM touches WHERE id = ?", [dial])
    assert _counts(db) == {first: 0, second: 0} == _true_counts(db)


def test_the_store_flow_keeps_the_count(db):
    import pendulum

    from followup_tui.domain.models import NewProspect
    from followup_tui.store import prospects as store
    from followup_tui.store import touches
    from followup_tui.store.db import write_transaction

    now = pendulum.datetime(2026, 11, 23, 15, tz="UTC")
    with write_transaction(db):
        pid = store.insert_prospect(db, NewProspect(name="Dana", next_touch_at=now), now)
    dial = touches.start_dial(db, pid, now)
    assert store.get_prospect(db, pid).touch_count == 0
    assert touches.open_dial(db).id == dial.id
    touches.cancel_dial(db, dial.id)
    assert touches.open_dial(db) is None
    with write_transaction(db):
        touches.insert_past_touch(db, pid, channel="call", outcome="no_answer",
                                  started_at=now.subtract(days=3))  # fmt: skip
    assert store.get_prospect(db, pid).touch_count == 1 == _true_counts(db)[pid]


def test_the_newest_open_dial_is_found_by_its_partial_index():
    db = open_db(":memory:")
    plan = " ".join(
        row[3]
        for row in db.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM touches WHERE outcome IS NULL"
            " ORDER BY started_at DESC, id DESC LIMIT 1"
        ).fetchall()
    )
    assert "idx_touches_open_dial" in plan and "TEMP B-TREE" not in plan
