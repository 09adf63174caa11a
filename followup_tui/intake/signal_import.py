"""`followup import-signals`: webinar attendees, ebook downloads, booth scans.

Each row names a prospect (email, phone, or our Followup ID), a kind of signal
and a date. A list with no kind or date column (a webinar's attendee list) takes
them from --kind and --date. A row whose prospect is not in the database, or
whose kind is not one we know, is rejected with the reason; a signal of the
same kind on the same day is already there and is not added twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from msgspec import Struct
from pendulum import DateTime

from followup_tui.domain.clock import to_iso
from followup_tui.intake.csv_read import IntakeError, Table, read_table
from followup_tui.intake.dates import HappenedBy, read_moment, signal_day
from followup_tui.intake.headers import PHONE_FIELDS, SIGNAL_FIELDS, ColumnMap, recognise
from followup_tui.intake.identity import Finder
from followup_tui.intake.importing import (
    ImportOptions,
    Progress,
    ShouldStop,
    import_prospect_rows,
    new_report,
    no_cycle_collection,
)
from followup_tui.intake.kinds import known_signal_kinds, signal_kind
from followup_tui.intake.leads import PLACEHOLDERS, Rejected
from followup_tui.intake.phone_reading import PhoneReader
from followup_tui.intake.report import ImportReport
from followup_tui.store import intake as store
from followup_tui.store.db import Database

CellValue = Callable[[Sequence[str], str], str]  # (cells, field) -> the cell's text


class SignalDefaults(Struct, frozen=True):
    kind: str | None = None  # --kind: for rows with no signal type
    occurred_at: DateTime | None = None  # --date: for rows with no date


_Found = tuple[int, str, DateTime, str, str]  # prospect id, kind, when, detail, source


@no_cycle_collection()
def import_signals(
    db: Database,
    path: Path,
    options: ImportOptions,
    defaults: SignalDefaults,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
) -> ImportReport:
    """Read every row, then save in chunks (see `importing` for what stops and fails)."""
    table = read_table(path)
    columns = recognise(table.header, SIGNAL_FIELDS, options.mappings)
    _check_columns(table, columns, defaults)
    report = new_report("signals", table, columns, options)
    rows = _SignalRows(db, table, columns, options, defaults, report)
    return import_prospect_rows(db, table, report, rows, progress, should_stop)


def _check_columns(table: Table, columns: ColumnMap, defaults: SignalDefaults) -> None:
    if not any(columns.has(f) for f in ("email", "followup_id", *PHONE_FIELDS)):
        raise IntakeError(
            f"no column of {table.path.name} reads as an email or phone to find the prospect"
            f" by. Its columns: {', '.join(table.header)}. Name one with --map COLUMN=email"
        )
    if not columns.has("signal") and defaults.kind is None:
        raise IntakeError(
            f"{table.path.name} has no signal type column: name one with --map COLUMN=signal,"
            f" or give every row one kind with --kind (one of: {known_signal_kinds()})"
        )
    if not columns.has("signal_date") and defaults.occurred_at is None:
        raise IntakeError(
            f"{table.path.name} has no date column: name one with --map COLUMN=signal_date,"
            " or give every row one date with --date YYYY-MM-DD"
        )


class _SignalRows:
    def __init__(
        self,
        db: Database,
        table: Table,
        columns: ColumnMap,
        options: ImportOptions,
        defaults: SignalDefaults,
        report: ImportReport,
    ) -> None:
        self.db = db
        self.table = table
        self.columns = columns
        self.options = options
        self.defaults = defaults
        self.report = report
        self.phones = PhoneReader(options.region)
        self.zone = ZoneInfo(options.rep_zone)
        self.happened = HappenedBy.now_in(options.rep_zone)
        self.source = table.path.name  # for files without a Source column
        self.days: dict[int, set[tuple[str, date]]] = {}
        self.new: list[tuple[int, str, str, str, str]] = []

    def take(self, found: Sequence[_Found]) -> None:
        self._load_days([prospect_id for prospect_id, *_ in found])
        for prospect_id, kind, when, detail, source in found:
            key = (kind, signal_day(to_iso(when), self.zone))
            days = self.days[prospect_id]
            if key in days:
                self.report.unchanged += 1
                continue
            days.add(key)
            self.new.append((prospect_id, kind, to_iso(when), detail, source))
            self.report.created += 1

    def flush(self) -> None:
        new, self.new = self.new, []
        store.insert_signals(self.db, new)

    def reload(self) -> None:
        """Another connection wrote: the signals seen so far are read again."""
        self.days.clear()
        self.new = []

    def _value(self, cells: Sequence[str], field: str) -> str:
        text = self.columns.value(cells, field)
        return "" if text.casefold() in PLACEHOLDERS else text

    def read(self, finder: Finder, cells: Sequence[str]) -> _Found:
        written = self._value(cells, "signal")
        kind = signal_kind(written) if written else self.defaults.kind
        if kind is None:
            raise Rejected(
                f"unknown signal type {written!r} (known: {known_signal_kinds()})"
                if written
                else "no signal type"
            )
        date_text = self._value(cells, "signal_date")
        when = (
            read_moment(date_text, self.options.rep_zone, self.options.region)
            if date_text
            else None
        )
        what = "date"
        if when is None:
            if date_text:
                raise Rejected(f"date {date_text!r} not understood (write 2026-11-03)")
            when = self.defaults.occurred_at
            if when is None:
                raise Rejected("no date")
            what, date_text = "--date", when.in_tz(self.options.rep_zone).to_date_string()
        not_yet = self.happened.not_yet(when, date_text, what)
        if not_yet:
            raise Rejected(not_yet)
        prospect_id = find_prospect(finder, self.phones, cells, self._value)
        detail = self.columns.value(cells, "signal_detail")
        source = self.options.source or (
            self._value(cells, "source") if self.columns.has("source") else self.source
        )
        return prospect_id, kind, when, detail, source

    def _load_days(self, ids: list[int]) -> None:
        wanted = sorted({i for i in ids if i not in self.days})
        for prospect_id in wanted:
            self.days[prospect_id] = set()
        for prospect_id, kind, occurred_at in store.signals_of(self.db, wanted):
            self.days[prospect_id].add((kind, signal_day(occurred_at, self.zone)))


def find_prospect(
    finder: Finder, phones: PhoneReader, cells: Sequence[str], value: CellValue
) -> int:
    """The prospect a signal or touch row names; Rejected when there is none."""
    email = value(cells, "email")
    raw = next((value(cells, f) for f in PHONE_FIELDS if value(cells, f)), "")
    phone = phones.read(raw)
    followup_id_text = value(cells, "followup_id")
    followup_id = int(followup_id_text) if followup_id_text.isdigit() else None
    if not email and not raw and followup_id is None:
        raise Rejected("no email or phone to find the prospect by")
    found = finder.find(followup_id, email, phone.e164, phone.raw)
    if found is None:
        raise Rejected("no prospect with this email or phone")
    return found
