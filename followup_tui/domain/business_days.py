"""Business-day arithmetic, which pendulum does not have.

Days are counted in the zone of the moment given, so "two business days from a
Friday 10:00 in Chicago" is Tuesday 10:00 in Chicago, across any DST change.
A business day is a weekday that is not a public holiday where the phone rings.
"""

from __future__ import annotations

import datetime as dt

from pendulum import DateTime

from followup_tui.domain.public_holidays import NO_HOLIDAYS, HolidayCalendar

SATURDAY = 5  # DateTime.weekday(): Monday is 0
MAX_DAYS_OFF = 30  # no calendar closes this many days in a row; a guard, not a rule


def is_business_day(moment: dt.date, calendar: HolidayCalendar = NO_HOLIDAYS) -> bool:
    day = moment.date() if isinstance(moment, dt.datetime) else moment
    return day.weekday() < SATURDAY and calendar.holiday(day) is None


def add_business_days(
    moment: DateTime, days: int, calendar: HolidayCalendar = NO_HOLIDAYS
) -> DateTime:
    """`moment` moved by `days` working days, keeping its local wall time.

    From a weekend day or holiday, the first step lands on the next business day.
    """
    if days < 0:
        raise ValueError("add_business_days counts forward only")
    day = moment.date()
    remaining = days
    while remaining > 0:
        day = day.add(days=1)
        if is_business_day(day, calendar):
            remaining -= 1
    return moment.set(year=day.year, month=day.month, day=day.day)


def first_business_day(moment: DateTime, calendar: HolidayCalendar = NO_HOLIDAYS) -> DateTime:
    """`moment` if its day is a business day, else the same wall time on the next one."""
    if is_business_day(moment, calendar):
        return moment
    day = moment.date()
    for _ in range(MAX_DAYS_OFF):
        day = day.add(days=1)
        if is_business_day(day, calendar):
            break
    return moment.set(year=day.year, month=day.month, day=day.day)
