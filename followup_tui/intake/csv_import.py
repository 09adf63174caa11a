"""`followup import`: a CRM export in, prospects out, nothing lost on the way.

A row is a new prospect, or merged into the one it names (same email or same
phone, see `identity`): a merge adds what was missing (empty fields, notes,
signals, do-not-call) and never overwrites history, the schedule or a
do-not-call. Rows that cannot be imported go to FILE.rejects.csv with the
reason (see `importing` for the steps every import shares).

Every row is read first, then saved in chunks of short transactions (see
`importing`). Speed (bench/import_bench.py): each chunk's merges are read
from the database in one query and its writes go in with executemany; who is
who is answered from dicts loaded once (and again only if another connection
wrote meanwhile); phone numbers are read by a PhoneReader (see
`phone_reading`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pendulum import DateTime
from sqlite_utils import Database

from followup_tui.domain.clock import to_iso
from followup_tui.intake.csv_read import IntakeError, Table, read_table
from followup_tui.intake.dates import signal_day
from followup_tui.intake.headers import (
    PROSPECT_FIELDS,
    SIGNAL_FIELDS,
    TOUCH_FIELDS,
    ColumnMap,
    recognise,
)
from followup_tui.intake.identity import Identities, digits
from followup_tui.intake.importing import (
    Chunked,
    ImportOptions,
    Progress,
    ShouldStop,
    new_report,
    read_rows,
)
from followup_tui.intake.leads import FoundSignal, Lead, LeadReader
from followup_tui.intake.phone_reading import PhoneReader
from followup_tui.intake.report import ImportReport
from followup_tui.store import intake as store
from followup_tui.store.rows import zones_to_text


def import_prospects(
    db: Database,
    path: Path,
    options: ImportOptions,
    now: DateTime,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
) -> ImportReport:
    """Import the prospects in `path`, saving them in chunks (see `importing`).

    IntakeError when the file cannot be read at all (nothing changed);
    ImportInterrupted when saving failed after some chunks were committed. With
    `should_stop` answering True between chunks, it returns early with
    `report.stopped` and `report.saved` rows saved.
    """
    return import_prospect_table(db, read_table(path), options, now, progress, should_stop)


def import_prospect_table(
    db: Database,
    table: Table,
    options: ImportOptions,
    now: DateTime,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
) -> ImportReport:
    columns = recognise(table.header, PROSPECT_FIELDS, options.mappings)
    _check_prospect_columns(table, columns)
    report = new_report("prospects", table, columns, options)
    reader = LeadReader(columns, PhoneReader(options.region), options.rep_zone)
    leads = read_rows(table, report, reader.read, progress, should_stop)
    report.warnings.update(reader.warnings)
    if leads is None:
        return report  # stopped while reading: nothing saved
    work = _ProspectImport(db, table, columns, options, now, report)
    return Chunked(db, table, report, leads, work, progress, should_stop).run()


def _check_prospect_columns(table: Table, columns: ColumnMap) -> None:
    touch_like = recognise(table.header, TOUCH_FIELDS)
    if touch_like.has("channel") and touch_like.has("outcome") and touch_like.has("started_at"):
        raise IntakeError(
            f"{table.path.name} looks like a touches export: use `followup import-touches`"
        )
    who = ("name", "first_name", "last_name", "email", "direct_dial", "phone", "mobile_phone")
    if not any(columns.has(f) for f in (*who, "other_phone")):
        signal_like = recognise(table.header, SIGNAL_FIELDS)
        hint = (
            " It looks like a signals file: use `followup import-signals`."
            if signal_like.has("signal")
            else ""
        )
        raise IntakeError(
            f"no column of {table.path.name} reads as a name, email or phone."
            f" Its columns: {', '.join(table.header)}. Name one with --map COLUMN=field"
            f" (e.g. --map 'Contact=name').{hint}"
        )


@dataclass(slots=True)
class _Pending:
    """A prospect this batch creates or changes, as it will be stored."""

    id: int
    new: bool
    values: dict[str, Any]
    changed: dict[str, Any] = field(default_factory=dict)
    notes: str = ""
    reason: str = ""
    facts: str = ""
    pains: str = ""
    research_changed: bool = False
    signal_days: set[tuple[str, date]] = field(default_factory=set)
    new_signals: list[FoundSignal] = field(default_factory=list)
    dnc_added: bool = False


class _ProspectImport:
    def __init__(
        self,
        db: Database,
        table: Table,
        columns: ColumnMap,
        options: ImportOptions,
        now: DateTime,
        report: ImportReport,
    ) -> None:
        self.db = db
        self.table = table
        self.columns = columns
        self.options = options
        self.report = report
        self.stamp = to_iso(now)
        self.zone = ZoneInfo(options.rep_zone)
        self.identities = Identities()
        self.taken: set[int] = set()
        self.next_id = 1
        self.pending: dict[int, _Pending] = {}
        self.dnc_reason = f"import of {table.path.name}"
        self.reload()

    def reload(self) -> None:
        """Who is already in the database (everything this import saved included)."""
        self.identities = Identities()
        self.taken = set()
        self.pending.clear()
        add = self.identities.add
        for prospect_id, email, e164, name, company, raw in store.prospect_identities(self.db):
            add(prospect_id, email.casefold(), e164, name, company, raw)
            self.taken.add(prospect_id)
        self.next_id = max(self.taken, default=0) + 1

    def take(self, leads: Sequence[Lead]) -> None:
        self._fetch(self._match(lead) for lead in leads)
        for lead in leads:
            self._take(lead)

    def flush(self) -> None:
        self._flush()

    def _match(self, lead: Lead) -> int | None:
        phone = lead.phone
        return self.identities.match(lead.email_key, phone.e164, lead.name, lead.company, phone.raw)

    def _fetch(self, ids: Iterable[int | None]) -> None:
        """Read the stored prospects these rows merge into, in one query."""
        wanted = sorted({i for i in ids if i is not None and i not in self.pending})
        if not wanted:
            return
        for prospect_id, row in store.prospects_for_merge(self.db, wanted).items():
            self.pending[prospect_id] = _Pending(
                id=prospect_id,
                new=False,
                values={k: row[k] for k in store.PROSPECT_FIELDS if k in row},
                notes=row["research_notes"],
                reason=row["research_reason"],
                facts=row["research_facts"],
                pains=row["research_pains"],
            )
        if self.columns.has("signal"):
            for prospect_id, kind, occurred_at in store.signals_of(self.db, wanted):
                self.pending[prospect_id].signal_days.add(
                    (kind, signal_day(occurred_at, self.zone))
                )

    def _take(self, lead: Lead) -> None:
        prospect_id = self._match(lead)
        if prospect_id is None:
            record = self._create(lead)
            self.report.created += 1
        else:
            if prospect_id not in self.pending:
                self._fetch([prospect_id])
            record = self.pending[prospect_id]
            if self._merge(record, lead):
                self.report.updated += 1
            else:
                self.report.unchanged += 1
        if record.values["phone_e164"] is None:
            self.report.flagged += 1

    def _new_id(self, wanted: int | None) -> int:
        """The id the row's Followup ID asks for when it is free (an export going back
        into a fresh database keeps its ids), else the next free one."""
        if wanted is not None and wanted not in self.taken:
            chosen = wanted
        else:
            while self.next_id in self.taken:
                self.next_id += 1
            chosen = self.next_id
        self.taken.add(chosen)
        return chosen

    def _create(self, lead: Lead) -> _Pending:
        phone = lead.phone
        status = lead.status or "active"
        dnc = lead.do_not_call or status == "do_not_call"
        next_touch: str | None
        if lead.next_touch_at is not None:
            next_touch = to_iso(lead.next_touch_at)
        else:
            next_touch = self.stamp if status == "active" else None
        values: dict[str, Any] = {
            "id": self._new_id(lead.followup_id),
            "name": lead.name,
            "title": lead.title,
            "company": lead.company,
            "email": lead.email,
            "phone_raw": phone.raw,
            "phone_e164": phone.e164,
            "phone_ext": phone.extension,
            "phone_problem": phone.problem,
            "phone_bad": int(lead.phone_bad),
            "timezone": lead.timezone,
            "phone_zones": zones_to_text(phone.zones),
            "status": "do_not_call" if dnc else status,
            "do_not_call": int(dnc),
            "next_touch_at": None if dnc else next_touch,
            "next_touch_is_callback": int(lead.next_touch_is_callback and not dnc),
            "revisit_at": to_iso(lead.revisit_at) if lead.revisit_at else None,
            "source": self.options.source or lead.source,
            "created_at": self.stamp,
            "updated_at": self.stamp,
        }
        if lead.cadence is not None:
            values["cadence"] = lead.cadence
        if lead.cadence_step is not None:
            values["cadence_step"] = lead.cadence_step
        record = _Pending(
            values["id"],
            True,
            values,
            notes=lead.notes,
            reason=lead.reason_to_call,
            facts=lead.company_facts,
            pains=lead.pains_goals,
        )
        record.research_changed = bool(
            lead.notes or lead.reason_to_call or lead.company_facts or lead.pains_goals
        )
        record.dnc_added = dnc
        if dnc:
            self.report.dnc_added += 1
        if lead.signal is not None:
            self._add_signal(record, lead.signal)
        self.pending[record.id] = record
        self.identities.add(
            record.id, lead.email_key, phone.e164, lead.name, lead.company, phone.raw
        )
        return record

    def _merge(self, record: _Pending, lead: Lead) -> bool:
        """Add what `lead` knows and `record` lacks; True if anything changed."""
        values = record.values
        changes: dict[str, Any] = {}

        def fill(column: str, value: Any) -> None:
            if value and not values[column] and values[column] != value:
                changes[column] = value

        placeholder = values["name"] in (values["email"], values["phone_raw"])
        if lead.named and placeholder and lead.name != values["name"]:
            changes["name"] = lead.name
        fill("title", lead.title)
        fill("company", lead.company)
        fill("email", lead.email)
        fill("source", self.options.source or lead.source)
        fill("timezone", lead.timezone)
        notes = [lead.notes] if lead.notes else []
        notes += self._merge_phone(values, lead, changes)
        if lead.do_not_call and not values["do_not_call"]:
            changes.update(
                do_not_call=1, status="do_not_call", next_touch_at=None, next_touch_is_callback=0
            )
            record.dnc_added = True
            self.report.dnc_added += 1
        touched = False
        for piece in notes:
            if piece not in record.notes:
                record.notes = f"{record.notes}\n\n{piece}" if record.notes else piece
                record.research_changed = touched = True
        for attribute, value in (
            ("reason", lead.reason_to_call),
            ("facts", lead.company_facts),
            ("pains", lead.pains_goals),
        ):
            if value and not getattr(record, attribute):
                setattr(record, attribute, value)
                record.research_changed = touched = True
        touched = self._add_signal(record, lead.signal) or touched
        if changes:
            values.update(changes)
            if not record.new:
                record.changed.update(changes, updated_at=self.stamp)
            self.identities.fill(record.id, values["email"].casefold(), values["phone_e164"])
        return bool(changes) or touched

    def _merge_phone(
        self, values: dict[str, Any], lead: Lead, changes: dict[str, Any]
    ) -> list[str]:
        """Take the row's number when the prospect has no dialable one; otherwise keep
        a different number in the notes. Returns the notes to add."""
        phone = lead.phone
        if not phone.raw or phone.raw == values["phone_raw"]:
            return []
        stored_raw = values["phone_raw"] or ""
        different = digits(phone.raw) != digits(stored_raw)
        if values["phone_e164"] is None and (phone.dialable or not stored_raw):
            changes.update(
                phone_raw=phone.raw,
                phone_e164=phone.e164,
                phone_ext=phone.extension,
                phone_problem=phone.problem,
                phone_zones=zones_to_text(phone.zones),
            )
            return [f"Earlier phone as written: {stored_raw}"] if stored_raw and different else []
        if different and (phone.e164 is None or phone.e164 != values["phone_e164"]):
            return [f"Other phones: {phone.raw}"]
        return []

    def _add_signal(self, record: _Pending, signal: FoundSignal | None) -> bool:
        if signal is None:
            return False
        key = (signal.kind, signal_day(to_iso(signal.occurred_at), self.zone))
        if key in record.signal_days:
            return False
        record.signal_days.add(key)
        record.new_signals.append(signal)
        self.report.signals_added += 1
        return True

    def _flush(self) -> None:
        records = list(self.pending.values())
        self.pending.clear()
        store.insert_prospects(self.db, [r.values for r in records if r.new])
        store.update_prospects(self.db, [(r.id, r.changed) for r in records if r.changed])
        store.save_research(
            self.db,
            [
                (r.id, r.reason, r.facts, r.pains, r.notes, self.stamp)
                for r in records
                if r.research_changed
            ],
        )
        source = self.options.source or self.table.path.name
        store.insert_signals(
            self.db,
            [
                (r.id, s.kind, to_iso(s.occurred_at), s.detail, source)
                for r in records
                for s in r.new_signals
            ],
        )
        store.log_do_not_call(
            self.db, [(r.id, self.dnc_reason, self.stamp) for r in records if r.dnc_added]
        )
