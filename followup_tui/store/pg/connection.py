"""A psycopg connection with the surface the store's functions use on SQLite.

`execute(sql, params)` returns a cursor-like `PgResult` (fetchone, fetchall,
iteration, rowcount, lastrowid); `query(sql, params)` yields dict rows;
`conn.executemany` and `conn.in_transaction` are there for the import's batches.
Transactions are explicit: `transaction()` is one all-or-nothing write (nested
ones are savepoints); outside one, each statement commits on its own, as on
SQLite (store.db.Database). Errors come out as `StoreError`s whose message is for the rep.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import sql as pgsql

from followup_tui.store.db import StoreError
from followup_tui.store.pg.translate import ID_TABLES, translate

CHANNEL = "followup_changes"
"""The NOTIFY channel the schema's triggers signal every committed change on."""

Params = Sequence[Any] | dict[str, Any] | None


class PgStoreError(StoreError):
    """What PostgreSQL refused, in words."""


class PgBusy(PgStoreError):
    """Another rep's transaction held what this one needed; trying again helps."""


def error_for(err: psycopg.Error) -> PgStoreError:
    """A psycopg error as words for the rep."""
    if isinstance(err, psycopg.errors.SerializationFailure | psycopg.errors.DeadlockDetected
                  | psycopg.errors.LockNotAvailable):  # fmt: skip
        return PgBusy("the database is busy (another rep is writing); try again in a moment")
    if isinstance(err, psycopg.OperationalError):
        return PgStoreError(f"cannot reach the PostgreSQL server: {_first_line(err)}")
    return PgStoreError(f"the database said: {_first_line(err)}")


def _first_line(err: BaseException) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0]


class PgResult:
    """What an `execute` gives back, like a sqlite3 cursor whose rows are all read."""

    def __init__(self, rows: list[tuple[Any, ...]], rowcount: int, lastrowid: int | None):
        self._rows = rows
        self._next = 0
        self.rowcount = rowcount
        self.lastrowid = lastrowid

    def fetchone(self) -> tuple[Any, ...] | None:
        if self._next >= len(self._rows):
            return None
        row = self._rows[self._next]
        self._next += 1
        return row

    def fetchall(self) -> list[tuple[Any, ...]]:
        rows, self._next = self._rows[self._next :], len(self._rows)
        return rows

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.fetchall())


class PgDatabase:
    """One thread's connection to a followup database on PostgreSQL."""

    engine = "postgresql"

    def __init__(self, url: str, *, connect_timeout: int = 10) -> None:
        self.url = url
        try:
            self.raw = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout)
        except psycopg.Error as err:
            raise error_for(err) from err
        self._depth = 0
        self.others_changes = 0  # NOTIFYs of commits by other connections
        self._own_pid = self.raw.info.backend_pid
        self.raw.add_notify_handler(self._notified)
        self._listening = False

    # -- the surface of store.db.Database the store uses ----------------------------
    @property
    def conn(self) -> PgDatabase:
        """The store's functions reach `db.conn` for executemany and in_transaction."""
        return self

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    def execute(self, sql: str, parameters: Params = None) -> PgResult:
        if sql.lstrip()[:6].upper() == "PRAGMA":
            return self._pragma(sql)
        query = translate(sql)
        try:
            cursor = self.raw.execute(query.sql, _params(parameters))
            rows = cursor.fetchall() if cursor.description is not None else []
            lastrowid = None
            if query.returns_id and rows:
                lastrowid = int(rows[0][0])
                rows = []
            if query.sets_id and query.table in ID_TABLES:
                self._follow_ids(query.table)
            return PgResult(rows, cursor.rowcount, lastrowid)
        except psycopg.Error as err:
            raise error_for(err) from err

    def query(self, sql: str, params: Params = None) -> Iterator[dict[str, Any]]:
        query = translate(sql)
        try:
            cursor = self.raw.execute(query.sql, _params(params))
            names = [column.name for column in cursor.description or ()]
            rows = cursor.fetchall()
        except psycopg.Error as err:
            raise error_for(err) from err
        return (dict(zip(names, row, strict=True)) for row in rows)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        query = translate(sql, many=True)
        try:
            with self.raw.cursor() as cursor:
                cursor.executemany(query.sql, list(rows))
            if query.sets_id and query.table in ID_TABLES:
                self._follow_ids(query.table)
        except psycopg.Error as err:
            raise error_for(err) from err

    def _follow_ids(self, table: str) -> None:
        """Rows inserted with their ids: the table's id sequence moves past them."""
        self.raw.execute(
            pgsql.SQL(
                "SELECT setval(pg_get_serial_sequence({name}, 'id'),"
                " greatest((SELECT max(id) FROM {table}), 1))"
            ).format(name=pgsql.Literal(table), table=pgsql.Identifier(table))
        )

    @contextmanager
    def transaction(self, *, durable: bool = True) -> Iterator[PgDatabase]:
        """One all-or-nothing write; inside another, a savepoint. `durable` False
        (the outermost decides): committed without waiting for the server's flush,
        as store.db.write_transaction does on SQLite."""
        try:
            with self.raw.transaction():
                if not durable and self._depth == 0:
                    self.raw.execute("SET LOCAL synchronous_commit = off")
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
        except psycopg.Error as err:
            raise error_for(err) from err

    def _pragma(self, sql: str) -> PgResult:
        """SQLite's PRAGMAs the store asks: data_version is the count of other
        connections' commits; cache and checkpoint settings mean nothing here."""
        if "data_version" in sql:
            return PgResult([(self.data_version(),)], -1, None)
        return PgResult([(0,)], -1, None)

    # -- other writers ------------------------------------------------------------------
    def listen(self) -> None:
        if not self._listening:
            self.raw.execute(pgsql.SQL("LISTEN {}").format(pgsql.Identifier(CHANNEL)))
            self._listening = True

    def data_version(self) -> int:
        """Bumped by every commit another connection made since this one listened
        (the schema's triggers NOTIFY on commit; this connection's own are left out,
        as SQLite's data_version leaves them out)."""
        try:
            self.listen()
            if not self.in_transaction:
                self.raw.execute("SELECT 1")  # reads the notifications waiting on the socket
        except psycopg.Error as err:
            raise error_for(err) from err
        return self.others_changes

    def _notified(self, notify: psycopg.Notify) -> None:
        if notify.pid != self._own_pid:
            self.others_changes += 1

    def close(self) -> None:
        self.raw.close()

    def table(self, name: str) -> PgTable:
        return PgTable(self, name)

    def __getitem__(self, name: str) -> PgTable:
        return PgTable(self, name)


class PgTable:
    """The few table helpers of sqlite-utils that tests use on either engine."""

    def __init__(self, db: PgDatabase, name: str) -> None:
        self.db = db
        self.name = name
        self._quoted = '"' + name.replace('"', '""') + '"'

    @property
    def count(self) -> int:
        return int(self.db.execute(f"SELECT count(*) FROM {self._quoted}").fetchone()[0])  # type: ignore[index]

    @property
    def rows(self) -> Iterator[dict[str, Any]]:
        return self.db.query(f"SELECT * FROM {self._quoted}")

    @property
    def columns_dict(self) -> dict[str, type]:
        kinds = {"integer": int, "bigint": int, "text": str, "real": float}
        return {
            row["column_name"]: kinds.get(row["data_type"], str)
            for row in self.db.query(
                "SELECT column_name, data_type FROM information_schema.columns"
                " WHERE table_name = ? ORDER BY ordinal_position",
                [self.name],
            )
        }

    def get(self, pk: Any) -> dict[str, Any]:
        key = "prospect_id" if self.name == "research" else "id"
        rows = list(self.db.query(f"SELECT * FROM {self._quoted} WHERE {key} = ?", [pk]))
        if not rows:
            raise LookupError(f"no row {pk!r} in {self.name}")
        return rows[0]


def _params(parameters: Params) -> Sequence[Any] | dict[str, Any]:
    return () if parameters is None else parameters
