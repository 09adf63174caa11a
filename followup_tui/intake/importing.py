"""What every import does: rows in batches, one transaction, a report, a rejects file.

`followup import`, `import-signals` and `import-touches` share these steps, so
they count rows, reject malformed ones, roll back on failure and write the
rejects file the same way. A dry run is the same import, rolled back.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlite_utils import Database

from followup_tui.intake.csv_read import IntakeError, Row, Table
from followup_tui.intake.headers import ColumnMap
from followup_tui.intake.report import ImportReport, rejects_path_for, write_rejects
from followup_tui.store.db import write_transaction
from followup_tui.store.intake import roomy_cache

BATCH = 2000  # rows read, matched and written together
Progress = Callable[[int], None]  # told how many characters of the file have been read


@dataclass(frozen=True)
class ImportOptions:
    region: str = "US"  # the country of numbers written without +country code
    source: str = ""  # --source: the lead source of every row, over a Lead Source column
    mappings: dict[str, str] = field(default_factory=dict)  # --map COLUMN=field
    dry_run: bool = False
    rep_zone: str = "UTC"  # times written without an offset are the rep's


class _RollBack(Exception):
    """Ends a dry run: everything it wrote is rolled back."""


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


def run_import(db: Database, table: Table, report: ImportReport, work: Callable[[], None]) -> None:
    """Run `work` as one write; a dry run rolls it back, having counted everything.

    The rejects file is written before the commit: if it cannot be written,
    nothing is imported, so a rejected row is never lost.
    """
    try:
        with no_cycle_collection(), roomy_cache(db), write_transaction(db):
            work()
            if report.dry_run:
                raise _RollBack
            if report.rejected:
                _write_rejects(report, table)
    except _RollBack:
        pass


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off while rows are imported.

    An import makes no reference cycles, but it makes hundreds of thousands of
    small objects (rows, leads, parsed numbers), and the collector would walk
    all the live ones again every few thousand: a quarter of the time of a
    100,000-row import. Anything cyclic is collected once it is back on.
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


def batches(table: Table, report: ImportReport) -> Iterator[list[Row]]:
    """Non-blank rows, counted as read, in batches; blank ones only counted.

    A row with more or fewer cells than the header is rejected here: its cells
    may have shifted under the wrong headings.
    """
    width = len(table.header)
    batch: list[Row] = []
    for row in table.rows():
        if not "".join(row.cells).strip():
            report.blank += 1
            continue
        report.read += 1
        if len(row.cells) != width:
            report.reject(
                row.line,
                row.cells,
                f"{len(row.cells)} cells where the header has {width}"
                " (a stray delimiter or quote?)",
            )
            continue
        batch.append(row)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
