"""Which column holds what: the header spellings of common CRM exports.

HubSpot, Salesforce, Pipedrive, Close and Apollo each name the same things
differently ("Mobile Phone Number", "MobilePhone", "Phone - Mobile",
"contact_primary_phone"). A header is compared with every spelling below after
case, spaces and punctuation are taken out, and a leading "Person", "Contact",
"Prospect" or "Primary" is tried without it. `--map COLUMN=field` settles the
rest; `ignore` as the field leaves a column out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from msgspec import Struct

from followup_tui.domain.spelling import loose_key
from followup_tui.intake.csv_read import IntakeError

IGNORE = "ignore"
REJECT_REASON = "reason"
_PREFIXES = ("person", "contact", "prospect", "primary")

# field -> (what it holds, spellings seen in the wild). The first spelling is the
# one `followup export` writes.
PROSPECT_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "name": ("full name", ("Full Name", "Contact Name", "Name", "Contact")),
    "first_name": ("first name", ("First Name", "FirstName", "Given Name", "Forename")),
    "last_name": ("last name", ("Last Name", "LastName", "Surname", "Family Name")),
    "email": (
        "email address",
        (
            "Email",
            "Email Address",
            "E-mail",
            "Work Email",
            "Business Email",
            "Email - Work",
            "Email - Other",
            "Email - Home",
            "Email 1",
        ),
    ),
    "direct_dial": (
        "direct line (dialed first)",
        (
            "Direct Phone",
            "Direct Dial",
            "Work Direct Phone",
            "Direct Line",
            "Direct Number",
            "Direct",
        ),
    ),
    "phone": (
        "phone (kept as a direct line)",
        (
            "Phone",
            "Phone Number",
            "Telephone",
            "Tel",
            "Work Phone",
            "Business Phone",
            "Phone - Work",
            "First Phone",
        ),
    ),
    "mobile_phone": (
        "mobile (dialed after the direct lines)",
        (
            "Mobile Phone",
            "Mobile",
            "Mobile Phone Number",
            "MobilePhone",
            "Mobile Number",
            "Cell",
            "Cell Phone",
            "Phone - Mobile",
        ),
    ),
    "office_phone": (
        "office or switchboard (after the mobile)",
        (
            "Office Phone",
            "Office",
            "Switchboard",
            "Corporate Phone",
            "Company Phone",
            "Main Phone",
            "Main Line",
            "Office Number",
            "Company Phone Number",
            "HQ Phone",
        ),
    ),
    "other_phone": (
        "another phone (dialed last)",
        (
            "Other Phone",
            "Home Phone",
            "Phone - Other",
            "Phone - Home",
            "Phone 2",
        ),
    ),
    "phone_ext": ("extension", ("Extension", "Ext", "Phone Extension")),
    "company": (
        "company",
        (
            "Company",
            "Company Name",
            "Account Name",
            "Account",
            "Organization",
            "Organisation",
            "Organization - Name",
            "Organization Name",
            "Company / Account",
            "Associated Company",
            "lead_name",
        ),
    ),
    "title": ("job title", ("Title", "Job Title", "Position", "Job Position", "Designation")),
    "source": ("lead source", ("Lead Source", "Source", "Original Source", "Lead Origin")),
    "timezone": ("IANA time zone", ("Time Zone", "Timezone", "TZ")),
    "notes": ("appended to research notes", ("Notes", "Note", "Description", "Comments")),
    "reason_to_call": ("research: reason to call", ("Reason to Call", "Call Reason")),
    "company_facts": ("research: company facts", ("Company Facts",)),
    "pains_goals": ("research: pains and goals", ("Pains and Goals", "Pains & Goals")),
    "do_not_call": ("yes/true/1/x", ("Do Not Call", "DoNotCall", "DNC", "Do Not Call (DNC)")),
    "signal": ("a warm signal (webinar, ebook download, ...)", ("Signal", "Signal Type")),
    "signal_date": ("when the signal happened", ("Signal Date",)),
    "signal_detail": ("what the signal was", ("Signal Detail",)),
    # Written by `followup export`; they put a prospect back as it was.
    "followup_id": ("id in the database exported from", ("Followup ID",)),
    "status": ("active, not_now, meeting, not_interested", ("Status",)),
    "next_touch_at": ("when the next touch is due", ("Next Touch", "Next Touch At")),
    "next_touch_is_callback": ("promised callback (yes/no)", ("Callback",)),
    "revisit_at": ("when a parked prospect comes back", ("Revisit", "Revisit At")),
    "phone_bad": ("no good number left (yes/no)", ("Wrong Number",)),
    "bad_numbers": ("numbers marked wrong, separated by ;", ("Wrong Numbers",)),
    "cadence": ("follow-up cadence", ("Cadence",)),
    "cadence_step": ("next step of the cadence", ("Cadence Step",)),
    "touch_count": ("counted from the touches; not imported", ("Touch Count",)),
}

# Every phone column is kept, with the label of its field (domain.numbers); the
# prospect's main number is the first readable in this order.
PHONE_LABELS = {
    "direct_dial": "direct",
    "phone": "direct",
    "mobile_phone": "mobile",
    "office_phone": "office",
    "other_phone": "other",
}
PHONE_FIELDS = tuple(PHONE_LABELS)

SIGNAL_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "email": PROSPECT_FIELDS["email"],
    "direct_dial": PROSPECT_FIELDS["direct_dial"],
    "phone": PROSPECT_FIELDS["phone"],
    "mobile_phone": PROSPECT_FIELDS["mobile_phone"],
    "office_phone": PROSPECT_FIELDS["office_phone"],
    "other_phone": PROSPECT_FIELDS["other_phone"],
    "followup_id": PROSPECT_FIELDS["followup_id"],
    "signal": (
        "kind of signal",
        ("Signal", "Signal Type", "Type", "Kind", "Activity", "Activity Type", "Event Type"),
    ),
    "signal_date": (
        "when it happened",
        ("Date", "Signal Date", "Occurred At", "Activity Date", "Event Date", "Timestamp"),
    ),
    "signal_detail": (
        "what it was",
        ("Detail", "Details", "Signal Detail", "Description", "Event", "Event Name", "Campaign"),
    ),
    "source": ("where the signal came from", ("Source", "Signal Source")),
}

TOUCH_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "followup_id": PROSPECT_FIELDS["followup_id"],
    "email": PROSPECT_FIELDS["email"],
    "direct_dial": PROSPECT_FIELDS["direct_dial"],
    "phone": PROSPECT_FIELDS["phone"],
    "mobile_phone": PROSPECT_FIELDS["mobile_phone"],
    "office_phone": PROSPECT_FIELDS["office_phone"],
    "other_phone": PROSPECT_FIELDS["other_phone"],
    "channel": ("call, email, linkedin, letter, text", ("Channel", "Activity Type", "Type")),
    "outcome": ("no answer, voicemail, connected, ...", ("Outcome", "Result", "Disposition")),
    "started_at": ("when it started", ("Started At", "Date", "Start", "Call Date", "Timestamp")),
    "ended_at": ("when it ended", ("Ended At", "End")),
    "duration_s": ("length in seconds", ("Duration (s)", "Duration", "Call Duration")),
    "notes": ("what was said", ("Notes", "Note", "Comments", "Description")),
    "decision_maker": ("spoke with the decision maker", ("Decision Maker", "DM")),
}


def header_key(text: str) -> str:
    """A header as compared: lower case, letters and digits only."""
    return loose_key(text)


def _index(fields: dict[str, tuple[str, tuple[str, ...]]]) -> dict[str, tuple[str, int]]:
    """header key -> (field, rank); a lower rank is the more telling spelling."""
    index: dict[str, tuple[str, int]] = {}
    for field, (_, spellings) in fields.items():
        for rank, spelling in enumerate(spellings):
            index.setdefault(header_key(spelling), (field, rank))
    return index


class ColumnMap(Struct, frozen=True):
    """Field -> the columns that hold it, in file order; and what was left out."""

    columns: dict[str, tuple[int, ...]]
    ignored: tuple[str, ...]
    header: tuple[str, ...]

    def has(self, field: str) -> bool:
        return field in self.columns

    def value(self, cells: Sequence[str], field: str) -> str:
        """The first non-blank cell of `field` in this row (best spelling first), stripped."""
        for index in self.columns.get(field, ()):
            if index < len(cells):
                text = cells[index].strip()
                if text:
                    return text
        return ""

    def values(self, cells: Sequence[str], field: str) -> list[str]:
        """Every non-blank cell of `field`, stripped, in file order."""
        found = []
        for index in self.columns.get(field, ()):
            if index < len(cells):
                text = cells[index].strip()
                if text:
                    found.append(text)
        return found

    def described(self) -> list[tuple[str, str]]:
        """(column, field) pairs for a dry run, in file order."""
        by_index = {i: field for field, idx in self.columns.items() for i in idx}
        return [(self.header[i], by_index[i]) for i in sorted(by_index)]


def recognise(
    header: Sequence[str],
    fields: dict[str, tuple[str, tuple[str, ...]]],
    overrides: dict[str, str] | None = None,
) -> ColumnMap:
    """Map `header` onto `fields`; `overrides` (column -> field) come from --map.

    When several columns hold one field, the more telling spelling is read
    first ("Contact Name" before "Name"), then file order.
    """
    index = _index(fields)
    forced = _checked_overrides(header, fields, overrides or {})
    ranked: dict[str, list[tuple[int, int]]] = {}
    ignored: list[str] = []
    for position, name in enumerate(header):
        key = header_key(name)
        if key == REJECT_REASON and key not in forced:
            continue  # the reason column of a rejects file being imported again
        found = (forced[key], -1) if key in forced else _lookup(key, index)
        if found is None:
            ignored.append(name)
            continue
        field, rank = found
        if field != IGNORE:
            ranked.setdefault(field, []).append((rank, position))
    columns = {field: tuple(p for _, p in sorted(pairs)) for field, pairs in ranked.items()}
    return ColumnMap(columns, tuple(ignored), tuple(header))


def _lookup(key: str, index: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    if key in index:
        return index[key]
    for prefix in _PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            found = _lookup(key[len(prefix) :], index)
            if found is not None:
                return found
    return None


def parse_mappings(specs: Iterable[str]) -> dict[str, str]:
    """`--map "Phone 2=mobile_phone"` options as {column: field}; IntakeError if malformed."""
    mapping: dict[str, str] = {}
    for spec in specs:
        column, sep, field = spec.rpartition("=")
        if not sep or not column.strip() or not field.strip():
            raise IntakeError(f"--map {spec!r}: write it as COLUMN=field, e.g. 'Cell=mobile_phone'")
        mapping[column.strip()] = field.strip()
    return mapping


def _checked_overrides(
    header: Sequence[str],
    fields: dict[str, tuple[str, tuple[str, ...]]],
    overrides: dict[str, str],
) -> dict[str, str]:
    keys = {header_key(name) for name in header}
    checked: dict[str, str] = {}
    for column, field in overrides.items():
        name = field.strip().lower().replace(" ", "_").replace("-", "_")
        if name != IGNORE and name not in fields:
            known = ", ".join([*fields, IGNORE])
            raise IntakeError(f"--map {column}={field}: unknown field {field!r}; fields: {known}")
        key = header_key(column)
        if key not in keys:
            raise IntakeError(
                f"--map {column}={field}: the file has no column {column!r}; "
                f"its columns: {', '.join(header)}"
            )
        checked[key] = name
    return checked
