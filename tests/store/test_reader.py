"""store.db: plain sqlite3 for a current file (sqlite-utils only to migrate), and
open_reader never creates or migrates what it need not."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from followup_tui.store.db import MIGRATIONS, Database, StoreError, open_db, open_reader
from followup_tui.store.schema import migrations
from tests.imports import loaded_after


def test_the_migration_names_are_the_schema_s():
    assert list(MIGRATIONS) == [m.name for m in migrations._migrations]


def test_a_current_file_is_read_with_plain_sqlite3(tmp_path):
    path = tmp_path / "rep.db"
    db = open_db(path)
    db.execute("INSERT INTO prospects (name, created_at, updated_at) VALUES ('Ada', 'x', 'x')")
    db.close()
    reader = open_reader(path)
    try:
        assert isinstance(reader, Database)
        assert reader.execute("SELECT name FROM prospects").fetchall() == [("Ada",)]
        assert reader.execute("SELECT count(*) FROM prospects WHERE name = ?", ["Ada"]).fetchone()
    finally:
        reader.close()


def test_a_missing_file_is_created_and_migrated(tmp_path):
    path = tmp_path / "new" / "rep.db"
    db = open_reader(path)
    assert isinstance(db, Database)
    assert [m.name for m in migrations.applied(db.utils)] == list(MIGRATIONS)
    db.close()


def test_a_file_behind_the_schema_is_migrated_first(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    old.enable_wal()
    migrations.apply(old, stop_before=MIGRATIONS[-1])
    old.close()
    db = open_reader(path)
    assert isinstance(db, Database)
    assert migrations.pending(db.utils) == []
    db.close()


def test_a_file_not_in_wal_mode_is_converted_as_open_db_would(tmp_path):
    path = tmp_path / "rollback.db"
    open_db(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    db = open_reader(path)
    assert isinstance(db, Database)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_a_file_that_is_not_a_database_is_the_same_clear_error(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"definitely not sqlite" * 50)
    with pytest.raises(StoreError, match="cannot open"):
        open_reader(junk)


def test_the_app_s_reads_and_writes_never_load_sqlite_utils(tmp_path):
    """Importing sqlite-utils costs a fifth of the app's start-up: a current file is
    opened, read and written with plain sqlite3."""
    path = tmp_path / "rep.db"
    open_db(path).close()
    code = (
        "from followup_tui.store.db import open_db, write_transaction\n"
        f"db = open_db({str(path)!r})\n"
        "with write_transaction(db):\n"
        '    db.execute("INSERT INTO prospects (name, created_at, updated_at)'
        " VALUES ('Ada', 'x', 'x')\")\n"
        "assert list(db.query('SELECT name FROM prospects')) == [{'name': 'Ada'}]\n"
    )
    assert loaded_after(code, "sqlite_utils") == {"sqlite_utils": False}


def test_a_statement_outside_a_write_commits_by_itself(tmp_path):
    """As with sqlite-utils: another connection sees it at once."""
    path = tmp_path / "rep.db"
    db, other = open_db(path), open_db(path)
    db.execute("INSERT INTO prospects (name, created_at, updated_at) VALUES ('Ada', 'x', 'x')")
    assert not db.conn.in_transaction
    assert other.execute("SELECT name FROM prospects").fetchall() == [("Ada",)]


def test_a_failed_write_inside_a_write_undoes_only_itself(tmp_path):
    from followup_tui.store.db import write_transaction

    db = open_db(tmp_path / "rep.db")
    insert = "INSERT INTO prospects (name, created_at, updated_at) VALUES (?, 'x', 'x')"
    with write_transaction(db):
        db.execute(insert, ["Ada"])
        with pytest.raises(ZeroDivisionError), write_transaction(db):
            db.execute(insert, ["Bob"])
            raise ZeroDivisionError
        db.execute(insert, ["Cy"])
    assert [r["name"] for r in db.query("SELECT name FROM prospects ORDER BY id")] == ["Ada", "Cy"]
    assert not db.conn.in_transaction
