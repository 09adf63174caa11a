"""The live reading of a 'when' field, shared by the schedule and connected dialogs."""

from __future__ import annotations

from pendulum import DateTime
from textual.content import Content

from followup_tui.domain import clock
from followup_tui.domain.display import day_and_time, due_text
from followup_tui.domain.schedule import EXAMPLES, ScheduleError, parse_when
from followup_tui.ui.text import line


def read_when(text: str, their_zone: str) -> DateTime:
    """`text` read in the prospect's zone at this moment; ScheduleError if unreadable."""
    return parse_when(text, clock.now().in_tz(their_zone))


def when_preview(text: str, their_zone: str, rep_zone: str) -> tuple[DateTime | None, Content]:
    """The parsed moment (or None) and a line that says it in both zones, or the error."""
    if not text.strip():
        return None, line((f"e.g. {EXAMPLES}", "$text-muted"))
    try:
        when = read_when(text, their_zone)
    except ScheduleError as err:
        return None, line(("✗ ", "bold $text-error"), (str(err), "$text-error"))
    mine = when.in_tz(rep_zone)
    away = due_text(when, clock.now())
    theirs = f"{day_and_time(when)} {when.format('zz')} their time"
    yours = "" if mine.utcoffset() == when.utcoffset() else f" · {mine.format('HH:mm zz')} yours"
    return when, line(("✓ ", "bold $text-success"), (theirs, "bold"), yours, f" · {away}")
