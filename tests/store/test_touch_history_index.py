"""Migration m009: every prospect's touches in time order from one covering index
(what the stats walk), in place of m001's (prospect_id, started_at)."""

import sqlite_utils

from followup_tui.store.db import open_db
from followup_tui.store.schema import migrations

STAMP = "2026-11-20T15:00:00Z"


def _indexes(db):
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'touches'"
    ).fetchall()
    return {name for (name,) in rows}


def _plan(db, sql):
    return " ".join(str(row[3]) for row in db.execute("EXPLAIN QUERY PLAN " + sql, [1]))


def test_a_new_database_has_the_history_index_instead_of_m001s():
    names = _indexes(open_db(":memory:"))
    assert "idx_touches_history" in names
    assert "idx_touches_prospect_id_started_at" not in names


def test_the_migration_indexes_the_touches_the_file_holds(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before="m009_touch_history_index")
    with old.conn:
        old.execute(
            "INSERT INTO prospects (id, name, status, do_not_call, phone_bad, created_at,"
            " updated_at) VALUES (1, 'Dana', 'active', 0, 0, ?, ?)",
            [STAMP, STAMP],
        )
        for day, outcome in ((19, "no_answer"), (17, "voicemail"), (19, "connected")):
            old.execute(
                "INSERT INTO touches (prospect_id, channel, outcome, started_at, created_at)"
                " VALUES (1, 'call', ?, ?, ?)",
                [outcome, f"2026-11-{day}T15:00:00Z", STAMP],
            )
    assert "idx_touches_prospect_id_started_at" in _indexes(old)
    old.close()

    db = open_db(path)
    assert "idx_touches_history" in _indexes(db)
    assert "idx_touches_prospect_id_started_at" not in _indexes(db)
    walked = db.execute(
        "SELECT id, outcome FROM touches INDEXED BY idx_touches_history"
        " WHERE prospect_id = 1 ORDER BY prospect_id, started_at, id"
    ).fetchall()
    assert walked == [(2, "voicemail"), (1, "no_answer"), (3, "connected")]
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_what_m001s_index_served_this_one_serves():
    """A prospect's history newest first, their last week for the caps (store.prospects)."""
    db = open_db(":memory:")
    for sql in (
        "SELECT * FROM touches WHERE prospect_id = ? ORDER BY started_at DESC, id DESC",
        "SELECT started_at, channel FROM touches WHERE prospect_id = ?"
        " AND started_at >= '2026-11-16' ORDER BY started_at",
    ):
        plan = _plan(db, sql)
        assert "INDEX idx_touches_history (prospect_id=?" in plan
        assert "B-TREE" not in plan
