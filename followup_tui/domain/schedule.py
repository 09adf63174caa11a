"""Reading "when" as a rep types it: `tomorrow 10am`, `+3d`, `mon 2pm`, `next week`,
`2026-12-01 14:00`, `12/15`.

Everything is read in the prospect's local time (the `now` passed in carries
that zone), so "10am" means ten in the morning where the phone rings. Whether
the moment read may be called is for domain/when_rules.py to judge.

Clock times: "14:00" and "02:30" (two-digit hours) are the 24-hour clock, as is any
time after an ISO date. Only a one-digit hour without am/pm ("at 3", "3:15") is
guessed: 1 to 7 are read as the afternoon, and the reading says so.
"""

from __future__ import annotations

import re

import pendulum
from msgspec import Struct
from pendulum import DateTime

from followup_tui.domain.business_days import add_business_days
from followup_tui.domain.display import zone_city
from followup_tui.domain.public_holidays import NO_HOLIDAYS, HolidayCalendar
from followup_tui.domain.quarter_hour import on_a_quarter_hour

DEFAULT_HOUR = 9  # a day named without a time means the start of their morning
EARLIEST_BARE_HOUR = 7  # "at 1".."at 7", "3:15": a one-digit hour without am/pm is afternoon
MAX_YEARS_AHEAD = 5  # further than this is a typo, not a follow-up
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
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?$")
_MONTH_DAY = re.compile(r"^([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)$")


class ScheduleError(ValueError):
    """Text that does not say a time we can schedule; the message tells the rep why."""


class _Day(Struct, frozen=True):
    year: int
    month: int
    day: int


class Reading(Struct, frozen=True):
    """What the rep's text says: the moment, and how it was read."""

    when: DateTime
    timed: bool = True  # False: a day without a time ("fri", "+90d" counts days)
    guessed: str = ""  # the one-digit hour read as afternoon ("3:15"), if any
    notes: tuple[str, ...] = ()  # how else the text was read, in words (a skipped hour)


class _ClockTime(Struct, frozen=True):
    hour: int
    minute: int
    guessed: str = ""  # the text when a one-digit hour was moved to the afternoon


def parse_when(
    text: str,
    now: DateTime,
    *,
    month_first: bool = True,
    calendar: HolidayCalendar = NO_HOLIDAYS,
) -> DateTime:
    """The moment `text` names, in `now`'s zone; a ScheduleError if it names none."""
    return read_when(text, now, month_first=month_first, calendar=calendar).when


def read_when(
    text: str,
    now: DateTime,
    *,
    month_first: bool = True,
    calendar: HolidayCalendar = NO_HOLIDAYS,
) -> Reading:
    """How `text` reads in `now`'s zone; a ScheduleError (never anything else) if it names
    no moment we can use. "12/15" is month/day when `month_first` (the rep's region
    writes dates so), else day/month; `+3bd` skips `calendar`'s holidays.

    Raises for moments in the past (a follow-up is always ahead of us) and for moments
    more than MAX_YEARS_AHEAD years on, which are typos.
    """
    cleaned = " ".join(text.lower().replace(",", " ").split())
    if not cleaned:
        raise ScheduleError(f"Type when, e.g. {EXAMPLES}")
    try:
        result = _relative(cleaned, now, calendar) or _absolute(cleaned, now, month_first)
    except ScheduleError:
        raise
    except (OverflowError, ValueError) as err:  # a year pendulum cannot hold
        raise ScheduleError(f"{text.strip()!r} is not a date we can use") from err
    if result is None:
        raise ScheduleError(f"Can't read {text.strip()!r}. Try {EXAMPLES}")
    when = result.when
    if when <= now:
        raise ScheduleError(f"{when.format('ddd D MMM YYYY HH:mm')} has already passed")
    if when.year - now.year > MAX_YEARS_AHEAD or when > now.add(years=MAX_YEARS_AHEAD):
        raise ScheduleError(
            f"{when.format('D MMM YYYY')} is more than {MAX_YEARS_AHEAD} years away: a typo?"
        )
    return result


def _relative(text: str, now: DateTime, calendar: HolidayCalendar) -> Reading | None:
    match = _RELATIVE.match(text)
    if not match:
        return None
    amount, unit = int(match.group(1)), UNITS[match.group(2)]
    if amount == 0:
        raise ScheduleError(f"{text!r} is now: type how far ahead, e.g. +3d, in 2 weeks")
    start = now.start_of("minute")
    if unit not in ("minutes", "hours"):  # days on: about this time, on a quarter hour
        start = on_a_quarter_hour(start)
    if unit == "business":
        if amount > MAX_YEARS_AHEAD * 366:
            raise ValueError("too many business days")
        return Reading(add_business_days(start, amount, calendar), timed=False)
    return Reading(start.add(**{unit: amount}), timed=unit in ("minutes", "hours"))


def _absolute(text: str, now: DateTime, month_first: bool) -> Reading | None:
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
                moment = _time_only(now, clock_time.hour, clock_time.minute)
                return Reading(moment, guessed=clock_time.guessed,
                               notes=_skipped_hour(moment, clock_time))  # fmt: skip
            day = _day(day_text, now, month_first)
            if day is None:
                continue
            said = _next_weekday_said(day_text, day)
            if clock_time is None:
                return Reading(_at(now, day, DEFAULT_HOUR, 0), timed=False, notes=said)
            if clock_time.guessed and _ISO_DATE.match(day_text):
                # After 2027-03-14 the time is the 24-hour clock too: 2:30 is 02:30
                # (a guess is always the hour typed, moved 12 on).
                clock_time = _ClockTime(clock_time.hour - 12, clock_time.minute)
            moment = _at(now, day, clock_time.hour, clock_time.minute)
            return Reading(moment, guessed=clock_time.guessed,
                           notes=said + _skipped_hour(moment, clock_time))  # fmt: skip
    return None


def _next_weekday_said(day_text: str, day: _Day) -> tuple[str, ...]:
    """'next tue' is read as the coming Tuesday, which many mean by it and many do
    not (the Tuesday of next week): said, with the other one's date to type."""
    name = day_text.removeprefix("next ")
    if name == day_text or name not in WEEKDAYS:
        return ()
    coming = pendulum.date(day.year, day.month, day.day)
    after = coming.add(days=7)
    return (f"Next {coming.format('dddd')}: read as the coming one; for the week after, "
            f"type {after.format('MMM D').lower()}",)  # fmt: skip


def _time_only(now: DateTime, hour: int, minute: int) -> DateTime:
    """A bare time is today if still ahead, else tomorrow."""
    today = _at(now, _Day(now.year, now.month, now.day), hour, minute)
    if today > now:
        return today
    tomorrow = now.date().add(days=1)  # that time on the next day, skipped hour or not
    return _at(now, _Day(tomorrow.year, tomorrow.month, tomorrow.day), hour, minute)


def _at(now: DateTime, day: _Day, hour: int, minute: int) -> DateTime:
    """That day at that time in `now`'s zone; a time the clocks skip (02:30 on the
    night they go forward) comes out as the same moment in the new time, 03:30."""
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=now.timezone)


def _skipped_hour(moment: DateTime, typed: _ClockTime) -> tuple[str, ...]:
    """Words for a time typed on the night the clocks go forward, which does not exist
    there: '02:30 does not exist on Sun 14 Mar in New York (clocks go forward): read
    as 03:30'. Empty when the time typed is the time read."""
    if (moment.hour, moment.minute) == (typed.hour, typed.minute):
        return ()
    zone = moment.timezone_name or ""
    where = zone_city(zone)
    return (f"{typed.hour:02d}:{typed.minute:02d} does not exist on "
            f"{moment.format('ddd D MMM')} in {where} (clocks go forward): read as "
            f"{moment.format('HH:mm')}",)  # fmt: skip


NAMED_TIMES = {
    "noon": (12, 0), "midday": (12, 0), "morning": (DEFAULT_HOUR, 0), "am": (DEFAULT_HOUR, 0),
    "afternoon": (14, 0), "pm": (14, 0), "eod": (17, 0),
}  # fmt: skip


def _time_of_day(text: str) -> _ClockTime | None:
    if text in NAMED_TIMES:
        return _ClockTime(*NAMED_TIMES[text])
    match = _TIME.match(text)
    if not match:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if minute > 59:
        return None
    if half:
        if not 1 <= hour <= 12:
            return None
        return _ClockTime(hour % 12 + (12 if half.startswith("p") else 0), minute)
    if hour > 23 or (match.group(2) is None and not text.startswith("at")):
        # A bare number such as "3" is more likely a typo than a time.
        return None
    if len(match.group(1)) == 1 and 1 <= hour <= EARLIEST_BARE_HOUR:
        # Nobody books a sales call at 3 in the night: "at 3" and "3:15" are afternoon;
        # "03:15" is what a rep who means the night types.
        return _ClockTime(hour + 12, minute, guessed=text.removeprefix("at "))
    return _ClockTime(hour, minute)


def _day(text: str, now: DateTime, month_first: bool) -> _Day | None:
    today = now.date()
    found: pendulum.Date | None
    if text in ("today", "tonight"):
        found = today
    elif text in ("tomorrow", "tmrw", "tmr", "tom"):
        found = today.add(days=1)
    elif text == "yesterday":  # read, so that it is refused as past, not as unreadable
        found = today.subtract(days=1)
    elif text == "next week":
        found = today.add(days=7 - today.weekday())
    elif text == "next month":
        found = today.add(months=1).start_of("month")
    else:
        found = _weekday(text, today) or _calendar_date(text, today, month_first)
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


def _calendar_date(text: str, today: pendulum.Date, month_first: bool) -> pendulum.Date | None:
    if match := _ISO_DATE.match(text):
        return _valid_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    month = day = None
    if match := _SLASH_DATE.match(text):
        first, second, year = int(match.group(1)), int(match.group(2)), match.group(3)
        month, day = (first, second) if month_first else (second, first)
        if not 1 <= month <= 12:
            order = "month/day" if month_first else "day/month"
            raise ScheduleError(f"{text} reads as {order} where you are: no month {month}")
        if year is not None:
            return _valid_date(int(year) + (2000 if len(year) == 2 else 0), month, day)
    elif match := _MONTH_DAY.match(text):
        month, day = MONTHS.get(match.group(1)), int(match.group(2))
    elif match := _DAY_MONTH.match(text):
        month, day = MONTHS.get(match.group(2)), int(match.group(1))
    if month is None or day is None:
        return None
    for year in (today.year, today.year + 1):  # the next one to come
        found = _date_or_none(year, month, day)
        if found is not None and found >= today:
            return found
    return _valid_date(today.year + 1, month, day)  # says why there is none


def _valid_date(year: int, month: int, day: int) -> pendulum.Date:
    """The date, or a ScheduleError that says why there is none: 'There is no 31
    April: it has 30 days', '2027 is not a leap year: there is no 29 February'."""
    found = _date_or_none(year, month, day)
    if found is not None:
        return found
    if not 1 <= month <= 12:
        raise ScheduleError(f"There is no month {month}")
    name = pendulum.date(2000, month, 1).format("MMMM")  # 2000: a leap year
    if month == 2 and day == 29:
        raise ScheduleError(f"{year} is not a leap year: there is no 29 February")
    longest = pendulum.date(2000, month, 1).days_in_month
    raise ScheduleError(
        f"There is no {day} {name}: it has {'28 or 29' if month == 2 else longest} days"
    )


def _date_or_none(year: int, month: int, day: int) -> pendulum.Date | None:
    try:
        return pendulum.date(year, month, day)
    except ValueError:
        return None
