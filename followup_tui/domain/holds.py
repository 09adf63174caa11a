"""Why a due prospect may not be touched now: a hold is a value, never parsed text.

The screen and the CLI decide by `kind` (may the rep dial anyway? what tag does
the row show?) and show `reason` as words; `opens_at` says when the hold lifts by
itself (None: only when the rep acts, e.g. finds a new number).
"""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct
from pendulum import DateTime


class HoldKind(StrEnum):
    WRONG_NUMBER = "wrong_number"
    NO_NUMBER = "no_number"
    NO_ZONE = "no_zone"
    CAP = "cap"
    HOURS = "hours"


OVERRIDABLE = frozenset({HoldKind.CAP, HoldKind.HOURS})
"""Holds the rep may dial through (recorded as an override); the others make a call
impossible or unlawful to place blind."""

TAGS = {
    HoldKind.WRONG_NUMBER: "bad number",
    HoldKind.NO_NUMBER: "no number",
    HoldKind.NO_ZONE: "no zone",
    HoldKind.CAP: "cap",
    HoldKind.HOURS: "hours",
}
"""A held row's short tag, by kind."""

TAGS_LEGEND = (
    "Held (2): hours: outside their calling hours · cap: touched as often as the caps"
    " allow for now (1 a day, 2 a week unless config.toml says otherwise) · bad number,"
    " no number, no zone: fix the contact first (E, Z) · the time after a tag is theirs,"
    " when the hold lifts by itself"
)
"""What the held rows' tags mean (`?` shows it)."""


class Hold(Struct, frozen=True):
    kind: HoldKind
    reason: str  # words for the rep: "outside calling hours", "cap: weekly cap of 2 reached"
    opens_at: DateTime | None = None  # when it lifts by itself (None: when the rep acts)

    @property
    def overridable(self) -> bool:
        """Caps and calling hours: the rep may dial anyway (recorded as an override)."""
        return self.kind in OVERRIDABLE

    @property
    def tag(self) -> str:
        return TAGS[self.kind]


WRONG_NUMBER = Hold(HoldKind.WRONG_NUMBER, "wrong number: find a new one")
NO_ZONE = Hold(HoldKind.NO_ZONE, "time zone unknown: set one before calling")


def no_number(problem: str | None) -> Hold:
    return Hold(HoldKind.NO_NUMBER, f"no valid number ({problem or 'none given'})")


def outside_hours(opens_at: DateTime | None) -> Hold:
    return Hold(HoldKind.HOURS, "outside calling hours", opens_at)


def capped(reason: str, opens_at: DateTime) -> Hold:
    return Hold(HoldKind.CAP, f"cap: {reason}", opens_at)


def together(first: Hold | None, second: Hold | None) -> Hold | None:
    """Two overridable holds on one dial (a cap, and the picked number's hours) as
    one: both reasons said, lifted when the later one lifts, so that a "dial anyway"
    never overrides a hold the rep was not told of."""
    if first is None or second is None:
        return first or second
    opens = None
    if first.opens_at is not None and second.opens_at is not None:
        opens = max(first.opens_at, second.opens_at)
    # 'now': the time said after both is when both have lifted, not when hours open.
    now = " now" if second.kind == HoldKind.HOURS else ""
    return Hold(first.kind, f"{first.reason}, and {second.reason}{now}", opens)
