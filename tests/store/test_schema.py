"""The schema is a public contract: these columns are documented in the README."""

import sqlite3

import pytest

from followup_tui.store.db import StoreError, has_data, open_db
from followup_tui.store.schema import migrations

CONTRACT = {
    "prospects": {
        "id", "name", "title", "company", "email", "phone_e164", "phone_raw", "phone_ext",
        "phone_problem", "phone_bad", "timezone", "phone_zones", "status", "do_not_call",
        "next_touch_at", "next_touch_is_callback", "revisit_at", "source",
        "created_at", "updated_at",
    },
    "touches": {
        "id", "prospect_id", "channel", "outcome", "started_at", "ended_at", "duration_s",
        "notes", "decision_maker", "created_at",
    },
    "research": {
        "prospect_id", "reason_to_call", "company_facts", "pains_goals", "notes", "updated_at",
    },
    "signals": {"id", "prospect_id", "kind", "occurred_at", "detail", "source"},
}  # fmt: skip


def test_migrations_create_the_documented_tables():
    db = open_db(":memory:")
    for table, columns in CONTRACT.items():
        assert set(db[table].columns_dict) >= columns, table
    assert [m.name for m in migrations.applied(db)] == [m.name for m in migrations._migrations]


def test_reopening_applies_nothing_twice(tmp_path):
    path = tmp_path / "f.db"
    open_db(path).close()
    db = open_db(path)
    assert migrations.pending(db) == []


def test_pragmas_for_safe_writes(tmp_path):
    db = open_db(tmp_path / "f.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="cannot open"):
        open_db(junk)
    assert has_data(junk)


def test_has_data(tmp_path):
    assert not has_data(tmp_path / "missing.db")
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    assert not has_data(empty)
    open_db(tmp_path / "full.db").close()
    assert has_data(tmp_path / "full.db")
