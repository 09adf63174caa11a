"""How times and durations read to a rep, shared by the app and the CLI.

A moment shows its weekday alone only within a week of now; further off it shows
its date, and more than YEAR_SHOWN_DAYS away its year too, so that a date eight
weeks or two years on never reads like this week's.
"""

from __future__ import annotations

from pendulum import DateTime

from followup_tui.domain import clock
from followup_tui.domain.cadence import CHANNEL_LABELS, SHORT_LABELS
from followup_tui.domain.vocabulary import HOW_IT_CAME

WEEKDAY_ONLY_DAYS = 6  # within this many days either way, 'Thu 10:00' is unambiguous
YEAR_SHOWN_DAYS = 300  # further than this, the year is shown


# Cities whose zone keeps an old spelling (phonenumbers answers 'Asia/Calcutta' for
# every Indian number): the name a rep knows today.
RENAMED_CITIES = {
    "Calcutta": "Kolkata", "Saigon": "Ho Chi Minh", "Katmandu": "Kathmandu",
    "Rangoon": "Yangon", "Dacca": "Dhaka", "Ulan Bator": "Ulaanbaatar",
    "Thimbu": "Thimphu", "Macao": "Macau", "Kiev": "Kyiv", "Godthab": "Nuuk",
    "Ashkhabad": "Ashgabat", "Chungking": "Chongqing", "Ujung Pandang": "Makassar",
    "Faeroe": "Faroe", "Truk": "Chuuk", "Ponape": "Pohnpei",
}  # fmt: skip


def zone_city(zone: str) -> str:
    """'America/Los_Angeles' -> 'Los Angeles', 'Asia/Calcutta' -> 'Kolkata': a zone
    as a rep says it."""
    city = zone.rsplit("/", 1)[-1].replace("_", " ")
    return RENAMED_CITIES.get(city, city)


def duration_text(seconds: float | None) -> str:
    """'0:42', '12:05', '1:02:10'; '' for no duration (a touch logged without a dial)."""
    if seconds is None:
        return ""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def duration_words(seconds: float) -> str:
    """'42 s', '1 min 13 s', '1 h 13 min', '16,808 h 19 min': a block's length or a
    talk time, which '1:13' leaves open (an hour and 13 minutes, or a minute and 13
    seconds?) and '12:00:26' makes read like a time of day."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours:,} h {minutes} min" if minutes else f"{hours:,} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


def due_text(due: DateTime | None, now: DateTime) -> str:
    """How overdue (or how far off) a touch is: 'now', '3h late', '2d late', 'in 4d'."""
    if due is None:
        return ""
    seconds = (now - due).total_seconds()
    late = seconds >= 0
    seconds = abs(seconds)
    if seconds < 60 * 30:
        amount = "now" if late else "soon"
        return amount

    def units(size: int) -> int:
        # Late counts whole units gone by; ahead, the nearest: a time typed as "in 2
        # hours" is a few seconds short of two hours by the time it is shown.
        return int(seconds // size) if late else max(1, round(seconds / size))

    if seconds < 3600 * 24:
        amount = f"{units(3600) or 1}h"
    elif seconds < 3600 * 24 * 60:
        amount = f"{units(86400)}d"
    elif seconds < 3600 * 24 * 365:
        amount = f"{units(86400 * 7)}w"
    else:
        amount = f"{units(86400 * 365)}y"
    return f"{amount} late" if late else f"in {amount}"


def _days_apart(moment: DateTime, now: DateTime | None) -> int:
    """Calendar days between `moment` and now, counted in `moment`'s zone."""
    today = (now or clock.now()).in_tz(moment.timezone or "UTC").date()
    return abs((moment.date() - today).days)


def day_and_time(moment: DateTime, now: DateTime | None = None) -> str:
    """'Mon 23 Nov 10:15' ('Tue 14 Dec 2027 10:15' when far off): a moment in whatever
    zone it carries. `now` defaults to the app's clock."""
    if _days_apart(moment, now) > YEAR_SHOWN_DAYS:
        return moment.format("ddd D MMM YYYY HH:mm")
    return moment.format("ddd D MMM HH:mm")


def column_date(moment: DateTime, now: DateTime | None = None) -> str:
    """'23 Nov 10:15' in at most 12 cells, for a past touch (the history's column, the
    last conversation); more than YEAR_SHOWN_DAYS away '23 Nov 2024', the year in place
    of the time, so an old touch never reads as this year's."""
    if _days_apart(moment, now) > YEAR_SHOWN_DAYS:
        return moment.format("D MMM YYYY")
    return moment.format("D MMM HH:mm")


def when_text(moment: DateTime, now: DateTime | None = None) -> str:
    """'Thu 10:15' within a week of now, else as day_and_time: for tight places such as
    the header and the held list."""
    if _days_apart(moment, now) > WEEKDAY_ONLY_DAYS:
        return day_and_time(moment, now)
    return moment.format("ddd HH:mm")


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 dial', '3 dials', '2 touches', '865,372 dials'."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def touch_count_text(count: int) -> str:
    return plural(count, "touch", "touches")


def median_touches_text(median: float | None) -> str:
    """'median 1 touch', 'median 2.5 touches' (a median may fall between two counts);
    'median –' when there is nothing to take it of."""
    if median is None:
        return "median –"
    return f"median {median:g} {'touch' if median == 1 else 'touches'}"


def meeting_text(moment: DateTime, rep_zone: str, their_zone: str | None) -> str:
    """'Tue 1 Dec 14:00 EST (11:00 PST theirs)': a booked meeting in both zones (the
    rep's alone when theirs is the same or unknown)."""
    mine = moment.in_tz(rep_zone)
    said = f"{day_and_time(mine)} {mine.format('zz')}"
    if their_zone and their_zone != rep_zone:
        theirs = moment.in_tz(their_zone)
        same_day = theirs.date() == mine.date()
        shown = theirs.format("HH:mm zz" if same_day else "ddd HH:mm zz")
        if shown != mine.format("HH:mm zz"):
            said += f" ({shown} theirs)"
    return said


def channel_words(channel: str) -> str:
    """How a touch came, after the outcome: 'by email', 'by phone', 'in person',
    'by LinkedIn' (not 'by an email')."""
    said = next((words for ch, _, words in HOW_IT_CAME if ch == channel), None)
    return said or f"by {SHORT_LABELS.get(channel) or CHANNEL_LABELS.get(channel, channel)}"
