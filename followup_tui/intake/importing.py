"""What every import does: read it all, then write it in short transactions.

`followup import`, `import-signals` and `import-touches` share these steps, so
they count rows, reject malformed ones, write the rejects file and commit the
same way:

1. **Read.** Every row is read, checked and matched with nothing written (a
   file that cannot be read at all raises IntakeError and changes nothing).
   The rejects file is written then, before anything is saved, so a rejected
   row is never lost.
2. **Save in chunks.** The rows go in chunks, each its own `BEGIN IMMEDIATE
   ... COMMIT` of about `CHUNK_SECONDS`, so the app's own writes (which wait up
   to 30 s for the lock) get in between. The first chunk is `CHUNK` rows; the
   next ones are sized from how fast the last one went, between `MIN_CHUNK` and
   `MAX_CHUNK` rows. (Every commit rewrites the index pages its rows touched,
   and emails and phones land all over their indexes, so 1,000-row chunks cost
   half as much again as one transaction; ~80 ms chunks cost about a tenth.)
   A chunk is all or nothing. If another connection wrote between two chunks (`PRAGMA
   data_version` moved), the import reloads what it knows of the database
   first, so it never works from a stale picture.

An import is idempotent (every row merges into what it made the first time),
so an import stopped midway, by `should_stop` or by an error, is finished by
importing the same file again. The report, or the `ImportInterrupted` error,
says how many rows were saved. A dry run reads and matches everything and
writes nothing.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Generic, Protocol, TypeVar

from msgspec import Struct, field

from followup_tui.intake.csv_read import IntakeError, Table
from followup_tui.intake.headers import ColumnMap
from followup_tui.intake.identity import Finder
from followup_tui.intake.leads import Rejected
from followup_tui.intake.report import ImportReport, rejects_path_for, write_rejects
from followup_tui.store import intake as store
from followup_tui.store.db import Database, write_transaction
from followup_tui.store.intake import checkpoints_by_hand, data_version, roomy_cache

BATCH = 2000  # rows read between two progress reports (and checks of should_stop)
CHUNK = 1000  # rows in the first transaction
CHUNK_SECONDS: float | None = 0.08  # then chunks sized to hold the write lock this long
MIN_CHUNK, MAX_CHUNK = 200, 10_000
CHUNKS_PER_CHECKPOINT = 3  # the WAL holds at most about this many chunks' pages

T = TypeVar("T")
T_in = TypeVar("T_in", contravariant=True)


class ImportProgress(Struct, frozen=True):
    """Where an import stands: `stage` is "reading" (nothing saved yet; `total` is the
    file's line count, an estimate) or "saving" (`total` is the rows to save)."""

    stage: str
    done: int
    total: int
    saved: int  # rows whose outcome is committed

    @property
    def fraction(self) -> float:
        """0..1 over both stages; reading is about half of the work."""
        part = min(1.0, self.done / self.total) if self.total else 1.0
        return part / 2 if self.stage == "reading" else 0.5 + part / 2

    def text(self) -> str:
        if self.stage == "reading":
            return f"Reading row {self.done:,} of about {self.total:,}"
        return f"Saved {self.saved:,} of {self.total:,} rows"


Progress = Callable[[ImportProgress], None]
ShouldStop = Callable[[], bool]


class ImportOptions(Struct, frozen=True):
    region: str = "US"  # the country of numbers written without +country code
    source: str = ""  # --source: the lead source of every row, over a Lead Source column
    mappings: dict[str, str] = field(default_factory=dict)  # --map COLUMN=field
    dry_run: bool = False
    rep_zone: str = "UTC"  # times written without an offset are the rep's


class ImportInterrupted(RuntimeError):
    """An import that failed after saving some chunks: `report` counts what was saved
    (and every row read); importing the same file again finishes the job."""

    def __init__(self, report: ImportReport, cause: BaseException) -> None:
        self.report = report
        self.cause = cause
        super().__init__(
            f"{report.path.name}: {cause or type(cause).__name__}."
            f" {report.saved:,} of {report.to_save:,} rows were saved before it stopped;"
            " import the same file again to finish (rows already saved are not added twice)."
        )


class Work(Protocol[T_in]):
    """One import's rows, once read: how to count a chunk of them and how to save it."""

    def take(self, items: Sequence[T_in]) -> None:
        """Match and count these rows into the report; keep what is to be written
        (runs before the chunk's transaction; reads are fine, writes are not)."""

    def flush(self) -> None:
        """Write what `take` kept (inside the chunk's transaction)."""

    def reload(self) -> None:
        """Someone else wrote: forget what `take` kept and read again what is known of
        the database."""


class ProspectRows(Work[T], Protocol[T]):
    """Rows that belong to prospects already in the database (touches, signals)."""

    def read(self, finder: Finder, cells: Sequence[str]) -> T:
        """The row's values and its prospect; raises Rejected for a row it cannot take."""
        ...


class Chunked(Struct, Generic[T]):
    """Step 2 of an import: the rows read, saved in chunks."""

    db: Database
    table: Table
    report: ImportReport
    items: list[T]
    work: Work[T]
    progress: Progress | None = None
    should_stop: ShouldStop | None = None

    def run(self) -> ImportReport:
        report = self.report
        report.to_save = len(self.items)
        if report.rejected and not report.dry_run:
            _write_rejects(report, self.table)
        if report.dry_run:
            self.work.take(self.items)  # counted, never written
            return report
        version = data_version(self.db)
        size = CHUNK
        start = 0
        with roomy_cache(self.db), checkpoints_by_hand(self.db) as checkpoint:
            while start < len(self.items):
                if start and self.should_stop is not None and self.should_stop():
                    report.stopped = True
                    break
                if data_version(self.db) != version:
                    self.work.reload()  # outside the lock when we can
                    version = data_version(self.db)
                chunk = self.items[start : start + size]
                counts = report.counts()
                try:
                    # Matching and building the rows happen before the lock is taken, so
                    # the lock is held only while rows are written, and a writer waiting
                    # for it (SQLite's busy handler polls) finds it free between chunks.
                    self.work.take(chunk)
                    with write_transaction(self.db):
                        began = time.perf_counter()
                        if data_version(self.db) != version:
                            # Someone wrote while this chunk was prepared: prepare it again
                            # from what the database holds now, inside the lock.
                            report.restore(counts)
                            self.work.reload()
                            version = data_version(self.db)
                            self.work.take(chunk)
                        self.work.flush()
                except BaseException as err:
                    report.restore(counts)  # that chunk was rolled back
                    if report.saved and isinstance(err, Exception):
                        raise ImportInterrupted(report, err) from err
                    raise
                held = time.perf_counter() - began
                start += len(chunk)
                report.saved += len(chunk)
                report.chunks += 1
                size = _next_size(size, len(chunk), held)
                if report.chunks % CHUNKS_PER_CHECKPOINT == 0:
                    checkpoint()  # outside the transaction: no one waits for it
                if self.progress is not None:
                    self.progress(
                        ImportProgress("saving", report.saved, report.to_save, report.saved)
                    )
        return report


def _next_size(size: int, rows: int, seconds: float) -> int:
    """Rows for the next chunk: as many as the last chunk's pace fits in CHUNK_SECONDS
    (growing at most fourfold at a time), or CHUNK when chunks are of fixed size."""
    if CHUNK_SECONDS is None:
        return CHUNK
    fits = int(rows * CHUNK_SECONDS / max(seconds, 1e-3))
    return max(MIN_CHUNK, min(MAX_CHUNK, 4 * size, fits))


def new_report(kind: str, table: Table, columns: ColumnMap, options: ImportOptions) -> ImportReport:
    return ImportReport(
        kind=kind,
        path=table.path,
        encoding=table.encoding,
        delimiter=table.delimiter_name,
        dry_run=options.dry_run,
        ignored_columns=columns.ignored,
        columns=columns.described(),
    )


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off for a whole import (both steps): a decorator of
    the function that reads and saves, so that what it made is freed, by reference
    counting, before the collector is back on.

    An import makes hundreds of thousands of small objects (rows, leads, parsed
    numbers), and the collector would walk all the live ones again every few
    thousand: a quarter of the time of a 100,000-row import. Turned back on
    while they are still alive, its next collection walks them all once more (a
    tenth of an import); freed, they are out of its count. So an import must
    make no reference cycle that holds them (see phone_reading._unreadable);
    anything cyclic is collected once the collector is back on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _write_rejects(report: ImportReport, table: Table) -> None:
    report.rejected_rows.sort(key=lambda row: row.line)  # in file order
    target = rejects_path_for(table.path)
    try:
        write_rejects(target, table.header_as_written, report.rejected_rows, table.delimiter)
    except OSError as err:
        raise IntakeError(
            f"cannot write the rejects file {target}: {err.strerror or err}; nothing was imported"
        ) from err
    report.rejects_path = target


def import_prospect_rows(
    db: Database,
    table: Table,
    report: ImportReport,
    rows: ProspectRows[T],
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
) -> ImportReport:
    """Both steps for rows that name a prospect already stored: read and match every
    row against who is in the database, then save in chunks."""
    finder = Finder(store.prospect_identities(db))
    found = read_rows(table, report, partial(rows.read, finder), progress, should_stop)
    if found is None:
        return report
    return Chunked(db, table, report, found, rows, progress, should_stop).run()


def read_rows(
    table: Table,
    report: ImportReport,
    read: Callable[[list[str]], T],
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
) -> list[T] | None:
    """Step 1: `read` the cells of every non-blank row (it raises Rejected, counted
    here, for a row it cannot take); None when `should_stop` said so (nothing was saved).

    Blank rows are only counted. A row with more or fewer cells than the header
    is rejected here: its cells may have shifted under the wrong headings.
    """
    width = len(table.header)
    estimate = max(table.estimated_rows, 1)
    found: list[T] = []
    append = found.append
    since_report = 0
    for row in table.rows():
        cells = row.cells
        if len(cells) == width:
            try:
                append(read(cells))
            except Rejected as why:
                # Every reader rejects a row that names nothing, so the (rare)
                # blank rows are told apart here rather than looked for in each row.
                if not "".join(cells).strip():
                    report.blank += 1
                    continue
                report.reject(row.line, cells, str(why))
        elif not "".join(cells).strip():
            report.blank += 1
            continue
        else:
            report.reject(
                row.line,
                cells,
                f"{len(cells)} cells where the header has {width} (a stray delimiter or quote?)",
            )
        report.read += 1
        since_report += 1
        if since_report >= BATCH:
            since_report = 0
            if should_stop is not None and should_stop():
                report.stopped = True
                return None
            if progress is not None:
                progress(ImportProgress("reading", report.read, estimate, 0))
    return found
