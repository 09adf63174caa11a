"""Opening the database and writing to it safely.

WAL lets the app read while `followup import` writes; `synchronous=FULL` keeps
a logged call across a power cut; every write transaction starts with
`BEGIN IMMEDIATE` so it takes the write lock up front and waits for it (a
deferred transaction that reads then writes fails at once with "database is
locked", whatever the busy timeout).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from followup_tui.store.schema import migrations

BUSY_TIMEOUT_MS = 30_000  # imports hold the write lock well under 200 ms per chunk


class StoreError(RuntimeError):
    """A database that cannot be opened or used; the message is for the rep."""


def open_db(path: str | Path, *, read_only: bool = False) -> sqlite_utils.Database:
    """Open (creating if needed) the database at `path`, migrated to the current schema.
    `read_only` opens an existing file as it is: no migration, every write refused."""
    target = Path(path)
    if read_only:
        return _open_read_only(target)
    if str(path) != ":memory:":
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"cannot create the folder for {target}: {err.strerror}") from err
    try:
        conn = sqlite3.connect(str(target), timeout=BUSY_TIMEOUT_MS / 1000)
        db = sqlite_utils.Database(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        if str(path) != ":memory:":
            db.enable_wal()
        db.execute("PRAGMA synchronous = FULL")
        migrations.apply(db)
    except sqlite3.DatabaseError as err:
        raise StoreError(f"cannot open {target} as a followup database: {err}") from err
    return db


def _open_read_only(target: Path) -> sqlite_utils.Database:
    try:
        conn = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True,
                               timeout=BUSY_TIMEOUT_MS / 1000)  # fmt: skip
        db = sqlite_utils.Database(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as err:
        raise StoreError(f"cannot open {target} (read-only) as a followup database: {err}") from err
    return db


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One all-or-nothing write: BEGIN IMMEDIATE, COMMIT, or ROLLBACK on any error."""
    if db.conn.in_transaction:
        with db.atomic():  # a savepoint inside the outer write
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.execute("COMMIT")


def has_data(path: str | Path) -> bool:
    """Whether a file already holds anything (so --demo must not overwrite it)."""
    target = Path(path)
    if not target.exists() or target.stat().st_size == 0:
        return False
    try:
        conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            tables = conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return True  # not a database at all: certainly not ours to overwrite
    return bool(tables)


def database_file(db: sqlite_utils.Database) -> str | None:
    """The file behind a connection (None for an in-memory database), so that a worker
    thread can open a connection of its own."""
    for _, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return file or None
    return None
