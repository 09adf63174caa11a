"""Upgrades keep everything: a database of each released schema, holding prospects
mid-cadence, touches, signals, research, blocks and an unfinished dial, is opened by
this release; every row survives and every prospect keeps its place in the cadence."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from followup_tui.store.db import MIGRATIONS, SCHEMA_VERSION, open_db
from followup_tui.store.schema import migrations
from followup_tui.store.touches import open_dial

T0 = "2026-11-02T15:00:00Z"


def _touch(pid, outcome, day, notes="", block=None):
    row = {
        "prospect_id": pid,
        "channel": "call",
        "outcome": outcome,
        "started_at": f"2026-11-{day:02d}T15:00:00Z",
        "ended_at": None if outcome is None else f"2026-11-{day:02d}T15:01:00Z",
        "duration_s": None if outcome is None else 60,
        "notes": notes,
        "decision_maker": 0,
        "created_at": f"2026-11-{day:02d}T15:00:00Z",
    }
    if block is not None:
        row["call_block_id"] = block
    return row


# name, status, logged outcomes, where it stands in the cadence after the upgrade
PROSPECTS = (
    ("Ada Mid-Cadence", "active", ["no_answer", "voicemail", "no_answer"], 3),
    ("Ben Untouched", "active", [], 0),
    ("Cy Parked", "not_now", ["connected", "no_answer"], 0),
    ("Di Dialing", "active", ["voicemail"], 1),  # plus an unfinished dial
)


def released(path, applied: int) -> sqlite_utils.Database:
    """A database as the release with the first `applied` migrations left it, with data."""
    db = sqlite_utils.Database(path)
    db.enable_wal()
    migrations.apply(db, stop_before=MIGRATIONS[applied])
    has_cadence = applied >= 2
    block = None
    if applied >= 3:
        block = (
            db["call_blocks"]
            .insert({"started_at": T0, "ended_at": None, "planned_minutes": 60, "goal_dials": 40})
            .last_pk
        )
    for index, (name, status, outcomes, step) in enumerate(PROSPECTS, start=1):
        prospect = {
            "id": index,
            "name": name,
            "phone_raw": f"(312) 555-01{index:02d}",
            "phone_e164": f"+131255501{index:02d}",
            "phone_zones": "America/Chicago",
            "status": status,
            "next_touch_at": "2026-11-24T15:00:00Z" if status == "active" else None,
            "revisit_at": "2027-02-01T15:00:00Z" if status != "active" else None,
            "created_at": T0,
            "updated_at": T0,
        }
        if has_cadence:
            prospect.update(cadence="persistent", cadence_step=step)
        db["prospects"].insert(prospect)
        for day, outcome in enumerate(outcomes, start=3):
            db["touches"].insert(_touch(index, outcome, day, f"{name} #{day}", block))
    db["touches"].insert(_touch(4, None, 20, block=block))  # Di's dial, never logged
    db["signals"].insert(
        {"prospect_id": 1, "kind": "webinar", "occurred_at": T0, "detail": "Q4", "source": "x"}
    )
    db["research"].insert({"prospect_id": 1, "reason_to_call": "hiring SDRs", "updated_at": T0})
    if has_cadence:
        db["dnc_log"].insert({"prospect_id": 3, "action": "added", "reason": "r", "at": T0})
    return db


def _rows(db, table):
    rows = list(db.query(f"SELECT rowid AS row_key, * FROM {table}"))
    return {row.pop("row_key"): row for row in rows}


@pytest.mark.parametrize("applied", [1, 2, 3, 4])
def test_each_released_schema_upgrades_keeping_every_row(tmp_path, applied):
    path = tmp_path / f"m00{applied}.db"
    old = released(path, applied)
    tables = [t for t in old.table_names() if t != "_sqlite_migrations"]
    before = {table: _rows(old, table) for table in tables}
    old.close()

    db = open_db(path)
    assert [m.name for m in migrations.applied(db)] == list(MIGRATIONS)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    for table, rows in before.items():
        after = _rows(db, table)
        assert after.keys() == rows.keys(), table
        for rowid, row in rows.items():
            assert {k: after[rowid][k] for k in row} == row, (table, rowid)  # every old value
    for index, (name, _, outcomes, step) in enumerate(PROSPECTS, start=1):
        prospect = db["prospects"].get(index)
        assert prospect["cadence_step"] == step, name
        assert prospect["touch_count"] == len(outcomes), name
    dial = open_dial(db)
    assert dial is not None and dial.prospect_id == 4 and dial.outcome is None
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()


def test_an_upgrade_that_fails_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "m001.db"
    released(path, 1).close()

    def broken(db):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(migrations._migrations[-1], "fn", broken)
    with pytest.raises(Exception, match="disk I/O"):
        open_db(path)
    db = sqlite_utils.Database(path)
    assert [m.name for m in migrations.applied(db)] == list(MIGRATIONS[:1])
    assert "cadence_step" not in db["prospects"].columns_dict
    db.close()
