"""store.db.open_reader: plain sqlite3 for a current file, open_db for any other."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from followup_tui.store.db import MIGRATIONS, Reader, StoreError, open_db, open_reader
from followup_tui.store.schema import migrations


def test_the_migration_names_are_the_schema_s():
    assert list(MIGRATIONS) == [m.name for m in migrations._migrations]


def test_a_current_file_is_read_with_plain_sqlite3(tmp_path):
    path = tmp_path / "rep.db"
    db = open_db(path)
    db.execute("INSERT INTO prospects (name, created_at, updated_at) VALUES ('Ada', 'x', 'x')")
    db.close()
    reader = open_reader(path)
    try:
        assert isinstance(reader, Reader)
        assert reader.execute("SELECT name FROM prospects").fetchall() == [("Ada",)]
        assert reader.execute("SELECT count(*) FROM prospects WHERE name = ?", ["Ada"]).fetchone()
    finally:
        reader.close()


def test_a_missing_file_is_created_and_migrated(tmp_path):
    path = tmp_path / "new" / "rep.db"
    db = open_reader(path)
    assert isinstance(db, sqlite_utils.Database)
    assert [m.name for m in migrations.applied(db)] == list(MIGRATIONS)
    db.close()


def test_a_file_behind_the_schema_is_migrated_first(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    old.enable_wal()
    migrations.apply(old, stop_before=MIGRATIONS[-1])
    old.close()
    db = open_reader(path)
    assert isinstance(db, sqlite_utils.Database)
    assert migrations.pending(db) == []
    db.close()


def test_a_file_not_in_wal_mode_is_converted_as_open_db_would(tmp_path):
    path = tmp_path / "rollback.db"
    open_db(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    db = open_reader(path)
    assert isinstance(db, sqlite_utils.Database)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_a_file_that_is_not_a_database_is_the_same_clear_error(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"definitely not sqlite" * 50)
    with pytest.raises(StoreError, match="cannot open"):
        open_reader(junk)
