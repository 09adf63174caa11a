"""`followup export`: prospects and touches as CSV or JSON a CRM imports.

Column names are the ones CRM import wizards recognise ("First Name", "Lead
Source", "Do Not Call"); the extra columns ("Full Name", "Callback", "Revisit",
"Cadence", ...) let `followup import` and `followup import-touches` put every
prospect and touch back as it was, ids included when the database is fresh.
Times are UTC ISO-8601, as stored.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from typing import Any, TextIO

import pendulum
from pendulum import DateTime

from followup_tui.domain.clock import to_iso
from followup_tui.domain.models import PhoneNumber
from followup_tui.domain.numbers import ordered
from followup_tui.intake.csv_read import IntakeError
from followup_tui.intake.dates import read_moment
from followup_tui.store import intake as store
from followup_tui.store import phones
from followup_tui.store.db import Database

PROSPECT_COLUMNS = (
    "First Name",
    "Last Name",
    "Email",
    "Direct Phone",
    "Mobile Phone",
    "Office Phone",
    "Other Phone",
    "Company",
    "Title",
    "Lead Source",
    "Time Zone",
    "Status",
    "Do Not Call",
    "Next Touch",
    "Touch Count",
    "Followup ID",
    "Full Name",
    "Callback",
    "Revisit",
    "Wrong Number",
    "Wrong Numbers",
    "Cadence",
    "Cadence Step",
    "Reason to Call",
    "Company Facts",
    "Pains and Goals",
    "Notes",
)
TOUCH_COLUMNS = (
    "Followup ID",
    "Email",
    "Phone",
    "Channel",
    "Outcome",
    "Started At",
    "Ended At",
    "Duration (s)",
    "Notes",
    "Decision Maker",
)
SIGNAL_COLUMNS = ("Followup ID", "Email", "Phone", "Signal Type", "Date", "Detail", "Source")
WHAT = {"prospects": PROSPECT_COLUMNS, "touches": TOUCH_COLUMNS, "signals": SIGNAL_COLUMNS}
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def since_moment(text: str, zone: str) -> DateTime:
    """--since: a date (from the start of that day in `zone`) or a date and time."""
    value = text.strip()
    if _DATE_ONLY.match(value):
        year, month, day = (int(part) for part in value.split("-"))
        try:
            return pendulum.datetime(year, month, day, tz=zone).in_tz("UTC")
        except ValueError as err:
            raise IntakeError(f"--since {text!r}: {err}") from err
    found = read_moment(value, zone)
    if found is None:
        raise IntakeError(f"--since {text!r}: write a date such as 2026-11-01")
    return found


def phone_text(e164: str | None, extension: str | None, raw: str | None) -> str:
    """E.164 with its extension ('+13125550142 ext. 12'), or the number as written
    when it could not be read."""
    if e164:
        return f"{e164} ext. {extension}" if extension else e164
    return raw or ""


def split_name(name: str) -> tuple[str, str]:
    """First word, and the rest, for CRMs that want them apart ("Full Name" keeps it whole)."""
    first, _, last = name.strip().partition(" ")
    return first, last.strip()


NUMBER_COLUMNS = {
    "direct": "Direct Phone",
    "mobile": "Mobile Phone",
    "office": "Office Phone",
    "other": "Other Phone",
}
"""Where each label's numbers go: the CRM columns `followup import` reads back with
their labels (several of one label in one cell, separated by '; ')."""


def number_cells(numbers: list[PhoneNumber]) -> dict[str, str]:
    """The four phone columns and the wrong numbers, in order of preference."""
    cells = dict.fromkeys(NUMBER_COLUMNS.values(), "")
    for number in ordered(numbers):
        column = NUMBER_COLUMNS.get(number.label, "Other Phone")
        text = phone_text(number.e164, number.ext, number.raw)
        cells[column] = f"{cells[column]}; {text}" if cells[column] else text
    bad = [phone_text(n.e164, n.ext, n.raw) for n in numbers if n.bad]
    cells["Wrong Numbers"] = "; ".join(bad)
    return cells


def prospect_records(db: Database, since: DateTime | None = None) -> Iterator[dict[str, Any]]:
    for chunk in _chunked(store.prospects_for_export(db, to_iso(since) if since else None)):
        numbers = phones.numbers_for_export(db, [row["id"] for row in chunk])
        for row in chunk:
            yield _prospect_record(row, numbers.get(row["id"], []))


def _with_main_as_stored(row: dict[str, Any], numbers: list[PhoneNumber]) -> list[PhoneNumber]:
    """The numbers with the main one as the prospect's phone_* columns hold it: those
    columns are what a script may have changed by hand, and win."""
    main = next((n for n in numbers if n.main), None)
    if not row["phone_raw"] and not row["phone_e164"]:
        return [n for n in numbers if n is not main]
    stored = PhoneNumber(
        main.label if main else "direct", row["phone_raw"] or "", row["phone_e164"],
        row["phone_ext"], (), row["phone_problem"],
        main.bad if main else bool(row["phone_bad"]),
        position=main.position if main else -1, main=True,
    )  # fmt: skip
    return [stored, *(n for n in numbers if n is not main)]


def _chunked(rows: Iterator[dict[str, Any]], size: int = 500) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _prospect_record(row: dict[str, Any], numbers: list[PhoneNumber]) -> dict[str, Any]:
    first, last = split_name(row["name"])
    cells = number_cells(_with_main_as_stored(row, numbers))
    return {
        "First Name": first,
        "Last Name": last,
        "Email": row["email"] or "",
        **{column: cells[column] for column in NUMBER_COLUMNS.values()},
        "Company": row["company"] or "",
        "Title": row["title"] or "",
        "Lead Source": row["source"] or "",
        "Time Zone": row["timezone"] or "",
        "Status": row["status"],
        "Do Not Call": bool(row["do_not_call"]),
        "Next Touch": row["next_touch_at"] or "",
        "Touch Count": row["touch_count"],
        "Followup ID": row["id"],
        "Full Name": row["name"],
        "Callback": bool(row["next_touch_is_callback"]),
        "Revisit": row["revisit_at"] or "",
        "Wrong Number": bool(row["phone_bad"]),
        "Wrong Numbers": cells["Wrong Numbers"],
        "Cadence": row.get("cadence") or "",
        "Cadence Step": row.get("cadence_step"),
        "Reason to Call": row["research_reason"],
        "Company Facts": row["research_facts"],
        "Pains and Goals": row["research_pains"],
        "Notes": row["research_notes"],
    }


def touch_records(db: Database, since: DateTime | None = None) -> Iterator[dict[str, Any]]:
    for row in store.touches_for_export(db, to_iso(since) if since else None):
        yield {
            "Followup ID": row["prospect_id"],
            "Email": row["email"] or "",
            "Phone": phone_text(row["phone_e164"], row["phone_ext"], row["phone_raw"]),
            "Channel": row["channel"],
            "Outcome": row["outcome"],
            "Started At": row["started_at"],
            "Ended At": row["ended_at"] or "",
            "Duration (s)": row["duration_s"],
            "Notes": row["notes"] or "",
            "Decision Maker": bool(row["decision_maker"]),
        }


def signal_records(db: Database, since: DateTime | None = None) -> Iterator[dict[str, Any]]:
    for row in store.signals_for_export(db, to_iso(since) if since else None):
        yield {
            "Followup ID": row["prospect_id"],
            "Email": row["email"] or "",
            "Phone": phone_text(row["phone_e164"], row["phone_ext"], row["phone_raw"]),
            "Signal Type": row["kind"],
            "Date": row["occurred_at"],
            "Detail": row["detail"] or "",
            "Source": row["source"] or "",
        }


RECORDS = {"prospects": prospect_records, "touches": touch_records, "signals": signal_records}


def write_export(
    db: Database, what: str, fmt: str, out: TextIO, since: DateTime | None = None
) -> int:
    """Write `what` (prospects, touches or signals) to `out` as csv or json; returns
    how many."""
    records = RECORDS[what](db, since)
    if fmt == "json":
        return _write_json(records, out)
    writer = csv.DictWriter(out, fieldnames=WHAT[what], lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow({key: _csv_cell(value) for key, value in record.items()})
        count += 1
    return count


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _write_json(records: Iterator[dict[str, Any]], out: TextIO) -> int:
    """A JSON list written record by record, so 100,000 prospects need no big string."""
    count = 0
    out.write("[")
    for record in records:
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps(record, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count
