"""`followup import-touches`: call history back in, from our export or a CRM's.

Each row names a prospect (Followup ID, email or phone, as `followup export
touches` writes them), a channel, an outcome and when it started. History is
only ever added: a touch with the same prospect, start, channel and outcome is
already there, and importing touches never changes a prospect's status,
schedule or do-not-call.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from msgspec import Struct
from pendulum import DateTime

from followup_tui.domain.clock import to_iso
from followup_tui.intake.csv_read import IntakeError, Table, read_table
from followup_tui.intake.dates import HappenedBy, read_moment
from followup_tui.intake.headers import PHONE_FIELDS, TOUCH_FIELDS, ColumnMap, recognise
from followup_tui.intake.identity import Finder
from followup_tui.intake.importing import (
    ImportOptions,
    Progress,
    ShouldStop,
    import_prospect_rows,
    new_report,
    no_cycle_collection,
)
from followup_tui.intake.kinds import channel_of, outcome_of, yes_no
from followup_tui.intake.leads import PLACEHOLDERS, Rejected
from followup_tui.intake.phone_reading import PhoneReader
from followup_tui.intake.report import ImportReport
from followup_tui.intake.signal_import import find_prospect
from followup_tui.store import intake as store
from followup_tui.store.db import Database

MAX_DURATION_S = 24 * 3600  # a longer "call" is a typo
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")


class _Touch(Struct, frozen=True):
    prospect_id: int
    channel: str
    outcome: str
    started_at: str  # UTC ISO-8601, as stored
    ended_at: str | None
    duration_s: int | None
    notes: str
    decision_maker: bool

    def as_row(self) -> tuple[int, str, str, str, str | None, int | None, str, int, str]:
        """The columns of store.intake.insert_touches; created_at is when it started,
        as for any touch recorded after the fact."""
        return (
            self.prospect_id,
            self.channel,
            self.outcome,
            self.started_at,
            self.ended_at,
            self.duration_s,
            self.notes,
            int(self.decision_maker),
            self.started_at,
        )


@no_cycle_collection()
def import_touches(
    db: Database,
    path: Path,
    options: ImportOptions,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
) -> ImportReport:
    """Read every row, then save in chunks (see `importing` for what stops and fails)."""
    table = read_table(path)
    columns = recognise(table.header, TOUCH_FIELDS, options.mappings)
    _check_columns(table, columns)
    report = new_report("touches", table, columns, options)
    rows = _TouchRows(db, table, columns, options, report)
    return import_prospect_rows(db, table, report, rows, progress, should_stop)


def _check_columns(table: Table, columns: ColumnMap) -> None:
    if not any(columns.has(f) for f in ("email", "followup_id", *PHONE_FIELDS)):
        raise IntakeError(
            f"no column of {table.path.name} reads as a Followup ID, email or phone to find"
            f" the prospect by. Its columns: {', '.join(table.header)}"
        )
    for field, example in (("outcome", "Outcome"), ("started_at", "Started At")):
        if not columns.has(field):
            raise IntakeError(
                f"{table.path.name} has no {example} column (name one with --map COLUMN={field})"
            )


def duration_seconds(text: str) -> int | None:
    """'42', '42.0', '0:42' or '1:02:10' as seconds; None if it is none of these
    (or over a day)."""
    value = text.strip()
    try:
        seconds = round(float(value))
    except (ValueError, OverflowError):  # not a number; 'nan'; 'inf'
        match = _CLOCK.match(value)
        if not match:
            return None
        seconds = int(match[1] or 0) * 3600 + int(match[2]) * 60 + int(match[3])
    return seconds if 0 <= seconds <= MAX_DURATION_S else None


class _TouchRows:
    def __init__(
        self,
        db: Database,
        table: Table,
        columns: ColumnMap,
        options: ImportOptions,
        report: ImportReport,
    ) -> None:
        self.db = db
        self.table = table
        self.columns = columns
        self.options = options
        self.report = report
        self.phones = PhoneReader(options.region)
        self.happened = HappenedBy.now_in(options.rep_zone)
        self.seen: dict[int, set[tuple[str, str, str]]] = {}
        self.new: list[_Touch] = []

    def take(self, found: Sequence[_Touch]) -> None:
        self._load_seen([t.prospect_id for t in found])
        for touch in found:
            key = (touch.started_at, touch.channel, touch.outcome)
            seen = self.seen[touch.prospect_id]
            if key in seen:
                self.report.unchanged += 1
                continue
            seen.add(key)
            self.new.append(touch)
            self.report.created += 1

    def flush(self) -> None:
        new, self.new = self.new, []
        store.insert_touches(self.db, [t.as_row() for t in new])

    def reload(self) -> None:
        """Another connection wrote: the touches seen so far are read again."""
        self.seen.clear()
        self.new = []

    def _value(self, cells: Sequence[str], field: str) -> str:
        text = self.columns.value(cells, field)
        return "" if text.casefold() in PLACEHOLDERS else text

    def read(self, finder: Finder, cells: Sequence[str]) -> _Touch:
        v = self._value
        channel_text = v(cells, "channel")
        channel = channel_of(channel_text) if channel_text else "call"
        if channel is None:
            raise Rejected(
                f"unknown channel {channel_text!r} (call, email, linkedin, letter, text)"
            )
        outcome_text = v(cells, "outcome")
        outcome = outcome_of(outcome_text) if outcome_text else None
        if outcome is None:
            raise Rejected(f"unknown outcome {outcome_text!r}" if outcome_text else "no outcome")
        started_text = v(cells, "started_at")
        started = self._moment(started_text, "start")
        if started is None:
            raise Rejected("no start time")
        not_yet = self.happened.not_yet(started, started_text, "start time")
        if not_yet:
            raise Rejected(not_yet)
        duration = self._duration(cells, started)
        decision_text = v(cells, "decision_maker")
        decision = yes_no(decision_text)
        if decision is None:
            raise Rejected(f"Decision Maker is {decision_text!r}: write yes or no")
        prospect_id = find_prospect(finder, self.phones, cells, v)
        notes = self.columns.value(cells, "notes")
        ended = started.add(seconds=duration) if duration is not None else None
        return _Touch(
            prospect_id,
            channel,
            outcome,
            to_iso(started),
            to_iso(ended) if ended is not None else None,
            duration,
            notes,
            decision,
        )

    def _moment(self, text: str, what: str) -> DateTime | None:
        if not text:
            return None
        found = read_moment(text, self.options.rep_zone, self.options.region)
        if found is None:
            raise Rejected(f"{what} time {text!r} not understood (write 2026-11-03 14:05)")
        return found.start_of("second")

    def _duration(self, cells: Sequence[str], started: DateTime) -> int | None:
        text = self._value(cells, "duration_s")
        if text:
            seconds = duration_seconds(text)
            if seconds is None:
                raise Rejected(f"duration {text!r} not understood (seconds, or 1:05, under a day)")
            return seconds
        ended = self._moment(self._value(cells, "ended_at"), "end")
        if ended is None:
            return None
        seconds = max(0, int((ended - started).total_seconds()))
        if seconds > MAX_DURATION_S:
            raise Rejected("ends more than a day after it starts")
        return seconds

    def _load_seen(self, ids: list[int]) -> None:
        wanted = sorted({i for i in ids if i not in self.seen})
        for prospect_id in wanted:
            self.seen[prospect_id] = set()
        for prospect_id, started_at, channel, outcome in store.touches_of(self.db, wanted):
            self.seen[prospect_id].add((started_at, channel, outcome or ""))
