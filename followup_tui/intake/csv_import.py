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

import shlex
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from msgspec import Struct, field
from msgspec.structs import replace
from pendulum import DateTime

from followup_tui.domain.clock import to_iso
from followup_tui.domain.models import PhoneNumber
from followup_tui.domain.numbers import LABEL_RANK, LABELS, main_number, no_good_number_left
from followup_tui.domain.phones import ParsedPhone, format_phone
from followup_tui.intake.csv_read import IntakeError, Table, read_table
from followup_tui.intake.dates import HappenedBy, signal_day
from followup_tui.intake.headers import (
    PHONE_FIELDS,
    PROSPECT_FIELDS,
    SIGNAL_FIELDS,
    TOUCH_FIELDS,
    ColumnMap,
    header_key,
    recognise,
)
from followup_tui.intake.identity import Identities, digits
from followup_tui.intake.importing import (
    Chunked,
    ImportOptions,
    Progress,
    ShouldStop,
    new_report,
    no_cycle_collection,
    read_rows,
)
from followup_tui.intake.leads import FoundSignal, Lead, LeadReader
from followup_tui.intake.phone_reading import PhoneReader
from followup_tui.intake.report import ImportReport
from followup_tui.store import intake as store
from followup_tui.store import phones as phone_store
from followup_tui.store.db import Database
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


@no_cycle_collection()
def import_prospect_table(
    db: Database,
    table: Table,
    options: ImportOptions,
    now: DateTime,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
) -> ImportReport:
    columns = recognise(table.header, PROSPECT_FIELDS, options.mappings)
    _check_prospect_columns(table, columns, options.mappings)
    report = new_report("prospects", table, columns, options)
    reader = LeadReader(
        columns, PhoneReader(options.region), options.rep_zone, HappenedBy(now, options.rep_zone)
    )
    leads = read_rows(table, report, reader.read, progress, should_stop)
    report.warnings.update(reader.warnings)
    if leads is None:
        return report  # stopped while reading: nothing saved
    work = _ProspectImport(db, table, columns, options, now, report)
    return Chunked(db, table, report, leads, work, progress, should_stop).run()


def _check_prospect_columns(table: Table, columns: ColumnMap, mappings: dict[str, str]) -> None:
    """Refuse, before anything is written, a file that holds no one, or that holds
    touches or signals rather than people (it would make a prospect of each email)."""
    other = _other_import(table, columns, mappings)
    if other is not None:
        raise IntakeError(other)
    who = ("name", "first_name", "last_name", "email", *PHONE_FIELDS)
    if not any(columns.has(f) for f in who):
        raise IntakeError(
            f"no column of {table.path.name} reads as a name, email or phone."
            f" Its columns: {', '.join(table.header)}. Name one with --map COLUMN=field"
            f" (e.g. --map 'Contact=name')."
        )


def _other_import(table: Table, columns: ColumnMap, mappings: dict[str, str]) -> str | None:
    """Why `table` is for import-touches or import-signals rather than a list of
    prospects, or None. A file of touches (channel, outcome, start) is one whatever
    else it has; a file that names no one by name and has a kind of signal, or an
    outcome and a start, is one too. A column named with --map is what --map says."""
    mapped = {header_key(column) for column in mappings}
    header = ["" if header_key(h) in mapped else h for h in table.header]
    named = any(columns.has(f) for f in ("name", "first_name", "last_name"))
    touches = recognise(header, TOUCH_FIELDS)
    if (
        touches.has("outcome")
        and touches.has("started_at")
        and (touches.has("channel") or not named)
    ):
        return _use_instead(table, touches, ("outcome", "started_at", "channel"), "touches")
    signals = recognise(header, SIGNAL_FIELDS)
    if signals.has("signal") and not named:
        return _use_instead(table, signals, ("signal", "signal_date"), "signals")
    return None


def _use_instead(table: Table, found: ColumnMap, fields: tuple[str, ...], kind: str) -> str:
    """'leads.csv looks like a signals file (kind, occurred_at): use ...'. Without the
    column of the first of `fields`, the file would not look like one."""
    telling = [table.header[found.columns[f][0]] for f in fields if found.has(f)]
    anyway = shlex.quote(f"{telling[0]}=ignore")
    return (
        f"{table.path.name} looks like a {kind} file ({', '.join(telling)}), not a list of"
        f" prospects: use `followup import-{kind} {shlex.quote(table.path.name)}`."
        f" (To import it as prospects anyway: --map {anyway}.)"
    )


class _Pending(Struct):
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
    numbers: list[PhoneNumber] = field(default_factory=list)  # those stored before
    new_numbers: list[NumberRow] = field(default_factory=list)  # to insert
    numbers_merged: bool = False  # a merge added numbers: the main one may change


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
        for prospect_id, e164 in phone_store.other_e164s(self.db):
            self.identities.fill(prospect_id, "", e164)
        self.next_id = max(self.taken, default=0) + 1

    def take(self, leads: Sequence[Lead]) -> None:
        self._fetch(self._match(lead) for lead in leads)
        for lead in leads:
            self._take(lead)

    def flush(self) -> None:
        self._flush()

    def _match(self, lead: Lead) -> int | None:
        """By email, the main number, then any other number of the row."""
        phone = lead.phone
        match = self.identities.match
        found = match(lead.email_key, phone.e164, lead.name, lead.company, phone.raw)
        if found is None and len(lead.numbers) > 1:
            for _, other in lead.numbers:
                if other.e164 is not None and other is not phone:
                    found = match(lead.email_key, other.e164, lead.name, lead.company, other.raw)
                    if found is not None:
                        break
        return found

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
        for prospect_id, numbers in phone_store.numbers_for_export(self.db, wanted).items():
            self.pending[prospect_id].numbers = numbers
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
        self.report.phone_seen(record.id, record.new, record.values["phone_e164"] is not None)

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
        phone_bad = lead.phone_bad
        numbers: list[NumberRow]
        if len(lead.numbers) == 1 and not lead.bad_numbers:  # most rows: no object made
            label, p = lead.numbers[0]
            numbers = [(label, p.raw, p.e164, p.extension, zones_to_text(p.zones), p.problem,
                        int(phone_bad), self.dnc_reason, 0, 1)]  # fmt: skip
        elif lead.numbers and not lead.bad_numbers and _first_is_main(lead.numbers, phone):
            # Most rows with several numbers: as below, without the objects.
            numbers = [(label, p.raw, p.e164, p.extension, zones_to_text(p.zones), p.problem,
                        0, self.dnc_reason, i, int(i == 0))
                       for i, (label, p) in enumerate(lead.numbers)]  # fmt: skip
        elif lead.numbers:
            several = self._numbers(lead)
            main = main_number(several)
            if main is not None and main.raw != phone.raw:  # the first dialable is wrong
                phone = ParsedPhone(main.raw, main.e164, main.ext, main.e164 is not None,
                                    main.problem, main.zones)  # fmt: skip
            phone_bad = no_good_number_left(several) or (lead.phone_bad and not lead.bad_numbers)
            numbers = [_row(n, n is main) for n in several]
        else:
            numbers = []
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
            "phone_bad": int(phone_bad),
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
        record.new_numbers = numbers
        if dnc:
            self.report.dnc_added += 1
        if lead.signal is not None:
            self._add_signal(record, lead.signal)
        self.pending[record.id] = record
        self.identities.add(
            record.id, lead.email_key, phone.e164, lead.name, lead.company, phone.raw
        )
        if len(numbers) > 1:
            for number in numbers:
                self.identities.fill(record.id, "", number[2])
        return record

    def _numbers(self, lead: Lead) -> list[PhoneNumber]:
        """The row's numbers as they will be stored (wrong ones marked, from our export)."""
        source = self.dnc_reason
        bad = lead.bad_numbers
        return [
            PhoneNumber(label, p.raw, p.e164, p.extension, p.zones, p.problem,
                        bool(bad) and _digits_of(p) in bad, source, position=i)
            for i, (label, p) in enumerate(lead.numbers)
        ]  # fmt: skip

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
        before = len(record.new_numbers)
        self._merge_phone(record, lead)
        numbers_added = len(record.new_numbers) > before
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
        if numbers_added and not record.new:
            record.changed.setdefault("updated_at", self.stamp)
        return bool(changes) or touched or numbers_added

    def _merge_phone(self, record: _Pending, lead: Lead) -> None:
        """Add each number of the row the prospect does not have yet (same E.164, or
        the same digits as written), with its label; the report says so, prospect by
        prospect. The main number follows when the chunk is saved (sync_main)."""
        values = record.values  # the main number as stored counts too (a script's edit)
        e164s = {n.e164 for n in record.numbers} | {n[2] for n in record.new_numbers}
        e164s.add(values["phone_e164"])
        written = {digits(n.raw) for n in record.numbers} | {digits(values["phone_raw"] or "")}
        written.update(digits(n[1]) for n in record.new_numbers)
        position = len(record.numbers) + len(record.new_numbers)
        for number in self._numbers(lead):
            found = digits(number.raw)
            if not found or found in written or (number.e164 and number.e164 in e164s):
                continue
            added = replace(number, position=position, bad=False)
            position += 1
            e164s.add(added.e164)
            written.add(found)
            record.new_numbers.append(_row(added, False))
            record.numbers_merged = True
            shown = format_phone(added.e164, added.ext, self.options.region) or added.raw
            self.report.number_added(record.values["name"], added.label, shown)
            if added.e164 is not None:
                self.identities.fill(record.id, "", added.e164)
                if record.values["phone_e164"] is None:  # it becomes the main number
                    record.values.update(phone_raw=added.raw, phone_e164=added.e164)

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
        phone_store.insert_rows(
            self.db, [(r.id, *n, self.stamp) for r in records for n in r.new_numbers]
        )
        store.update_prospects(self.db, [(r.id, r.changed) for r in records if r.changed])
        for r in records:
            if r.numbers_merged:
                phone_store.sync_main(self.db, r.id)
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


def _first_is_main(numbers: Sequence[tuple[str, ParsedPhone]], phone: ParsedPhone) -> bool:
    """Whether main_number would choose the first of a row's numbers, none marked wrong,
    and it is the row's main `phone`: it is dialable and no other comes before it in
    order of preference (a lower label rank; the same rank comes after, at a later
    position). The row reader puts the first dialable number first, so this holds
    for nearly every row."""
    label, first = numbers[0]
    if first is not phone or not first.dialable:
        return False
    rank = LABEL_RANK.get(label, len(LABELS))
    return all(LABEL_RANK.get(other, len(LABELS)) >= rank for other, _ in numbers[1:])


def _digits_of(phone: ParsedPhone) -> str:
    """The digits a wrong-number list names a number by: its E.164's, else its text's."""
    return phone.e164.lstrip("+") if phone.e164 else digits(phone.raw)


NumberRow = tuple[str, str, str | None, str | None, str, str | None, int, str, int, int]
"""A number as an import inserts it: label, raw, e164, ext, zones, problem, bad, source,
position, main (store.phones.insert_rows): a tuple, made 100,000 times an import."""


def _row(number: PhoneNumber, main: bool) -> NumberRow:
    return (number.label, number.raw, number.e164, number.ext, zones_to_text(number.zones),
            number.problem, int(number.bad), number.source, number.position, int(main))  # fmt: skip
