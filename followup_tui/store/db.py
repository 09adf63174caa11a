"""Opening the database and writing to it safely.

WAL lets the app read while `followup import` writes; `synchronous=FULL` keeps
a logged call across a power cut; every write transaction starts with
`BEGIN IMMEDIATE` so it takes the write lock up front and waits for it (a
deferred transaction that reads then writes fails at once with "database is
locked", whatever the busy timeout).

A command that only reads (`followup queue`, `followup stats`) opens the file
with `open_reader`: plain sqlite3 when the schema is current, so it never loads
sqlite-utils (a third of the start-up of such a command on a small database).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = 30_000  # imports hold the write lock well under 200 ms per chunk

MIGRATIONS = (
    "m001_core",
    "m002_follow_up_engine",
    "m003_call_blocks",
    "m004_quick_queue",
    "m005_talk_time",
    "m007_teams",
)
"""The names of store.schema's migrations, known without importing sqlite-utils (a
test keeps the two lists equal): a file that has them all needs no migrating."""


class StoreError(RuntimeError):
    """A database that cannot be opened or used; the message is for the rep."""


class Reading(Protocol):
    """What the store's read-only queries use of a database: a `sqlite_utils.Database`
    has it, and so has the lighter `Reader`."""

    @property
    def conn(self) -> sqlite3.Connection: ...

    def execute(
        self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None
    ) -> sqlite3.Cursor: ...


class Reader:
    """A plain sqlite3 connection with the `execute` of `sqlite_utils.Database`, for
    commands that only read."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(
        self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None
    ) -> sqlite3.Cursor:
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)

    def close(self) -> None:
        self.conn.close()


def open_reader(path: str | Path) -> Reader | sqlite_utils.Database:
    """The database at `path` for reading: a `Reader` when the file is already in
    WAL mode with every migration applied, else `open_db` (which creates, converts
    or migrates it first, as any command would)."""
    target = Path(path)
    if str(path) != ":memory:" and target.is_file():
        try:
            conn = sqlite3.connect(str(target), timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error:
            return open_db(path)
        try:
            if _is_current(conn):
                return Reader(conn)
        except sqlite3.Error:
            pass  # open_db says what is wrong with it
        conn.close()
    return open_db(path)


def _is_current(conn: sqlite3.Connection) -> bool:
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        return False
    applied = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = 'followup'"
    ).fetchall()
    return {name for (name,) in applied} >= set(MIGRATIONS)


def open_db(path: str | Path, *, read_only: bool = False) -> sqlite_utils.Database:
    """Open (creating if needed) the database at `path`, migrated to the current schema.
    `read_only` opens an existing file as it is: no migration, every write refused."""
    import sqlite_utils

    from followup_tui.store.schema import migrations

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
    import sqlite_utils

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
    if getattr(db, "engine", "sqlite") == "postgresql":  # store.pg: its own transactions
        with db.transaction():  # type: ignore[attr-defined]
            yield db
        return
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
