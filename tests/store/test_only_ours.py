"""Private by default, and only our own databases: new files 0600 under any umask,
a newer or foreign file refused before anything is written, user_version kept."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat

import pytest

from followup_tui.store.db import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Database,
    StoreError,
    open_db,
    open_reader,
)
from followup_tui.store.engine import Store


@pytest.fixture
def umask_022():
    before = os.umask(0o022)
    yield
    os.umask(before)


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _fingerprint(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_database_and_its_side_files_are_private(tmp_path, umask_022):
    path = tmp_path / "data" / "followup.db"
    db = open_db(path)
    db.execute("INSERT INTO prospects (name, created_at, updated_at) VALUES ('Ada', 'x', 'x')")
    wal, shm = path.with_name("followup.db-wal"), path.with_name("followup.db-shm")
    assert wal.exists() and shm.exists()
    assert (_mode(path), _mode(wal), _mode(shm)) == (0o600, 0o600, 0o600)
    assert _mode(path.parent) == 0o700
    db.close()


def test_worker_connections_keep_the_files_private(tmp_path, umask_022):
    path = tmp_path / "followup.db"
    store = Store(path)
    with store.writing() as db:
        db.execute("INSERT INTO prospects (name, created_at, updated_at) VALUES ('A', 'x', 'x')")
    for name in ("followup.db", "followup.db-wal", "followup.db-shm"):
        assert _mode(tmp_path / name) == 0o600, name
    store.close()


def test_user_version_mirrors_the_schema_version(tmp_path):
    path = tmp_path / "f.db"
    open_db(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
    conn.execute("PRAGMA user_version = 0")  # as every file made before issue 11 says
    conn.close()
    open_db(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    reader = open_reader(path)
    assert isinstance(reader, Database)  # current again: the light reader
    reader.close()


def _from_the_future(tmp_path, *, migration: str | None = None, version: int = 0):
    path = tmp_path / "future.db"
    open_db(path).close()
    conn = sqlite3.connect(path)
    if migration:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('followup', ?, 'later')",
            [migration],
        )
    if version:
        conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    return path


@pytest.mark.parametrize(
    ("migration", "version", "theirs"),
    [
        ("m099_from_the_future", 0, SCHEMA_VERSION + 1),
        (None, SCHEMA_VERSION + 3, SCHEMA_VERSION + 3),
        ("m099_x", SCHEMA_VERSION + 1, SCHEMA_VERSION + 1),
    ],
)
def test_a_newer_schema_is_refused_and_never_written(tmp_path, migration, version, theirs):
    path = _from_the_future(tmp_path, migration=migration, version=version)
    before = _fingerprint(path)
    for opening in (open_db, open_reader, lambda p: open_db(p, read_only=True)):
        with pytest.raises(StoreError) as caught:
            opening(path)
        message = str(caught.value)
        assert f"schema version {theirs}" in message
        assert f"version {SCHEMA_VERSION}" in message and "newer followup" in message
    assert _fingerprint(path) == before
    assert not path.with_name("future.db-wal").exists()  # not even switched to WAL


def test_another_program_s_database_is_refused(tmp_path):
    path = tmp_path / "crm.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO contacts (name) VALUES ('Ada')")
    conn.commit()
    conn.close()
    before = _fingerprint(path)
    with pytest.raises(StoreError, match=r"another program \(tables: contacts\)"):
        open_db(path)
    with pytest.raises(StoreError, match="another program"):
        open_reader(path)
    assert _fingerprint(path) == before


def test_an_empty_file_becomes_a_database(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    db = open_db(path)
    assert db["prospects"].exists()
    db.close()


def test_a_reader_never_creates_a_database(tmp_path):
    path = tmp_path / "typo.db"
    with pytest.raises(StoreError, match=r"no database at .*typo\.db"):
        open_reader(path, create=False)
    assert list(tmp_path.iterdir()) == []
