"""Business-day arithmetic, which pendulum does not have.

Days are counted in the zone of the moment given, so "two business days from a
Friday 10:00 in Chicago" is Tuesday 10:00 in Chicago, across any DST change.
"""

from __future__ import annotations

from pendulum import DateTime

SATURDAY = 5  # DateTime.weekday(): Monday is 0


def is_business_day(moment: DateTime) -> bool:
    return moment.weekday() < SATURDAY


def add_business_days(moment: DateTime, days: int) -> DateTime:
    """`moment` moved by `days` working days (Mon-Fri), keeping its local wall time.

    From a weekend day, the first step lands on Monday.
    """
    if days < 0:
        raise ValueError("add_business_days counts forward only")
    day = moment.date()
    remaining = days
    while remaining > 0:
        day = day.add(days=1)
        if day.weekday() < SATURDAY:
            remaining -= 1
    return moment.set(year=day.year, month=day.month, day=day.day)
