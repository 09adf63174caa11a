"""What an import did, said the same way on the command line and in the app, and
the rejects file that keeps every row it could not take.

Every row read is counted exactly once: created (or added), merged (updated or
already there), or rejected. Rows whose every cell is blank are not rows and
are counted apart.
"""

from __future__ import annotations

import csv
import itertools
import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import TypeVar

from msgspec import Struct, field
from msgspec.structs import fields

REASON_COLUMN = "reason"
DETAILS_SHOWN = 20  # numbers added, listed one by one; beyond that only counted


class RejectedRow(Struct, frozen=True):
    line: int
    cells: list[str]
    reason: str


class ImportReport(Struct):
    """Counts and notes of one import; `kind` is prospects, signals or touches."""

    kind: str
    path: Path
    encoding: str = ""
    delimiter: str = ""
    dry_run: bool = False
    read: int = 0
    blank: int = 0
    created: int = 0  # prospects created, or signals / touches added
    updated: int = 0  # merged into a prospect and changed it
    unchanged: int = 0  # merged, nothing new (or a signal / touch already there)
    # Prospects of this import (created, or merged into) with no dialable phone, each
    # once however many rows name it -> created by this import; and those of them a
    # later row gave a dialable number. Both only grow, so a rolled-back chunk is
    # undone by cutting them back to their length before it.
    no_phone: dict[int, bool] = field(default_factory=dict)
    phone_later: dict[int, None] = field(default_factory=dict)
    dnc_added: int = 0
    signals_added: int = 0
    warnings: Counter[str] = field(default_factory=Counter)
    ignored_columns: tuple[str, ...] = ()
    columns: list[tuple[str, str]] = field(default_factory=list)
    rejected_rows: list[RejectedRow] = field(default_factory=list)
    rejects_path: Path | None = None
    to_save: int = 0  # rows read and not rejected
    saved: int = 0  # of those, rows whose chunk is committed
    stopped: bool = False  # stopped on request before the end (see `saved`)
    chunks: int = 0  # transactions committed
    numbers_added: int = 0  # numbers a merge gave to prospects that lacked them
    prospects_given_numbers: dict[str, None] = field(default_factory=dict)  # in order
    number_details: list[str] = field(default_factory=list)  # one line per number added

    def phone_seen(self, prospect_id: int, new: bool, dialable: bool) -> None:
        """A row of this import created or merged into `prospect_id`, which now has
        (or still lacks) a dialable phone."""
        if not dialable:
            self.no_phone.setdefault(prospect_id, new)
        elif prospect_id in self.no_phone and prospect_id not in self.phone_later:
            self.phone_later[prospect_id] = None

    @property
    def flagged(self) -> int:
        """Prospects of this import left without a dialable phone (not rows: a
        prospect named by three rows is one)."""
        return len(self.no_phone) - len(self.phone_later)

    @property
    def flagged_new(self) -> int:
        """Of the flagged prospects, those this import created."""
        later = self.phone_later
        return sum(1 for i, new in self.no_phone.items() if new and i not in later)

    def number_added(self, name: str, label: str, shown: str) -> None:
        """A merge gave `name` a number it lacked: counted, and said prospect by prospect."""
        self.numbers_added += 1
        self.prospects_given_numbers[name] = None
        if len(self.number_details) < DETAILS_SHOWN:
            self.number_details.append(f"{name}: {label} {shown}")

    def numbers_text(self) -> str:
        """'added 1 new number to 1 existing prospect'."""
        numbers, people = self.numbers_added, len(self.prospects_given_numbers)
        return f"added {_count(numbers, 'new number')} to {_count(people, 'existing prospect')}"

    def counts(self) -> dict[str, int]:
        """The counters a chunk moves, to put back when its transaction rolls back."""
        counts = {name: getattr(self, name) for name in _CHUNK_COUNTERS}
        counts["_details"] = len(self.number_details)
        counts["_given"] = len(self.prospects_given_numbers)
        counts["_no_phone"] = len(self.no_phone)
        counts["_phone_later"] = len(self.phone_later)
        return counts

    def restore(self, counts: dict[str, int]) -> None:
        for name, value in counts.items():
            if not name.startswith("_"):
                setattr(self, name, value)
        del self.number_details[counts.get("_details", 0) :]
        given = list(self.prospects_given_numbers)[: counts.get("_given", 0)]
        self.prospects_given_numbers = dict.fromkeys(given)
        self.no_phone = _first(self.no_phone, counts.get("_no_phone", 0))
        self.phone_later = _first(self.phone_later, counts.get("_phone_later", 0))

    @property
    def merged(self) -> int:
        return self.updated + self.unchanged

    @property
    def rejected(self) -> int:
        return len(self.rejected_rows)

    def reject(self, line: int, cells: list[str], reason: str) -> None:
        self.rejected_rows.append(RejectedRow(line, cells, f"{reason} (line {line})"))

    def reasons(self) -> Counter[str]:
        """How many rows were rejected for each reason (line numbers left out)."""
        return Counter(row.reason.rsplit(" (line ", 1)[0] for row in self.rejected_rows)

    def lines(self) -> list[str]:
        """The summary, one line each, as the command line prints it."""
        would = "would be " if self.dry_run else ""
        source = f"{self.path.name}: {_rows(self.read)}"
        if self.encoding:
            source += f" ({self.encoding}, {self.delimiter}-separated)"
        out = [("Dry run, nothing saved. " if self.dry_run else "") + source]
        if self.stopped:
            out.append(self._stopped_note())
        if self.kind == "prospects":
            out += [
                f"  created   {self.created:>7,}",
                f"  merged    {self.merged:>7,}   ({self.updated:,} updated,"
                f" {self.unchanged:,} unchanged)",
                f"  flagged   {self.flagged:>7,}   {self._flagged_note(would)}",
            ]
        else:
            out += [
                f"  added     {self.created:>7,}",
                f"  merged    {self.unchanged:>7,}   already there",
            ]
        out.append(f"  rejected  {self.rejected:>7,}" + self._rejects_note())
        extras = []
        if self.dnc_added:
            extras.append(f"{self.dnc_added:,} marked do-not-call")
        if self.signals_added and self.kind == "prospects":
            extras.append(f"{_count(self.signals_added, 'signal')} added")
        if self.numbers_added:
            extras.append(would + self.numbers_text())
        if self.blank:
            extras.append(f"{_count(self.blank, 'blank line')} skipped")
        if extras:
            out.append("  also: " + "; ".join(extras))
        for detail in self.number_details:
            out.append(f"  new number: {detail}")
        if self.numbers_added > len(self.number_details):
            out.append(
                f"  new number: … and {self.numbers_added - len(self.number_details):,} more"
            )
        for reason, count in self.reasons().most_common():
            out.append(f"  rejected {count:,} × {reason}")
        for warning, count in self.warnings.most_common():
            out.append(f"  note: {count:,} × {warning}")
        if self.ignored_columns:
            out.append("Columns not imported: " + ", ".join(self.ignored_columns))
        return out

    def short(self) -> str:
        """One sentence for a notification."""
        verb = "Would import" if self.dry_run else "Imported"
        if self.kind == "prospects":
            text = (
                f"{verb} {self.path.name}: {_rows(self.read)}, {self.created:,} created,"
                f" {self.merged:,} merged, {self.rejected:,} rejected."
            )
            if self.flagged:
                has = "has" if self.flagged == 1 else "have"
                text += f" {_count(self.flagged, 'prospect')} {has} no dialable phone."
            if self.numbers_added:
                text += f" {self.numbers_text().capitalize()}."
        else:
            text = (
                f"{verb} {self.path.name}: {_rows(self.read)}, {self.created:,} {self.kind}"
                f" added, {self.unchanged:,} already there, {self.rejected:,} rejected."
            )
        if self.rejects_path is not None:
            text += f" Rejected rows and why: {self.rejects_path}"
        if self.stopped:
            text = f"{self._stopped_note()} {text}"
        return text

    def _flagged_note(self, would: str) -> str:
        """What `flagged` counts: prospects, not rows; new ones, or already here."""
        noun = "prospect" if self.flagged == 1 else "prospects"
        text = f"{noun} without a dialable phone"
        new, old = self.flagged_new, self.flagged - self.flagged_new
        if new and old:
            return f"{text} ({new:,} {would}new, {old:,} already here)"
        if new:
            return f"{text} ({would}new)"
        if old:
            return f"{text} (already here)"
        return text

    def _stopped_note(self) -> str:
        return (
            f"Stopped before the end: {self.saved:,} of {self.to_save:,} rows saved;"
            " import the same file again to finish."
        )

    def _rejects_note(self) -> str:
        if self.rejects_path is not None:
            return f"   see {self.rejects_path}"
        if self.rejected and self.dry_run:
            return "   (a real run writes them to " + rejects_path_for(self.path).name + ")"
        return ""


_CHUNK_COUNTERS = tuple(
    f.name
    for f in fields(ImportReport)
    if f.name in ("created", "updated", "unchanged", "dnc_added", "signals_added", "numbers_added")
)

K = TypeVar("K")
V = TypeVar("V")


def _first(found: dict[K, V], count: int) -> dict[K, V]:
    """The first `count` entries of `found` (itself when that is all of them)."""
    if len(found) <= count:
        return found
    return dict(itertools.islice(found.items(), count))


def _count(count: int, noun: str) -> str:
    """'1 signal', '1,200 signals'."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def _rows(count: int) -> str:
    return _count(count, "row")


def rejects_path_for(path: Path) -> Path:
    """leads.csv -> leads.rejects.csv, beside it."""
    return path.with_name(path.stem + ".rejects.csv")


def write_rejects(
    path: Path, header: list[str], rows: list[RejectedRow], delimiter: str = ","
) -> None:
    """The rejected rows with their original columns and a `reason` column, in UTF-8
    with a BOM (so Excel reads the accents), written whole or not at all."""
    columns = list(header)
    reason_at = next((i for i, h in enumerate(columns) if h.strip().lower() == REASON_COLUMN), None)
    if reason_at is None:
        columns.append(REASON_COLUMN)
        reason_at = len(columns) - 1
    width = len(header)
    handle, temp = tempfile.mkstemp(prefix=".rejects-", suffix=".csv", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out, delimiter=delimiter)
            writer.writerow(columns)
            for row in rows:
                cells = (row.cells + [""] * width)[:width]
                extra = row.cells[width:]
                reason = row.reason
                if extra:
                    reason += "; cells past the last column: " + " | ".join(extra)
                cells = cells + [""] * (len(columns) - len(cells))
                cells[reason_at] = reason
                writer.writerow(cells)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
