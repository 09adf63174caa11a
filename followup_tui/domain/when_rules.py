"""Whether a time the rep typed may be used for a prospect: inside their calling
window, not absurdly far off, and read the way the rep meant it.

The dialogs get a TimeReader from the session and show its Verdict; they hold no
rules themselves. A Verdict never hides a problem: a moment outside the window
always comes with words and, where one exists, the next moment that is allowed.
"""

from __future__ import annotations

from typing import Literal

from msgspec import Struct
from msgspec.structs import replace
from pendulum import DateTime

from followup_tui.domain.business_days import is_business_day
from followup_tui.domain.calling_hours import CallingRules, WeekHours, is_open, next_opening
from followup_tui.domain.clock import zone as tz
from followup_tui.domain.display import day_and_time
from followup_tui.domain.local_time import zones_of
from followup_tui.domain.models import Prospect
from followup_tui.domain.public_holidays import NO_HOLIDAYS, HolidayCalendar, calendar_for
from followup_tui.domain.schedule import Reading, ScheduleError, read_when
from followup_tui.domain.scheduler import first_window_day

# Regions that write 12/15 for the fifteenth of December (the US and its territories,
# the Philippines, and the Pacific states that follow US usage).
MONTH_FIRST_REGIONS = frozenset({"US", "PR", "VI", "GU", "AS", "MP", "UM", "PH", "FM", "MH", "PW"})
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FAR_DAYS = 365  # further than this, the rep is asked before it is saved
Purpose = Literal["call", "next_touch", "meeting"]  # what a typed time is for


def month_first(region: str) -> bool:
    """Whether a rep in `region` writes the month before the day."""
    return region.upper() in MONTH_FIRST_REGIONS


REP_DAY = (7, 20)  # hours of the rep's own day: a meeting outside them is pointed out


class Verdict(Struct, frozen=True):
    """A typed time judged for one prospect."""

    when: DateTime  # in their zone; a revisit date lands on the start of their window
    problem: str = ""  # why `when` may not be used, in words; '' when it may
    offered: DateTime | None = None  # the next allowed moment, when there is a problem
    far: str = ""  # 'Wed 15 Dec 2027 is more than a year away', to be confirmed
    notes: tuple[str, ...] = ()  # how it was read: an afternoon guess, a holiday

    @property
    def ok(self) -> bool:
        return not self.problem


class TimeReader(Struct, frozen=True):
    """How the rep's text is read and judged for one prospect."""

    zone: str  # where typed times are read: their zone (the rep's when unknown)
    zones: tuple[str, ...]  # every zone the phone may ring in
    hours: WeekHours
    whose: str  # whose window it is, for the words: 'the Australia rule', 'for US numbers'
    rule_name: str = ""
    month_first: bool = True
    calendar: HolidayCalendar = NO_HOLIDAYS
    # Whether the calling window binds the time: it does for a call; for an email or
    # LinkedIn step it does not; a meeting the prospect agreed to is only told of it.
    window: Literal["binds", "noted", "ignored"] = "binds"
    rep_zone: str = ""  # the rep's own clock: a meeting they must attend is told of it

    def judge(self, text: str, now: DateTime, *, revisit: bool = False) -> Verdict:
        """`text` read at `now` in their zone and judged; a ScheduleError if unreadable.
        A `revisit` given as a date lands on the start of the window of the first
        business day from that date."""
        reading = read_when(text, now.in_tz(tz(self.zone)), month_first=self.month_first,
                            calendar=self.calendar)  # fmt: skip
        return self._judge(reading, now, revisit)

    def _judge(self, reading: Reading, now: DateTime, revisit: bool) -> Verdict:
        when = reading.when
        notes: list[str] = []
        if reading.guessed:
            notes.append(f"{reading.guessed} read as {when.format('HH:mm')} "
                         f"(type {reading.guessed}am for the morning)")  # fmt: skip
        notes.extend(reading.notes)  # a time the clocks skip, say
        if revisit and not reading.timed:
            when = first_window_day(when, self.zones, self.hours, self.calendar)
            if when <= now:  # today's window began already: the morning is gone
                raise ScheduleError(
                    f"{when.format('ddd D MMM')} has begun: a date to come back is a later day"
                )
            if when.date() != reading.when.date():
                notes.append(f"{self._off_day(reading.when)}: moved to the first business day "
                             f"after, {when.format('ddd D MMM')}")  # fmt: skip
        else:
            holiday = self.calendar.holiday(when.date())
            if holiday:
                notes.append(f"{when.format('ddd D MMM')} is {holiday} ({self.calendar.where})")
            elif not is_business_day(when.date()):  # said, as a holiday is: not refused
                notes.append(f"{when.format('ddd D MMM')} is a weekend day")
        far = ""
        if (when - now).in_days() > FAR_DAYS:
            far = f"{day_and_time(when, now)} is {_years_away(when, now)}"
        problem, offered = self._window(when) if self.window != "ignored" else ("", None)
        if problem and self.window == "noted":
            notes.append(f"{problem}: fine for a meeting they agreed to")
            problem, offered = "", None
        if self.window == "noted" and self.rep_zone:
            notes.extend(_outside_your_day(when, self.rep_zone))
        return Verdict(when, problem, offered, far, tuple(notes))

    def _off_day(self, day: DateTime) -> str:
        """'Sun 21 Feb is not a business day', 'Thu 26 Nov is Thanksgiving'."""
        holiday = self.calendar.holiday(day.date())
        return f"{day.format('ddd D MMM')} is {holiday or 'not a business day'}"

    def _window(self, when: DateTime) -> tuple[str, DateTime | None]:
        """Words for a moment outside their calling window, and the next allowed one."""
        zones = self.zones or (self.zone,)
        if is_open(when, zones, self.hours):
            return "", None
        closed = next(z for z in zones if not is_open(when, (z,), self.hours))
        local = when.in_tz(tz(closed))
        zone_words = f" {local.format('zz')}" if len(zones) > 1 else ""
        if self.hours.span(local.weekday()) is None:
            rule = self.rule_name or "Their calling rules"
            problem = f"{rule}: never on {DAY_NAMES[local.weekday()]}"
        else:
            problem = (f"{local.format('HH:mm')}{zone_words} is outside their calling hours "
                       f"({window_text(self.hours)} {self.whose})")  # fmt: skip
        opening = next_opening(when, zones, self.hours)
        return problem, None if opening is None else opening.in_tz(tz(self.zone))


def _outside_your_day(when: DateTime, rep_zone: str) -> list[str]:
    """A meeting is the rep's to attend too: one at 04:30 their own time (typed in
    the prospect's zone, half a world away) is said, not slipped by."""
    local = when.in_tz(tz(rep_zone))
    if REP_DAY[0] <= local.hour < REP_DAY[1]:
        return []
    return [f"{local.format('ddd HH:mm')} your time: outside your working day"]


def reader_for(
    prospect: Prospect, zone: str, rules: CallingRules, home_region: str, rep_zone: str = ""
) -> TimeReader:
    """The reader for `prospect`, whose typed times are read in `zone`, for a rep who
    lives in `home_region` (and `rep_zone`): for a call (see `for_purpose`)."""
    e164 = prospect.phone_e164
    zones = zones_of(prospect) or (zone,)
    calendar = calendar_for(e164, zones)
    rule = rules.rule_for(e164)
    if rule is not None:
        whose = f"under the {rule.name} rule"
    else:
        whose = f"for {calendar.country} numbers" if calendar.country else "by default"
    return TimeReader(zone, zones, rules.hours_for(e164), whose, rule.name if rule else "",
                      month_first(home_region), calendar, rep_zone=rep_zone)  # fmt: skip


def window_text(hours: WeekHours) -> str:
    """'every day 08:00-21:00', 'Mon-Fri 09:00-20:00, Sat 09:00-17:00, never Sun'."""

    def span_text(index: int) -> str:
        span = hours.span(index)
        return "never" if span is None else f"{span[0]:%H:%M}-{span[1]:%H:%M}"

    if len({hours.span(day) for day in range(7)}) == 1:
        return f"every day {span_text(0)}"
    parts = (
        [f"Mon-Fri {span_text(0)}"]
        if len({hours.span(d) for d in range(5)}) == 1
        else [f"{DAY_NAMES[d][:3]} {span_text(d)}" for d in range(5)]
    )
    for day in (5, 6):
        parts.append(f"never {DAY_NAMES[day][:3]}" if hours.span(day) is None
                     else f"{DAY_NAMES[day][:3]} {span_text(day)}")  # fmt: skip
    return ", ".join(parts)


def _years_away(when: DateTime, now: DateTime) -> str:
    years = (when - now).in_years()
    return "more than a year away" if years < 2 else f"{years} years away"


def for_purpose(reader: TimeReader, purpose: Purpose, step_is_call: bool = True) -> TimeReader:
    """`reader` for what the time is for: a call keeps their calling window; the
    next touch keeps it only when its step is a call; a meeting notes it."""
    if purpose == "meeting":
        return replace(reader, window="noted")
    if purpose == "next_touch" and not step_is_call:
        return replace(reader, window="ignored")
    return reader
