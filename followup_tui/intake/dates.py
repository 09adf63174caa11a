"""Dates and times as spreadsheets write them.

ISO-8601 (with an offset, or without one in a zone the caller names), slashed
dates (`11/03/2026`: month first for US numbers' region, day first elsewhere,
whichever is possible when one part is over 12), dotted European dates, and
`3 Nov 2026` / `Nov 3, 2026`, each with an optional time (`14:05`, `2:05 PM`).
A date without a time means noon, so that it stays the same day in any zone
of the rep's working day.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pendulum
from msgspec import Struct
from pendulum import DateTime

from followup_tui.domain import clock

MONTH_FIRST_REGIONS = frozenset({"US", "PR", "GU", "VI", "AS", "MP", "UM", "PH", "FM"})
NOON = (12, 0, 0)
CLOCK_SKEW_S = 300  # this little after now is a clock running fast, not the future

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_TIME = (
    r"(?:[ T,]+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?\s*(?P<ampm>[ap]\.?m\.?)?)?"
)
_NUMERIC = re.compile(
    r"^(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})" + _TIME + r"\s*$",
    re.IGNORECASE,
)
_DAY_MONTH = re.compile(
    r"^(?:[a-z]+,?\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?[\s\-]+(?P<m>[a-z]{3,9})\.?,?[\s\-]+"
    r"(?P<y>\d{4})" + _TIME + r"\s*$",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    r"^(?:[a-z]+,?\s+)?(?P<m>[a-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+"
    r"(?P<y>\d{4})" + _TIME + r"\s*$",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_moment(text: str, zone: str, region: str = "US") -> DateTime | None:
    """The moment `text` names, in UTC; None when it is not a date this reads.

    Times without an offset are wall-clock times in `zone`.
    """
    value = text.strip()
    if not value:
        return None
    try:
        found = _iso(value, zone)
        if found is None:
            found = _written(value, zone, region)
        return found.in_tz("UTC") if found is not None else None
    except (ValueError, OverflowError):  # a year 1 with an offset, say
        return None


def _iso(value: str, zone: str) -> DateTime | None:
    if _ISO_DATE.match(value):
        try:
            year, month, day = (int(p) for p in value.split("-"))
            return pendulum.datetime(year, month, day, *NOON, tz=zone)
        except ValueError:
            return None
    if len(value) < 16 or value[4] != "-" or value[10] not in "T t":
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return pendulum.instance(parsed, tz=zone)
    return pendulum.instance(parsed)


def _written(value: str, zone: str, region: str) -> DateTime | None:
    match = _NUMERIC.match(value)
    if match:
        a, b = int(match["a"]), int(match["b"])
        day_first = match["sep"] == "." or region.upper() not in MONTH_FIRST_REGIONS
        if a > 12:
            day_first = True
        elif b > 12:
            day_first = False
        day, month = (a, b) if day_first else (b, a)
        return _build(match, _year(match["y"]), month, day, zone)
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        match = pattern.match(value)
        if match:
            named = _MONTHS.get(match["m"].lower())
            if named is None:
                return None
            return _build(match, int(match["y"]), named, int(match["d"]), zone)
    return None


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _build(match: re.Match[str], year: int, month: int, day: int, zone: str) -> DateTime | None:
    if match["h"] is None:
        hour, minute, second = NOON
    else:
        hour, minute, second = int(match["h"]), int(match["mi"]), int(match["s"] or 0)
        ampm = (match["ampm"] or "").lower().replace(".", "")
        if ampm:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if ampm == "pm" else 0)
    try:
        return pendulum.datetime(year, month, day, hour, minute, second, tz=zone)
    except ValueError:
        return None


def names_a_time(text: str) -> bool:
    """Whether `text` gives a time of day and not only a date (every time this reads
    is written with a colon): a date alone is read as noon, a stand-in."""
    return ":" in text


class HappenedBy(Struct, frozen=True):
    """What has happened by now: a touch or signal dated later has not happened yet
    (a typo, or a plan), and would show at the top of a history as if it had.

    A few minutes later than now is let through: the clock of the machine the file
    came from may be a little fast. A date written without a time (read as noon)
    counts by its day in the rep's zone, so that a signal dated today is not the
    future in the morning.
    """

    now: DateTime
    zone: str

    @classmethod
    def now_in(cls, zone: str) -> HappenedBy:
        """As of the app's clock, for a rep in `zone`."""
        return cls(clock.now(), zone)

    def not_yet(self, when: DateTime, written: str, what: str) -> str | None:
        """Why `what` (read as `when` from `written`) cannot be imported yet, or None
        when it has happened."""
        if names_a_time(written):
            future = (when - self.now).total_seconds() > CLOCK_SKEW_S
        else:
            local = ZoneInfo(self.zone)
            future = when.astimezone(local).date() > self.now.astimezone(local).date()
        if not future:
            return None
        now = self.now.in_tz(self.zone).format("YYYY-MM-DD HH:mm")
        return f"{what} {written!r} has not happened yet (it is {now} now)"


def signal_day(occurred_at: str, zone: ZoneInfo) -> date:
    """The rep's calendar day of a stored moment: two signals of one kind on one day
    are the same signal."""
    return datetime.fromisoformat(occurred_at).astimezone(zone).date()
