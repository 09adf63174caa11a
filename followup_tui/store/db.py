"""Opening the database and writing to it safely.

WAL lets the app read while `followup import` writes; `synchronous=FULL` keeps
a logged call across a power cut; every write transaction starts with
`BEGIN IMMEDIATE` so it takes the write lock up front and waits for it (a
deferred transaction that reads then writes fails at once with "database is
locked", whatever the busy timeout).

Every connection is a `Database`: plain sqlite3 with the calls the store makes.
sqlite-utils is loaded only to migrate (a fifth of the app's start-up, a third of
a command's on a small database). A command that only reads (`followup queue`,
`followup stats`) opens the file with `open_reader`, which never creates a
database and opens a current one as it is.

sqlite-utils plugins installed on the machine are never run on our connections: they
could change how our SQL behaves, and finding them scans every installed package
(a tenth of the app's start-up).

Only our own databases are opened, and they stay private: a file made by a newer
followup (a migration this one does not know, or a higher `user_version`) or by
another program (tables, none of them ours) is refused before anything is
written to it; a new database is created 0600 (SQLite gives its `-wal` and
`-shm` the database's own mode) in a folder created 0700. `PRAGMA user_version`
mirrors the number of migrations applied, for tools that look there.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = 30_000  # imports hold the write lock well under 200 ms per chunk
SYNCHRONOUS = "FULL"  # a logged call survives a power cut (WAL: the log is flushed at COMMIT)

MIGRATIONS = (
    "m001_core",
    "m002_follow_up_engine",
    "m003_call_blocks",
    "m004_quick_queue",
    "m005_talk_time",
    "m006_phones",
    "m007_teams",
    "m008_meeting_time",
    "m009_touch_history_index",
    "m010_callbacks_for_a_rep",
)
"""The names of store.schema's migrations, known without importing sqlite-utils (a
test keeps the two lists equal): a file that has them all needs no migrating."""

SCHEMA_VERSION = len(MIGRATIONS)  # what PRAGMA user_version says of a current file
MIGRATION_SET = "followup"
FIRST_RELEASE = MIGRATIONS[:1]  # a file that has only these was made by the first release


class StoreError(RuntimeError):
    """A database that cannot be opened or used; the message is for the rep."""


class Reading(Protocol):
    """What the store's read-only queries use of a database: `Database` has it, and
    so has store.pg's."""

    @property
    def conn(self) -> sqlite3.Connection: ...

    def execute(
        self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None
    ) -> sqlite3.Cursor: ...


class Database:
    """One SQLite connection, with the calls the store makes on it: the part of
    `sqlite_utils.Database` that store.pg's connection offers as well.

    sqlite-utils is loaded only when its table API is asked for (`table`, `utils`):
    by migrations, and by tests. Importing it costs a fifth of the app's start-up,
    and every other query is plain SQL. The connection is in autocommit mode, so a
    statement outside `write_transaction` commits by itself, as sqlite-utils'
    `execute` does; `write_transaction` makes a write all-or-nothing."""

    engine = "sqlite"

    def __init__(self, conn: sqlite3.Connection) -> None:
        conn.isolation_level = None  # no transaction unless one is begun
        self.conn = conn
        self._utils: sqlite_utils.Database | None = None

    def execute(
        self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None
    ) -> sqlite3.Cursor:
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)

    def query(
        self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None
    ) -> Iterator[dict[str, Any]]:
        """The rows of `sql` as dicts; the statement runs now, the rows come as read."""
        cursor = self.execute(sql, params)
        keys = [column[0] for column in cursor.description or ()]
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    @property
    def utils(self) -> sqlite_utils.Database:
        """sqlite-utils on this same connection, for its table API."""
        if self._utils is None:
            import sqlite_utils

            self._utils = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._utils

    def table(self, name: str) -> sqlite_utils.db.Table:
        return self.utils.table(name)

    def __getitem__(self, name: str) -> sqlite_utils.db.Table | sqlite_utils.db.View:
        return self.utils[name]

    def close(self) -> None:
        self.conn.close()


def open_reader(path: str | Path, *, create: bool = True) -> Database:
    """The database at `path` for reading: opened as it is when the file is already
    in WAL mode with every migration applied, else by `open_db` (which converts or
    migrates it first, as any command would). With `create` False a missing file
    is an error, never a new empty database."""
    target = Path(path)
    if not create:
        must_exist(target)
    if str(path) != ":memory:" and target.is_file():
        try:
            conn = sqlite3.connect(str(target), timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error:
            return open_db(path)
        try:
            if _is_current(conn):
                return Database(conn)
        except sqlite3.Error:
            pass  # open_db says what is wrong with it
        conn.close()
    return open_db(path)


def _is_current(conn: sqlite3.Connection) -> bool:
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        return False
    if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
        return False
    return set(_applied(conn)) == set(MIGRATIONS)


def must_exist(target: Path) -> None:
    """A command that only reads refuses a path with no database rather than
    creating one (a mistyped --db would otherwise show an empty queue)."""
    if str(target) == ":memory:":
        return
    if not target.exists():
        raise StoreError(
            f"no database at {target}: check the path (--db or $FOLLOWUP_DB); nothing was created"
        )
    if target.is_dir():
        raise StoreError(f"{target} is a folder, not a database file")


def _applied(conn: sqlite3.Connection) -> list[str]:
    """Our migrations applied to the file, in order ([] when it has none)."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not has_table:
        return []
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET],
    ).fetchall()
    return [name for (name,) in rows]


def check_ours(conn: sqlite3.Connection, target: Path | str) -> list[str]:
    """The migrations the file has, after making sure it is ours to use: a file from
    a newer followup, or another program's database, raises StoreError. Reads only."""
    applied = _applied(conn)
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    unknown = [name for name in applied if name not in MIGRATIONS]
    if unknown or version > SCHEMA_VERSION:
        theirs = max(version, len(applied))
        raise StoreError(
            f"{target} was made by a newer followup (schema version {theirs}; this one"
            f" knows version {SCHEMA_VERSION}): update followup to open it."
            " Nothing was changed."
        )
    if not applied:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
                " AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        if tables:
            shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
            raise StoreError(
                f"{target} is a database of another program (tables: {shown}), not a"
                " followup database. Nothing was changed; pick another file with --db."
            )
    return applied


def create_private(target: Path) -> None:
    """A new database file, readable by its owner only (0600), in a folder only its
    owner can enter (0700) when the folder is new too. SQLite gives the -wal and
    -shm files the database's mode, so they are private as well."""
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as err:
        raise StoreError(f"cannot create the folder for {target}: {err.strerror}") from err
    try:
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass  # another process made it first: it is theirs to have made private
    except OSError as err:
        raise StoreError(f"cannot create {target}: {err.strerror}") from err


def open_db(path: str | Path, *, read_only: bool = False) -> Database:
    """Open (creating if needed) the database at `path`, migrated to the current schema.
    `read_only` opens an existing file as it is: no migration, every write refused."""
    target = Path(path)
    if read_only:
        return _open_read_only(target)
    in_memory = str(path) == ":memory:"
    if not in_memory and not target.exists():
        create_private(target)
    try:
        conn = sqlite3.connect(str(target), timeout=BUSY_TIMEOUT_MS / 1000)
        db = Database(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        applied = check_ours(conn, target)  # before the first write
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils sets it
        if not in_memory:
            db.execute("PRAGMA journal_mode = WAL")
        db.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if applied != list(MIGRATIONS) or version != SCHEMA_VERSION:
            _upgrade(db, target)
    except sqlite3.DatabaseError as err:
        db_error = StoreError(f"cannot open {target} as a followup database: {err}")
        raise db_error from err
    return db


def _upgrade(db: Database, target: Path) -> None:
    """Apply what is missing, all in one transaction: a second process opening the same
    new file waits, then finds nothing left to do; a crash leaves the file as it was."""
    from followup_tui.store.schema import derive_cadence_steps, migrations

    with write_transaction(db):
        applied = check_ours(db.conn, target)  # again, under the write lock
        migrations.apply(db.utils)
        if applied and applied == list(FIRST_RELEASE):
            derive_cadence_steps(db.utils)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _open_read_only(target: Path) -> Database:
    try:
        conn = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True,
                               timeout=BUSY_TIMEOUT_MS / 1000)  # fmt: skip
        db = Database(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        check_ours(conn, target)
    except sqlite3.DatabaseError as err:
        raise StoreError(f"cannot open {target} (read-only) as a followup database: {err}") from err
    return db


@contextmanager
def write_transaction(db: Database, *, durable: bool = True) -> Iterator[Database]:
    """One all-or-nothing write: BEGIN IMMEDIATE, COMMIT, or ROLLBACK on any error.

    `durable` False: a write worth no flush to the disk (a claim, a lease that runs
    out by itself): committed, seen by every connection at once, and only a power
    cut right after it could lose it. The flush (synchronous=FULL) cost up to 20 ms
    on the start-up path, while the disk was busy. The outermost write decides."""
    if getattr(db, "engine", "sqlite") == "postgresql":  # store.pg: its own transactions
        with db.transaction(durable=durable):  # type: ignore[attr-defined]
            yield db
        return
    if db.conn.in_transaction:  # a savepoint inside the outer write
        db.conn.execute("SAVEPOINT inner_write")
        try:
            yield db
        except BaseException:
            db.conn.execute("ROLLBACK TO inner_write")
            db.conn.execute("RELEASE inner_write")
            raise
        db.conn.execute("RELEASE inner_write")
        return
    if not durable:
        db.conn.execute("PRAGMA synchronous = NORMAL")  # WAL: no flush at COMMIT
    try:
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.conn.rollback()
            raise
        db.conn.execute("COMMIT")
    finally:
        if not durable:
            db.conn.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")


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


def database_file(db: Database) -> str | None:
    """The file behind a connection (None for an in-memory database), so that a worker
    thread can open a connection of its own."""
    for _, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return file or None
    return None
