"""One database, many threads: a connection per thread, errors in words.

The app reads and writes from worker threads (a key never waits for the
database), and a SQLite connection belongs to the thread that opened it. A
`Store` knows where the database is and hands each thread its own migrated
connection. It is also the seam for a second engine: the session core asks a
`Store` for a connection and calls the store's functions with it, never SQL.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from followup_tui.store.db import Database, StoreError, database_file, open_db, write_transaction

# What a thread's connection is; the session passes it to the store's functions and
# never looks inside. A second engine brings a type of its own.
Connection = Database


class ReadOnlyStore(StoreError):
    """A write asked of a database opened read-only."""


class Store:
    """Where the database lives and a connection for each thread that asks."""

    def __init__(
        self,
        path: str | Path,
        *,
        read_only: bool | None = None,
        busy_timeout_ms: int | None = None,
        rep: str | None = None,
    ) -> None:
        """`busy_timeout_ms`: how long a write waits for another writer's lock
        (default: the store's own, 30 s). `rep`: whose work the connections write
        (store.team)."""
        self.path = Path(path)
        self.rep = rep
        self.read_only = not writable(self.path) if read_only is None else read_only
        self.busy_timeout_ms = busy_timeout_ms
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[Database] = []

    @classmethod
    def for_database(cls, db: Database) -> Store:
        """The store behind an open connection (which must be a file)."""
        file = database_file(db)
        if file is None:
            raise StoreError("an in-memory database cannot be shared with worker threads")
        return cls(file)

    def db(self) -> Database:
        """This thread's connection, opened (and migrated, on first use) when needed."""
        db: Database | None = getattr(self._local, "db", None)
        if db is None:
            db = open_db(self.path, read_only=self.read_only)
            if self.busy_timeout_ms is not None:
                db.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
            if self.rep is not None and not self.read_only:
                from followup_tui.store.team import set_rep

                set_rep(db, self.rep)
            self._local.db = db
            with self._lock:
                self._all.append(db)
        return db

    @contextmanager
    def writing(self, *, durable: bool = True) -> Iterator[Database]:
        """One write use case: everything inside is one BEGIN IMMEDIATE transaction
        (`durable`: see store.db.write_transaction)."""
        if self.read_only:
            raise ReadOnlyStore(f"{self.path} is read-only: nothing can be saved")
        db = self.db()
        with write_transaction(db, durable=durable):
            yield db

    def data_version(self) -> int:
        """Changes committed by other connections bump this (PRAGMA data_version)."""
        return int(self.db().execute("PRAGMA data_version").fetchone()[0])

    def close_thread(self) -> None:
        """Close this thread's connection (a worker thread that is done)."""
        db = getattr(self._local, "db", None)
        if db is not None:
            self._local.db = None
            with self._lock:
                if db in self._all:
                    self._all.remove(db)
            db.close()

    def close(self) -> None:
        """Close every connection still open (at exit)."""
        with self._lock:
            dbs, self._all = self._all, []
        for db in dbs:
            with suppress(sqlite3.Error):  # a connection of a thread that is gone
                db.close()


# What database work may raise that is not a bug: the rep is told, in words.
DATABASE_ERRORS: tuple[type[BaseException], ...] = (sqlite3.Error, StoreError)


def writable(path: Path) -> bool:
    """Whether the database (and its folder, for the WAL files) may be written."""
    if path.exists():
        return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return True


def error_words(err: BaseException) -> str:
    """What went wrong with the database, for the rep: words, never a traceback."""
    text = str(err)
    if isinstance(err, ReadOnlyStore):
        return text
    if isinstance(err, sqlite3.OperationalError):
        if "locked" in text or "busy" in text:
            return "the database is busy (another program is writing); try again in a moment"
        if "readonly" in text or "read-only" in text:
            return "the database is read-only: nothing can be saved"
        if "disk" in text and "full" in text:
            return "the disk is full: nothing was saved"
        return f"the database said: {text}"
    if isinstance(err, sqlite3.DatabaseError):
        return f"the database file has a problem: {text}"
    if isinstance(err, StoreError):
        return text
    return f"{type(err).__name__}: {text}"
