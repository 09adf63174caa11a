"""The live reading of a 'when' field, shared by the schedule and connected dialogs.

The session's TimeReader reads and judges the text; this only says the verdict:
the moment in both zones, how it was read, and, outside the prospect's calling
window, why and which time is allowed instead.
"""

from __future__ import annotations

from pendulum import DateTime
from textual.content import Content

from followup_tui.domain import clock
from followup_tui.domain.display import day_and_time, due_text
from followup_tui.domain.schedule import EXAMPLES, ScheduleError
from followup_tui.domain.when_rules import TimeReader, Verdict
from followup_tui.ui.text import line

OFFERED_KEY = "ctrl+n"  # takes the allowed time the preview offers


def read_when(reader: TimeReader, text: str, *, revisit: bool = False) -> Verdict:
    """`text` read and judged for the prospect at this moment; ScheduleError if unreadable."""
    return reader.judge(text, clock.now(), revisit=revisit)


def when_preview(
    reader: TimeReader, text: str, rep_zone: str, *, revisit: bool = False, asked: str = ""
) -> tuple[Verdict | None, Content]:
    """The verdict (or None) and lines that say it, or the error. `asked`: the key the
    rep pressed once on a far date, which must come again to confirm it."""
    if not text.strip():
        return None, line((f"e.g. {EXAMPLES}", "$text-muted"))
    try:
        verdict = read_when(reader, text, revisit=revisit)
    except ScheduleError as err:
        return None, error_line(str(err))
    when = verdict.when
    now = clock.now()
    parts: list[Content] = []
    if verdict.ok:
        parts.append(line(("✓ ", "bold $text-success"), (moment_words(when, rep_zone), "bold"),
                          f" · {due_text(when, now)}"))  # fmt: skip
    else:
        parts.append(line(("✗ ", "bold $text-error"), (verdict.problem, "$text-error")))
        if verdict.offered is not None:
            parts.append(line(("  ", ""), (OFFERED_KEY, "bold $accent"), " takes ",
                              (moment_words(verdict.offered, rep_zone), "bold")))  # fmt: skip
        else:
            parts.append(line("  No allowed time in the next days: type another."))
    for note in verdict.notes:
        parts.append(line((f"  {note}", "$text-muted")))
    if verdict.far:
        again = "Enter" if verdict.ok else OFFERED_KEY
        if asked:
            said = f"{verdict.far}. Press {asked} again to confirm, or change the date."
            parts.append(line(("? ", "bold $text-warning"), (said, "bold")))
        else:
            said = f"{verdict.far}: {again} twice to confirm"
            parts.append(line(("⚠ ", "bold $text-warning"), (said, "$text-warning")))
    return verdict, Content("\n").join(parts)


def moment_words(when: DateTime, rep_zone: str) -> str:
    """'Tue 24 Nov 10:00 CST their time · 11:00 EST yours'."""
    mine = when.in_tz(rep_zone)
    yours = "" if mine.utcoffset() == when.utcoffset() else f" · {mine.format('HH:mm zz')} yours"
    return f"{day_and_time(when)} {when.format('zz')} their time{yours}"


def error_line(message: str) -> Content:
    return line(("✗ ", "bold $text-error"), (message, "$text-error"))


def refusal(verdict: Verdict, preview: Content) -> Content:
    """The preview, and why Enter saved nothing: a time outside the window is never saved."""
    said = f"Enter cannot save {verdict.when.format('HH:mm')}, outside their hours."
    if verdict.offered is not None:
        said += f" {OFFERED_KEY} takes the one offered."
    return Content("\n").join([preview, line(("! ", "bold $text-error"), (said, "bold"))])


class FarQuestion:
    """A far date is saved only when the same key comes twice for the same text."""

    def __init__(self) -> None:
        self._asked: tuple[str, str] | None = None

    def confirmed(self, text: str, key: str) -> bool:
        """True the second time in a row for `text` and `key`; the first time asks."""
        if self._asked == (text, key):
            return True
        self._asked = (text, key)
        return False


def offered_text(when: DateTime) -> str:
    """The offered time as the rep could have typed it: read back, it is the same moment."""
    return when.format("YYYY-MM-DD HH:mm")
