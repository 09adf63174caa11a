"""The SQL of imports, exports and the agenda: read in bulk, write in batches.

An import saves its rows in chunks, each one transaction that the caller owns
(`write_transaction`), so every function that writes here leaves committing
to it. Rows go in with `executemany`, grouped by the columns they carry, so a
column a row leaves out keeps the schema's default.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

from followup_tui.domain.clock import from_iso
from followup_tui.domain.models import Prospect, Touch
from followup_tui.store.db import BUSY_TIMEOUT_MS, Database, database_file
from followup_tui.store.rows import PROSPECT_COLUMNS, TOUCH_COUNT, prospect_from_row

CHUNK = 500  # ids per IN (...), well under SQLite's limit on parameters
IMPORT_CACHE_KIB = 64 * 1024

# The prospect columns an import may set; anything else keeps its default.
PROSPECT_FIELDS = frozenset(
    {
        "id",
        "name",
        "title",
        "company",
        "email",
        "phone_raw",
        "phone_e164",
        "phone_ext",
        "phone_problem",
        "phone_bad",
        "timezone",
        "phone_zones",
        "status",
        "do_not_call",
        "next_touch_at",
        "next_touch_is_callback",
        "revisit_at",
        "source",
        "cadence",
        "cadence_step",
        "created_at",
        "updated_at",
    }
)


@contextmanager
def roomy_cache(db: Database, kib: int = IMPORT_CACHE_KIB) -> Iterator[None]:
    """A bigger page cache while an import writes, so the pages of the four prospect
    indexes stay in memory (about 6% faster on 100,000 rows); then as it was."""
    before = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(before)}")


@contextmanager
def checkpoints_by_hand(db: Database) -> Iterator[Callable[[], None]]:
    """This connection's automatic WAL checkpoints off while an import saves in chunks;
    yields `checkpoint`, which the import calls between chunks (a PASSIVE checkpoint:
    it takes no write lock, so other writers are not held up). Then as it was, and
    one last checkpoint.

    Left automatic, every chunk's commit copies what it wrote into the database
    file, and consecutive chunks rewrite mostly the same index pages (emails and
    phones land all over their indexes): checkpointing every few chunks copies
    each page once for several commits. For a database file, `checkpoint` only
    asks a thread of its own to do it (see _Checkpointer), and the import goes on."""
    before = db.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    db.execute("PRAGMA wal_autocheckpoint = 0")

    def here() -> None:
        db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()

    path = None if getattr(db, "engine", "sqlite") == "postgresql" else database_file(db)
    beside = _Checkpointer(path) if path is not None else None
    try:
        yield beside.request if beside is not None else here
    finally:
        failed = beside.close() if beside is not None else None
        db.execute(f"PRAGMA wal_autocheckpoint = {int(before)}")
        if not db.conn.in_transaction:
            here()
    if failed is not None:  # raised only when the import itself went well
        raise failed


class _Checkpointer:
    """PASSIVE checkpoints of a database file, one at a time, on a connection and in a
    thread of their own, while the import prepares and writes its next chunks
    (SQLite lets a checkpoint run beside a writer). A checkpoint copies pages and
    waits for the disk (a tenth of a 100,000-row import's wall time), and SQLite
    lets go of the GIL meanwhile. Asked again while one runs, it runs once more
    after it; a failure is raised to the import at its next request, or returned by
    close."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._wanted = threading.Event()
        self._closing = False
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="import-checkpoints", daemon=True)
        self._thread.start()

    def request(self) -> None:
        self._raise_error()
        self._wanted.set()

    def close(self) -> BaseException | None:
        """Wait for the checkpoint under way, if any (one asked for and not begun is
        left to the caller's last checkpoint); what failed, if anything did."""
        self._closing = True
        self._wanted.set()
        self._thread.join()
        error, self._error = self._error, None
        return error

    def _raise_error(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(self._path, timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                while True:
                    self._wanted.wait()
                    self._wanted.clear()
                    if self._closing:
                        return
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            finally:
                conn.close()
        except BaseException as err:  # handed to the import's thread
            self._error = err


def data_version(db: Database) -> int:
    """SQLite's count of commits by other connections, as this connection sees it: an
    import that saves in chunks compares it between chunks to learn that someone else
    wrote (its own commits leave it alone)."""
    return int(db.execute("PRAGMA data_version").fetchone()[0])


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


# -- what is already there ------------------------------------------------------------


def prospect_identities(db: Database) -> Iterator[tuple[int, str, str | None, str, str, str]]:
    """(id, email, phone_e164, name, company, phone_raw) of every prospect: what an
    import compares its rows with to find the people it already knows."""
    yield from db.execute(
        "SELECT id, coalesce(email, ''), phone_e164, name, coalesce(company, ''),"
        " coalesce(phone_raw, '') FROM prospects"
    )


def prospects_for_merge(db: Database, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The stored columns of these prospects with their research notes and reason to
    call (`has_research` says whether a research row exists)."""
    found: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        for row in db.query(
            "SELECT p.*, r.prospect_id IS NOT NULL AS has_research,"
            " coalesce(r.notes, '') AS research_notes,"
            " coalesce(r.reason_to_call, '') AS research_reason,"
            " coalesce(r.company_facts, '') AS research_facts,"
            " coalesce(r.pains_goals, '') AS research_pains"
            " FROM prospects p LEFT JOIN research r ON r.prospect_id = p.id"
            f" WHERE p.id IN ({marks})",
            list(chunk),
        ):
            found[row["id"]] = row
    return found


def signals_of(db: Database, ids: Sequence[int]) -> Iterator[tuple[int, str, str]]:
    """(prospect_id, kind, occurred_at) of these prospects' signals."""
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        yield from db.execute(
            f"SELECT prospect_id, kind, occurred_at FROM signals WHERE prospect_id IN ({marks})",
            list(chunk),
        )


def touches_of(db: Database, ids: Sequence[int]) -> Iterator[tuple[int, str, str, str | None]]:
    """(prospect_id, started_at, channel, outcome) of these prospects' touches."""
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        yield from db.execute(
            "SELECT prospect_id, started_at, channel, outcome FROM touches"
            f" WHERE prospect_id IN ({marks})",
            list(chunk),
        )


# -- writing (the caller owns the transaction) -------------------------------------------


def _grouped(rows: Iterable[dict[str, Any]]) -> dict[tuple[str, ...], list[dict[str, Any]]]:
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(row)
    for columns in groups:
        unknown = set(columns) - PROSPECT_FIELDS
        if unknown:
            raise ValueError(f"not prospect columns: {sorted(unknown)}")
    return groups


def insert_prospects(db: Database, rows: Iterable[dict[str, Any]]) -> None:
    """Insert new prospects, ids included."""
    for columns, group in _grouped(rows).items():
        db.conn.executemany(
            f"INSERT INTO prospects ({', '.join(columns)})"
            f" VALUES ({', '.join('?' * len(columns))})",
            map(itemgetter(*columns), group),
        )


def update_prospects(db: Database, changes: Iterable[tuple[int, dict[str, Any]]]) -> None:
    """Set the given columns of existing prospects."""
    by_columns: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
    for prospect_id, values in changes:
        _grouped([values])
        by_columns.setdefault(tuple(values), []).append((*values.values(), prospect_id))
    for columns, params in by_columns.items():
        assignments = ", ".join(f"{c} = ?" for c in columns)
        db.conn.executemany(f"UPDATE prospects SET {assignments} WHERE id = ?", params)


def save_research(db: Database, rows: Iterable[tuple[int, str, str, str, str, str]]) -> None:
    """(prospect_id, reason_to_call, company_facts, pains_goals, notes, updated_at):
    create each research row, or set it to these values."""
    db.conn.executemany(
        "INSERT INTO research (prospect_id, reason_to_call, company_facts, pains_goals, notes,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (prospect_id) DO UPDATE SET"
        " reason_to_call = excluded.reason_to_call, company_facts = excluded.company_facts,"
        " pains_goals = excluded.pains_goals, notes = excluded.notes,"
        " updated_at = excluded.updated_at",
        list(rows),
    )


def insert_signals(db: Database, rows: Iterable[tuple[int, str, str, str, str]]) -> None:
    """(prospect_id, kind, occurred_at, detail, source) rows."""
    db.conn.executemany(
        "INSERT INTO signals (prospect_id, kind, occurred_at, detail, source)"
        " VALUES (?, ?, ?, ?, ?)",
        list(rows),
    )


def insert_touches(
    db: Database,
    rows: Iterable[tuple[int, str, str, str, str | None, int | None, str, int, str]],
) -> None:
    """(prospect_id, channel, outcome, started_at, ended_at, duration_s, notes,
    decision_maker, created_at): touches that happened before (an import of call
    history); no undo entry. Whatever the schema maintains from touches (triggers)
    follows by itself."""
    db.conn.executemany(
        "INSERT INTO touches (prospect_id, channel, outcome, started_at, ended_at, duration_s,"
        " notes, decision_maker, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        list(rows),
    )


def log_do_not_call(db: Database, rows: Iterable[tuple[int, str, str]]) -> None:
    """(prospect_id, reason, at): do-not-call set by an import, for the record."""
    db.conn.executemany(
        "INSERT INTO dnc_log (prospect_id, action, reason, at) VALUES (?, 'added', ?, ?)",
        list(rows),
    )


def do_not_call_list(db: Database) -> list[dict[str, Any]]:
    """Every prospect on the do-not-call list, in id order, with when, why and by whom
    it was last added (`marked_at`, `reason`, `marked_by`: None where dnc_log has no
    record of it, as in a database from before the log)."""
    return list(
        db.query(
            "SELECT p.id, p.name, p.company, p.phone_raw, p.phone_e164, p.phone_ext,"
            " l.at AS marked_at, l.reason, l.rep AS marked_by"
            " FROM prospects p LEFT JOIN dnc_log l ON l.id = (SELECT max(m.id) FROM dnc_log m"
            "  WHERE m.prospect_id = p.id AND m.action = 'added')"
            " WHERE p.do_not_call = 1 ORDER BY p.id"
        )
    )


# -- export and agenda -------------------------------------------------------------------


def prospects_for_export(db: Database, since: str | None = None) -> Iterator[dict[str, Any]]:
    """Every prospect (created or changed since `since`), with touch count and research
    notes, in id order."""
    where, params = (
        ("", [])
        if since is None
        else (
            " WHERE p.created_at >= ? OR p.updated_at >= ?",
            [since, since],
        )
    )
    yield from db.query(
        f"SELECT p.*, {TOUCH_COUNT}, coalesce(r.notes, '') AS research_notes,"
        " coalesce(r.reason_to_call, '') AS research_reason,"
        " coalesce(r.company_facts, '') AS research_facts,"
        " coalesce(r.pains_goals, '') AS research_pains"
        f" FROM prospects p LEFT JOIN research r ON r.prospect_id = p.id{where} ORDER BY p.id",
        params,
    )


def touches_for_export(db: Database, since: str | None = None) -> Iterator[dict[str, Any]]:
    """Every logged touch (started since `since`) with its prospect's email and phone,
    oldest first. Dials still running have no outcome yet and are left out."""
    params: list[Any] = []
    where = " WHERE t.outcome IS NOT NULL"
    if since is not None:
        where += " AND t.started_at >= ?"
        params.append(since)
    yield from db.query(
        "SELECT t.*, p.email, p.phone_raw, p.phone_e164, p.phone_ext FROM touches t"
        f" JOIN prospects p ON p.id = t.prospect_id{where} ORDER BY t.started_at, t.id",
        params,
    )


def signals_for_export(db: Database, since: str | None = None) -> Iterator[dict[str, Any]]:
    """Every signal (that happened since `since`) with its prospect's email and phone."""
    where, params = ("", []) if since is None else (" WHERE s.occurred_at >= ?", [since])
    yield from db.query(
        "SELECT s.*, p.email, p.phone_raw, p.phone_e164, p.phone_ext FROM signals s"
        f" JOIN prospects p ON p.id = s.prospect_id{where} ORDER BY s.occurred_at, s.id",
        params,
    )


def booked_meetings(db: Database, start: str, end: str) -> list[tuple[Prospect, Touch]]:
    """Meetings booked to take place in [start, end], never with a do-not-call
    prospect: (prospect, the touch that booked it), soonest first."""
    rows = db.query(
        f"SELECT {PROSPECT_COLUMNS}, {TOUCH_COUNT}, t.id AS t_id, t.prospect_id AS t_prospect,"
        " t.channel AS t_channel, t.outcome AS t_outcome, t.started_at AS t_started,"
        " t.notes AS t_notes, t.meeting_at AS t_meeting"
        " FROM touches t JOIN prospects p ON p.id = t.prospect_id"
        " WHERE t.meeting_at >= ? AND t.meeting_at <= ? AND p.do_not_call = 0"
        " ORDER BY t.meeting_at, t.id",
        [start, end],
    )
    return [
        (
            prospect_from_row(row),
            Touch(id=row["t_id"], prospect_id=row["t_prospect"], channel=row["t_channel"],
                  outcome=row["t_outcome"], started_at=from_iso(row["t_started"]),
                  notes=row["t_notes"] or "", meeting_at=from_iso(row["t_meeting"])),
        )
        for row in rows
    ]  # fmt: skip


def planned_touches(db: Database, start: str, end: str) -> list[tuple[Prospect, str, str]]:
    """Active prospects (never do-not-call) whose next touch falls in [start, end]:
    (prospect, reason to call, updated_at), soonest first."""
    rows = db.query(
        f"SELECT {PROSPECT_COLUMNS}, {TOUCH_COUNT}, p.updated_at,"
        " coalesce(r.reason_to_call, '') AS research_reason"
        " FROM prospects p LEFT JOIN research r ON r.prospect_id = p.id"
        " WHERE p.status = 'active' AND p.do_not_call = 0"
        " AND p.next_touch_at >= ? AND p.next_touch_at <= ?"
        " ORDER BY p.next_touch_at, p.id",
        [start, end],
    )
    return [(prospect_from_row(row), row["research_reason"], row["updated_at"]) for row in rows]
