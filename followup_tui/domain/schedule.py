"""Reading "when" as a rep types it: `tomorrow 10am`, `+3d`, `mon 2pm`, `next week`,
`2026-12-01 14:00`.

Everything is read in the prospect's local time (the `now` passed in carries
that zone), so "10am" means ten in the morning where the phone rings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pendulum
from pendulum import DateTime

from followup_tui.domain.business_days import add_business_days

DEFAULT_HOUR = 9  # a day named without a time means the start of their morning
EARLIEST_BARE_HOUR = 7  # "at 1".."at 7" without am/pm are read as afternoon
EXAMPLES = "tomorrow 10am, +3d, mon 2pm, next week, 2026-12-01 14:00"

WEEKDAYS = {
    "mon": 0, "monday": 0,
    "tue": 1, "tues": 1, "tuesday": 1,
    "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3,
    "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}  # fmt: skip
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
UNITS = {
    "m": "minutes", "min": "minutes", "mins": "minutes", "minute": "minutes",
    "minutes": "minutes",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "d": "days", "day": "days", "days": "days",
    "w": "weeks", "wk": "weeks", "wks": "weeks", "week": "weeks", "weeks": "weeks",
    "bd": "business", "business day": "business", "business days": "business",
}  # fmt: skip

_RELATIVE = re.compile(
    r"^(?:\+|in\s+)(\d{1,3})\s*"
    r"(business days?|bd|mins?|minutes?|m|hrs?|hours?|h|days?|d|wks?|weeks?|w)$"
)
_TIME = re.compile(r"^(?:at\s+)?(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a|p)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MONTH_DAY = re.compile(r"^([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)$")


class ScheduleError(ValueError):
    """Text that does not say a time we can schedule; the message tells the rep why."""


@dataclass(frozen=True)
class _Day:
    year: int
    month: int
    day: int


def parse_when(text: str, now: DateTime) -> DateTime:
    """The moment `text` names, in `now`'s zone; a ScheduleError if it names none.

    Raises for moments in the past: a follow-up is always ahead of us.
    """
    cleaned = " ".join(text.lower().replace(",", " ").split())
    if not cleaned:
        raise ScheduleError(f"Type when, e.g. {EXAMPLES}")
    result = _relative(cleaned, now) or _absolute(cleaned, now)
    if result is None:
        raise ScheduleError(f"Can't read {text.strip()!r}. Try {EXAMPLES}")
    if result <= now:
        raise ScheduleError(f"{result.format('ddd D MMM HH:mm')} has already passed")
    return result


def _relative(text: str, now: DateTime) -> DateTime | None:
    match = _RELATIVE.match(text)
    if not match:
        return None
    amount, unit = int(match.group(1)), UNITS[match.group(2)]
    if unit == "business":
        return add_business_days(now.start_of("minute"), amount)
    return now.start_of("minute").add(**{unit: amount})


def _absolute(text: str, now: DateTime) -> DateTime | None:
    """Split `text` into a day part and a time part, in either order, and combine."""
    words = text.split()
    for cut in range(len(words) + 1):
        for day_words, time_words in ((words[:cut], words[cut:]), (words[cut:], words[:cut])):
            day_text, time_text = " ".join(day_words), " ".join(time_words)
            clock_time = _time_of_day(time_text) if time_text else None
            if time_text and clock_time is None:
                continue
            if not day_text:
                if clock_time is None:
                    continue
                return _time_only(now, *clock_time)
            day = _day(day_text, now)
            if day is None:
                continue
            hour, minute = clock_time or (DEFAULT_HOUR, 0)
            return _at(now, day, hour, minute)
    return None


def _time_only(now: DateTime, hour: int, minute: int) -> DateTime:
    """A bare time is today if still ahead, else tomorrow."""
    today = _at(now, _Day(now.year, now.month, now.day), hour, minute)
    return today if today > now else today.add(days=1)


def _at(now: DateTime, day: _Day, hour: int, minute: int) -> DateTime:
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=now.timezone)


def _time_of_day(text: str) -> tuple[int, int] | None:
    if text in ("noon", "midday"):
        return (12, 0)
    if text in ("morning", "am"):
        return (DEFAULT_HOUR, 0)
    if text in ("afternoon", "pm"):
        return (14, 0)
    if text == "eod":
        return (17, 0)
    match = _TIME.match(text)
    if not match:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if minute > 59:
        return None
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    elif hour > 23 or (match.group(2) is None and not text.startswith("at")):
        # A bare number such as "3" is more likely a typo than a time.
        return None
    elif 1 <= hour <= EARLIEST_BARE_HOUR:
        # Nobody books a sales call at 3 in the night: "at 3" and "3:15" are afternoon.
        hour += 12
    return (hour, minute)


def _day(text: str, now: DateTime) -> _Day | None:
    today = now.date()
    found: pendulum.Date | None
    if text in ("today", "tonight"):
        found = today
    elif text in ("tomorrow", "tmrw", "tmr", "tom"):
        found = today.add(days=1)
    elif text == "next week":
        found = today.add(days=7 - today.weekday())
    elif text == "next month":
        found = today.add(months=1).start_of("month")
    else:
        found = _weekday(text, today) or _calendar_date(text, today)
    if found is None:
        return None
    return _Day(found.year, found.month, found.day)


def _weekday(text: str, today: pendulum.Date) -> pendulum.Date | None:
    """`mon` and `next mon` are both the coming Monday (a week ahead when today is Monday)."""
    name = text.removeprefix("next ").removeprefix("this ")
    if name not in WEEKDAYS:
        return None
    ahead = (WEEKDAYS[name] - today.weekday()) % 7 or 7
    return today.add(days=ahead)


def _calendar_date(text: str, today: pendulum.Date) -> pendulum.Date | None:
    if match := _ISO_DATE.match(text):
        return _valid_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    month = day = None
    if match := _MONTH_DAY.match(text):
        month, day = MONTHS.get(match.group(1)), int(match.group(2))
    elif match := _DAY_MONTH.match(text):
        month, day = MONTHS.get(match.group(2)), int(match.group(1))
    if month is None or day is None:
        return None
    found = _valid_date(today.year, month, day)
    if found is not None and found < today:
        found = _valid_date(today.year + 1, month, day)
    return found


def _valid_date(year: int, month: int, day: int) -> pendulum.Date | None:
    try:
        return pendulum.date(year, month, day)
    except ValueError:
        return None
