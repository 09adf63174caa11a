"""One spreadsheet row as a lead: who it is, how to reach them, what to add.

A row is read field by field through the column map. What cannot be stored
where it belongs (a second phone number, an email that is not an address, a
signal of a kind we do not know) goes into the notes instead, so nothing the
row said is lost; a row that names nobody is rejected with its reason.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from msgspec import Struct
from pendulum import DateTime

from followup_tui.domain.clock import is_known_zone
from followup_tui.domain.email_address import is_email_address
from followup_tui.domain.outcomes import Status
from followup_tui.domain.phones import ParsedPhone
from followup_tui.intake.dates import HappenedBy, read_moment
from followup_tui.intake.headers import PHONE_FIELDS, PHONE_LABELS, ColumnMap
from followup_tui.intake.identity import digits
from followup_tui.intake.kinds import signal_kind, yes_no
from followup_tui.intake.phone_reading import PhoneReader

PLACEHOLDERS = frozenset(
    {"n/a", "#n/a", "null", "none", "nil", "-", "--", "---", "?", "unknown", "not provided", "tbd"}
)
_PLACEHOLDER_LENGTH = max(len(p) for p in PLACEHOLDERS)
MIN_DIGITS = 5  # fewer in a phone cell ("Office: London", "x12"): kept in the notes
FREE_TEXT = frozenset({"notes", "reason_to_call", "company_facts", "pains_goals", "signal_detail"})
_ZONE_IN_TEXT = re.compile(r"\b([A-Z][A-Za-z]+(?:/[A-Za-z0-9_+\-]+)+)")
_STATUSES = frozenset(s.value for s in Status)
RESTORED_FIELDS = (
    "followup_id",
    "status",
    "next_touch_at",
    "revisit_at",
    "next_touch_is_callback",
    "phone_bad",
    "cadence",
    "cadence_step",
    "bad_numbers",
)


class FoundSignal(Struct, frozen=True):
    kind: str
    occurred_at: DateTime
    detail: str


class Lead(Struct):
    """What one row says about one person (not frozen: made 100,000 times a file)."""

    name: str
    named: bool  # False when the name stands in for a missing one (the email or phone)
    title: str
    company: str
    email: str
    email_key: str  # email.casefold(): who the row is (see identity)
    phone: ParsedPhone  # the main number: the first dialable in the order of PHONE_FIELDS
    # Every number of the row as (label, number), the main one included, in that order.
    numbers: tuple[tuple[str, ParsedPhone], ...]
    timezone: str | None
    source: str
    notes: str
    reason_to_call: str
    company_facts: str
    pains_goals: str
    do_not_call: bool
    signal: FoundSignal | None
    # Columns of our own export, which put a prospect back as it was.
    followup_id: int | None = None
    status: str | None = None
    next_touch_at: DateTime | None = None
    next_touch_is_callback: bool = False
    revisit_at: DateTime | None = None
    phone_bad: bool = False
    cadence: str | None = None
    cadence_step: int | None = None
    bad_numbers: frozenset[str] = frozenset()  # digits of the numbers marked wrong


class Rejected(ValueError):
    """A row that cannot be imported; the message is the reason written beside it."""


class LeadReader:
    """Reads rows of one file; counts what it had to set aside in `warnings`."""

    def __init__(
        self, columns: ColumnMap, phones: PhoneReader, rep_zone: str, happened: HappenedBy
    ) -> None:
        self.columns = columns
        self.phones = phones
        self.rep_zone = rep_zone
        self.happened = happened  # a signal dated later has not happened
        self.warnings: Counter[str] = Counter()
        self._zones: dict[str, str | None] = {}
        skip = {*PHONE_FIELDS, "notes"}
        # (field, column, free text) for each column of each field, best spelling first
        self._cells = [
            (f, i, f in FREE_TEXT)
            for f, indices in columns.columns.items()
            if f not in skip
            for i in indices
        ]
        self._phone_columns = [
            (columns.header[i], i, PHONE_LABELS[f])
            for f in PHONE_FIELDS
            for i in columns.columns.get(f, ())
        ]
        self._note_columns = columns.columns.get("notes", ())
        self._restores = any(columns.has(f) for f in RESTORED_FIELDS)

    def texts(self, cells: Sequence[str]) -> dict[str, str]:
        """Each field's text in this row: the first cell that is not blank or a
        placeholder ("N/A", "-"). A line break where none belongs means the row ran
        on past a quote left open, and rejects it."""
        found: dict[str, str] = {}
        for field, index, free in self._cells:
            text = cells[index].strip()
            if not text or field in found:  # found in a better-named column
                continue
            if not free:
                if len(text) <= _PLACEHOLDER_LENGTH and text.casefold() in PLACEHOLDERS:
                    continue
                if "\n" in text or "\r" in text:
                    what = field.replace("_", " ")
                    raise Rejected(f"a line break inside {what} (a quote left open?)")
            found[field] = text
        return found

    def read(self, cells: Sequence[str]) -> Lead:
        """The lead in `cells`; raises Rejected with the reason when there is none.
        `cells` has as many cells as the header."""
        got = self.texts(cells)
        notes = [_lines(cells[i].strip()) for i in self._note_columns if cells[i].strip()]
        email = got.get("email", "")
        if email and not is_email_address(email):
            notes.append(f"Email as written: {email}")
            self.warnings["email that is not an address (kept in notes)"] += 1
            email = ""
        phone, numbers, others = self._phone(cells, got.get("phone_ext", ""))
        if others:
            notes.append("Other phones: " + "; ".join(others))
        name = got.get("name", "")
        if not name:
            first, last = got.get("first_name"), got.get("last_name")
            name = f"{first} {last}" if first and last else first or last or ""
        named = bool(name)
        if not named:
            name = email or phone.raw
        if not name:
            raise Rejected("no name, email or phone")
        dnc = self._yes_no(got, "do_not_call") if "do_not_call" in got else False
        signal = self._signal(got, notes) if "signal" in got else None
        lead = Lead(
            name,
            named,
            got.get("title", ""),
            got.get("company", ""),
            email,
            email.casefold(),
            phone,
            numbers,
            self._zone(got["timezone"]) if "timezone" in got else None,
            got.get("source", ""),
            "\n".join(notes),
            _lines(got["reason_to_call"]) if "reason_to_call" in got else "",
            _lines(got["company_facts"]) if "company_facts" in got else "",
            _lines(got["pains_goals"]) if "pains_goals" in got else "",
            dnc,
            signal,
        )
        if self._restores:
            for field, value in self._restored(got).items():
                setattr(lead, field, value)
        return lead

    def _phone(
        self, cells: Sequence[str], ext: str
    ) -> tuple[ParsedPhone, tuple[tuple[str, ParsedPhone], ...], list[str]]:
        """The main number (the first dialable in the order of PHONE_FIELDS, else the
        first given; the extension goes with it), every different number of the row
        with its label, and what only looks like a number (too few digits), for the
        notes. A cell may hold several numbers separated by ';'."""
        given: list[tuple[str, str, str]] = []
        for column, index, label in self._phone_columns:
            raw = cells[index].strip()
            if raw and (len(raw) > _PLACEHOLDER_LENGTH or raw.casefold() not in PLACEHOLDERS):
                if "\n" in raw or "\r" in raw:
                    raise Rejected("a line break inside a phone number (a quote left open?)")
                if ";" in raw:
                    given += [(column, part.strip(), label) for part in raw.split(";")
                              if part.strip()]  # fmt: skip
                else:
                    given.append((column, raw, label))
        if not given:
            return self.phones.read(""), (), []
        read = self.phones.read
        if len(given) == 1:  # most rows: that number, dialable or not
            _, raw, label = given[0]
            phone = read(f"{raw} ext. {ext}" if ext else raw)
            return phone, ((label, phone),), []
        parsed = [read(raw) for _, raw, _ in given]
        at = next((i for i, p in enumerate(parsed) if p.dialable), 0)
        if ext:
            parsed[at] = read(f"{given[at][1]} ext. {ext}")
        chosen = parsed[at]
        numbers = [(given[at][2], chosen)]
        seen = {digits(given[at][1])}
        others = []
        for i, (column, raw, label) in enumerate(given):
            found = digits(raw)
            if i == at or found in seen:
                continue
            seen.add(found)
            if len(found) < MIN_DIGITS:
                others.append(f"{raw} ({column})")
            else:
                numbers.append((label, parsed[i]))
        return chosen, tuple(numbers), others

    def _zone(self, text: str) -> str | None:
        """An IANA zone named by the cell ("America/Chicago", "(GMT-06:00) America/Chicago",
        HubSpot's "america_slash_chicago"), else None: the phone's zone applies."""
        if not text:
            return None
        if text not in self._zones:
            self._zones[text] = _zone_named(text)
        zone = self._zones[text]
        if zone is None:
            self.warnings["time zone not recognised (the phone number's zone is used)"] += 1
        return zone

    def _yes_no(self, got: dict[str, str], field: str) -> bool:
        text = got.get(field, "")
        answer = yes_no(text)
        if answer is None:
            label = field.replace("_", " ")
            raise Rejected(f"{label} is {text!r}: write yes or no")
        return answer

    def _signal(self, got: dict[str, str], notes: list[str]) -> FoundSignal | None:
        written = got["signal"]
        detail = got.get("signal_detail", "")
        date_text = got.get("signal_date", "")
        kind = signal_kind(written)
        when = read_moment(date_text, self.rep_zone) if date_text else None
        why = self._signal_problem(kind, when, date_text)
        if why is not None:
            self.warnings[f"signal with {why} (kept in notes)"] += 1
            notes.append("Signal: " + " · ".join(p for p in (written, date_text, detail) if p))
            return None
        assert kind is not None and when is not None  # no problem: both were read
        return FoundSignal(kind, when, detail)

    def _signal_problem(self, kind: str | None, when: DateTime | None, written: str) -> str | None:
        """Why a row's signal cannot be added (it goes into the notes), or None."""
        if kind is None:
            return "an unknown kind"
        if when is None:
            return "no readable date"
        if self.happened.not_yet(when, written, "date"):
            return "a date that has not happened yet"
        return None

    def _restored(self, got: dict[str, str]) -> dict[str, object]:
        """Our own export's columns; a value that does not read is left out, and counted."""
        restored: dict[str, object] = {}
        followup_id = got.get("followup_id", "")
        if followup_id.isdigit():
            restored["followup_id"] = int(followup_id)
        status = got.get("status", "").casefold().replace(" ", "_")
        if status in _STATUSES:
            restored["status"] = status
        elif status:
            self.warnings["status not recognised (imported as active)"] += 1
        for field in ("next_touch_at", "revisit_at"):
            text = got.get(field, "")
            moment = read_moment(text, self.rep_zone) if text else None
            if moment is not None:
                restored[field] = moment
            elif text:
                self.warnings[f"{field.replace('_', ' ')} not a date (left out)"] += 1
        for field in ("next_touch_is_callback", "phone_bad"):
            restored[field] = bool(yes_no(got.get(field, "")))
        if got.get("bad_numbers"):
            restored["bad_numbers"] = frozenset(
                digits(part) for part in got["bad_numbers"].split(";") if digits(part)
            )
        if got.get("cadence"):
            restored["cadence"] = got["cadence"]
        step = got.get("cadence_step", "")
        if step.isdigit():
            restored["cadence_step"] = int(step)
        return restored


def _lines(text: str) -> str:
    """Line breaks as stored: CRLF and CR from Windows exports become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _zone_named(text: str) -> str | None:
    candidates = [text.strip()]
    if "_slash_" in text.lower():
        parts = text.strip().lower().split("_slash_")
        candidates.append("/".join("_".join(w.capitalize() for w in p.split("_")) for p in parts))
    candidates += _ZONE_IN_TEXT.findall(text)
    for candidate in candidates:
        if "/" in candidate and is_known_zone(candidate):
            return candidate
    return "UTC" if text.strip().upper() in ("UTC", "ETC/UTC") else None
