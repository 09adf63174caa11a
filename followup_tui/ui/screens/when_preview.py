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
from followup_tui.ui.widgets.phrases import Lines

OFFERED_KEY = "ctrl+n"  # takes the allowed time the preview offers


def read_when(reader: TimeReader, text: str, *, revisit: bool = False) -> Verdict:
    """`text` read and judged for the prospect at this moment; ScheduleError if unreadable."""
    return reader.judge(text, clock.now(), revisit=revisit)


def when_preview(
    reader: TimeReader, text: str, rep_zone: str, *, revisit: bool = False, asked: str = ""
) -> tuple[Verdict | None, Lines]:
    """The verdict (or None) and lines that say it, or the error, as phrases (Phrases):
    in a narrow dialog '15:00 CST their time' stays whole; wrapped at any space it
    read 'their time · 16:00 EST', the rep's time as theirs. `asked`: the key the
    rep pressed once on a far date, which must come again to confirm it."""
    if not text.strip():
        return None, [[line((f"e.g. {EXAMPLES}", "$text-muted"))]]
    try:
        verdict = read_when(reader, text, revisit=revisit)
    except ScheduleError as err:
        return None, error_line(str(err))
    when = verdict.when
    now = clock.now()
    rows: list[list[Content]] = []
    if verdict.ok:
        rows.append([*moment_phrases(line(("✓ ", "bold $text-success")), when, rep_zone),
                     line(due_text(when, now))])  # fmt: skip
    else:
        rows.append([line(("✗ ", "bold $text-error"), (verdict.problem, "$text-error"))])
        if verdict.offered is not None:
            takes = line(("  ", ""), (OFFERED_KEY, "bold $accent"), " takes ")
            rows.append(moment_phrases(takes, verdict.offered, rep_zone))
        else:
            rows.append([line("  No allowed time in the next days: type another.")])
    for note in verdict.notes:
        rows.append([line((f"  {note}", "$text-muted"))])
    if verdict.far:
        again = "Enter" if verdict.ok else OFFERED_KEY
        if asked:
            said = f"{verdict.far}. Press {asked} again to confirm, or change the date."
            rows.append([line(("? ", "bold $text-warning"), (said, "bold"))])
        else:
            said = f"{verdict.far}: {again} twice to confirm"
            rows.append([line(("⚠ ", "bold $text-warning"), (said, "$text-warning"))])
    return verdict, rows


def moment_phrases(before: Content, when: DateTime, rep_zone: str) -> list[Content]:
    """'Tue 24 Nov', '10:00 CST their time', '11:00 EST yours' (the last when the rep's
    clock differs), in bold, the first after `before`."""
    day, time = day_and_time(when).rsplit(" ", 1)
    phrases = [
        before + line((day, "bold")),
        line((f"{time} {when.format('zz')} their time", "bold")),
    ]
    mine = when.in_tz(rep_zone)
    if mine.utcoffset() != when.utcoffset():
        phrases.append(line((f"{mine.format('HH:mm zz')} yours", "bold")))
    return phrases


def error_line(message: str) -> Lines:
    return [[line(("✗ ", "bold $text-error"), (message, "$text-error"))]]


def refusal(verdict: Verdict, preview: Lines) -> Lines:
    """The preview, and why Enter saved nothing: a time outside the window is never saved."""
    said = f"Enter cannot save {verdict.when.format('HH:mm')}, outside their hours."
    if verdict.offered is not None:
        said += f" {OFFERED_KEY} takes the one offered."
    return [*preview, [line(("! ", "bold $text-error"), (said, "bold"))]]


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
