"""One line the rep glances at: their time, the dial timer, today's counts and, during
a call block, the block's numbers beside today's, in words that fit 80 columns."""

from __future__ import annotations

from collections.abc import Iterator

from msgspec import Struct
from pendulum import DateTime
from textual.content import Content
from textual.widget import Widget

from followup_tui.domain.call_block import BlockTally, shown_pace
from followup_tui.domain.display import duration_text, plural
from followup_tui.session.results import Numbers, Running
from followup_tui.ui.dialer import HandedOff
from followup_tui.ui.text import fitted, line, user_text

WIDE_STATUS = 110  # narrower than this, the clock leaves out the day
KEEP = 99  # a piece never dropped
NAME_ROOM = 26  # on a wide line, the room the dialed name keeps from the counts


class Piece(Struct, frozen=True):
    """A count in its long and short words; the lowest `keep` is dropped first."""

    long: str
    short: str
    keep: int = KEEP


LEGEND = (
    "Status line: ⏱ time left in the block · dials against the goal · conn(ects) and "
    "mtg (meetings) · DM: spoke with the decision maker · /h: dials per hour (after 5 "
    "dials and 10 minutes) · wrap(-up): average time between calls · today: all of today"
)
"""What the short words of the status line mean (`?` shows it)."""


class StatusLine(Widget):
    """Receives the numbers and the running dial; the text is made when drawn, at the
    width it is drawn at: counts drop to short words, then the least needed go."""

    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    StatusLine.-dialing { background: $error-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.now: DateTime | None = None
        self.rep_zone = "UTC"
        self.running: Running | None = None
        self.numbers = Numbers()
        self.handed: HandedOff | None = None

    def show(
        self,
        now: DateTime,
        running: Running | None,
        numbers: Numbers | None = None,
        handed: HandedOff | None = None,
    ) -> None:
        self.now, self.running, self.handed = now, running, handed
        if numbers is not None:
            self.numbers = numbers
        self.set_class(running is not None, "-dialing")
        self.refresh()

    def render(self) -> Content:
        return self._content()

    def _content(self) -> Content:
        if self.now is None:
            return Content("")
        width = max(20, self.content_region.width)
        narrow = width < WIDE_STATUS
        bar = " │ " if narrow else "  │  "
        clock = self.now.in_tz(self.rep_zone).format("HH:mm zz" if narrow else "ddd HH:mm zz")
        start = line((clock, "bold"), bar)
        if self.running is None:
            if self.numbers.block is None:  # in a block, its ⏱ says what is going on
                start = line(start, ("○ idle", "$text-muted"), bar)
            return line(start, self._counts(width - start.cell_length, bar))
        elapsed = self._dial_text(self.running, self.now)
        start = line(start, ("● ", "bold $text-error"), (elapsed, "bold"), " ")
        handed = self.handed
        if handed is not None and handed.touch_id == self.running.touch.id:
            return self._dialing(start, handed, width, bar)
        # The counts first; the name (the header shows it too) in what room is left.
        counts = self._counts(width - start.cell_length - len(bar) - self._name_room(width), bar)
        room = width - start.cell_length - (counts.cell_length + len(bar) if counts else 0)
        name = _name_in(self.running.prospect.name, room)
        if not counts:
            return line(start, name)
        return line(start, name, bar if name else bar.lstrip(), counts)

    def _dialing(self, start: Content, handed: HandedOff, width: int, bar: str) -> Content:
        """The number handed to the phone stands out, with its extension; then, as room
        allows, what became of it (copied: paste it now), the counts and the name."""
        parts = [start, line((f"☎ {handed.shown} ", "bold reverse"))]
        room = width - sum(part.cell_length for part in parts)
        note = line(" ", (handed.note, "italic"))
        if note.cell_length <= room:
            parts.append(note)
            room -= note.cell_length
        counts = self._counts(room - len(bar) - self._name_room(width), bar)
        tail = line(bar, counts) if counts else Content("")
        room -= tail.cell_length
        name = _name_in(self.running.prospect.name if self.running else "", room - 2)
        if name:
            parts.append(line("  ", name))
        elif room > 0:
            parts.append(Content(" " * room))
        return line(*parts, tail)

    def _name_room(self, width: int) -> int:
        """Room kept for the dialed name before the counts take theirs: none on a
        narrow line (the header shows the name), up to NAME_ROOM cells on a wide one."""
        if width < WIDE_STATUS or self.running is None:
            return 0
        return min(len(self.running.prospect.name) + 2, NAME_ROOM)

    @staticmethod
    def _dial_text(running: Running, now: DateTime) -> str:
        """How long the dial has run, how long the talk, or that the call ended."""
        touch = running.touch
        if running.late:
            return "unlogged dial"
        end = touch.ended_at or now
        text = duration_text((end - touch.started_at).total_seconds())
        if touch.connected_at is not None:
            text += f" talk {duration_text((end - touch.connected_at).total_seconds())}"
        if touch.ended_at is not None:
            text += " ended"
        return text

    # -- the counts ------------------------------------------------------------
    def _counts(self, room: int, bar: str) -> Content:
        """The fullest wording of the counts that fits `room` cells: long words, then
        short ones, then without the least needed pieces; empty if none fits."""
        for candidate in self._wordings(bar):
            if candidate.cell_length <= room:
                return candidate
        return Content("")

    def _wordings(self, bar: str) -> Iterator[Content]:
        sections = self._sections()
        levels = sorted({p.keep for _, pieces in sections for p in pieces if p.keep < KEEP})
        for drop in [0, *levels]:
            for short in (False, True):
                parts = []
                for lead, pieces in sections:
                    kept = [p.short if short else p.long for p in pieces if p.keep > drop]
                    if kept:
                        parts.append(line(lead, " · ".join(kept)))
                yield Content(bar).join(parts)

    def _sections(self) -> list[tuple[Content | str, list[Piece]]]:
        """The block's numbers (when one runs), then today's."""
        day = self.numbers.day
        block = self.numbers.block
        due = f"{self.numbers.due:,}{'' if self.numbers.complete else '+'}"  # more being read
        today = [
            Piece(plural(day.dials, "dial"), plural(day.dials, "dial")),
            Piece(plural(day.connects, "connect"), f"{day.connects:,} conn"),
            Piece(plural(day.meetings, "meeting"), f"{day.meetings:,} mtg"),
            Piece(f"{due} due", f"{due} due", keep=1),
        ]
        if block is None or self.now is None:
            return [("", today)]
        numbers = self.numbers.block_tally or BlockTally()
        left = duration_text(block.remaining_seconds(self.now))
        if block.paused:
            lead = line(("⏸ paused ", "bold $text-warning"), (f"{left} left", "bold"), " · ")
        else:
            lead = line(("⏱ ", "bold $accent"), (f"{left} left", "bold"), " · ")
        dials, goal = f"{numbers.dials:g}", block.goal_dials
        pieces = [
            Piece(f"{dials} of {goal} dials", f"{dials}/{goal} dials"),
            Piece(plural(int(numbers.connects), "connect"), f"{numbers.connects:g} conn", 9),
            Piece(plural(int(numbers.meetings), "meeting"), f"{numbers.meetings:g} mtg", 8),
        ]
        pace = shown_pace(block, numbers, self.now)
        if pace is not None:
            pieces.append(Piece(f"{pace:.0f} dials/h", f"{pace:.0f}/h", 6))
        pieces.append(
            Piece(f"{numbers.decision_makers:g} with DM", f"{numbers.decision_makers:g} DM", 3)
        )
        if numbers.wrap_up_s is not None:
            wrap = duration_text(numbers.wrap_up_s)
            pieces.append(Piece(f"wrap-up {wrap}", f"wrap {wrap}", 2))
        today_kept = [
            Piece(today[0].long, today[0].short, 7),
            Piece(today[1].long, today[1].short, 5),
            Piece(today[2].long, today[2].short, 4),
        ]
        return [(lead, pieces), ("today ", today_kept)]


def _name_in(name: str, room: int) -> Content:
    """The dialed name in `room` cells: whole, else the first name ('Darnell', never
    'Darne…'), else nothing (the header shows it)."""
    if not name.strip() or room <= 0:
        return Content("")
    if user_text(name, multiline=False).cell_length <= room:
        return fitted(name, room)
    first = name.split(maxsplit=1)[0]
    return fitted(first, room) if user_text(first).cell_length <= room else Content("")
