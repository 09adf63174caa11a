"""The session's `Store` for a PostgreSQL database URL: a connection per thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import psycopg

from followup_tui.store.engine import ReadOnlyStore, Store
from followup_tui.store.pg.connection import PgDatabase, error_for
from followup_tui.store.pg.schema import migrate

_migrated: set[str] = set()
_migrating = threading.Lock()


def open_pg(url: str, *, rep: str | None = None) -> PgDatabase:
    """A migrated connection to the database at `url` (the schema is brought up to
    date once per process and URL)."""
    db = PgDatabase(url)
    with _migrating:
        if url not in _migrated:
            try:
                migrate(db.raw)
            except psycopg.Error as err:
                db.close()
                raise error_for(err) from err
            _migrated.add(url)
    if rep is not None:
        from followup_tui.store.team import set_rep

        set_rep(db, rep)
    return db


class PgStore(Store):
    """Where the team's database is and a connection for each thread that asks."""

    engine = "postgresql"  # store.team.is_postgres: a database other reps share

    def __init__(self, url: str, *, read_only: bool = False, rep: str | None = None) -> None:
        self.url = url
        self.path = url  # type: ignore[assignment]  # what messages show
        self.read_only = read_only
        self.rep = rep
        self.busy_timeout_ms = None
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[Any] = []

    def db(self) -> PgDatabase:  # type: ignore[override]
        db: PgDatabase | None = getattr(self._local, "db", None)
        if db is None or db.raw.closed:
            db = open_pg(self.url, rep=self.rep)
            self._local.db = db
            with self._lock:
                self._all.append(db)
        return db

    @contextmanager
    def writing(self, *, durable: bool = True) -> Iterator[PgDatabase]:  # type: ignore[override]
        if self.read_only:
            raise ReadOnlyStore(f"{self.url} is opened read-only: nothing can be saved")
        db = self.db()
        with db.transaction(durable=durable):
            yield db

    def data_version(self) -> int:
        return self.db().data_version()

    def close(self) -> None:
        with self._lock:
            dbs, self._all = self._all, []
        for db in dbs:
            with suppress(psycopg.Error):
                db.close()
