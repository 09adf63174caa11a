"""One line the rep glances at: their time, the dial timer, today's counts."""

from __future__ import annotations

from pendulum import DateTime
from textual.content import Content
from textual.widget import Widget

from followup_tui.domain.call_block import BlockTally
from followup_tui.domain.display import duration_text, plural
from followup_tui.session.results import Numbers, Running
from followup_tui.ui.dialer import HandedOff
from followup_tui.ui.text import fitted, line

WIDE_STATUS = 110  # narrower than this, the block numbers use their short form


class StatusLine(Widget):
    """Receives the numbers and the running dial; the text is made when drawn, at the
    width it is drawn at."""

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
        clock = self.now.in_tz(self.rep_zone).format("HH:mm zz" if narrow else "ddd HH:mm zz")
        block = self.numbers.block
        counts = self._block_text(narrow) if block is not None else self._day_text()
        if self.running is None:
            timer = line(("○ idle", "$text-muted"))
        else:
            elapsed = self._dial_text(self.running, self.now)
            timer = line(("● ", "bold $text-error"), (elapsed, "bold"), " ")
            handed = self.handed
            if handed is not None and handed.touch_id == self.running.touch.id:
                return self._dialing(line((clock, "bold"), "  │  ", timer), handed, counts, width)
            room = max(4, width - len(clock) - counts.cell_length - len(elapsed) - 13)
            timer = line(timer, fitted(self.running.prospect.name, room))
        return line((clock, "bold"), "  │  ", timer, "  │  ", counts)

    def _dialing(self, start: Content, handed: HandedOff, counts: Content, width: int) -> Content:
        """The number handed to the phone stands out, with its extension; then, as room
        allows, what became of it (copied: paste it now), today's counts and the name."""
        parts = [start, line((f" ☎ {handed.shown} ", "bold reverse"))]
        room = width - sum(part.cell_length for part in parts)
        note = line(" ", (handed.note, "italic"))
        if note.cell_length <= room:
            parts.append(note)
            room -= note.cell_length
        tail = line("  │  ", counts)
        if tail.cell_length <= room:
            room -= tail.cell_length
        else:
            tail = Content("")
        if room >= 6:
            name = self.running.prospect.name if self.running else ""
            parts.append(line("  ", fitted(name, room - 2)))
        elif room > 0:
            parts.append(Content(" " * room))
        return line(*parts, tail)

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

    def _day_text(self) -> Content:
        day = self.numbers.day
        return line(
            f"{plural(day.dials, 'dial')} · {day.connects} conn · "
            f"{day.meetings} mtg · {self.numbers.due} due"
        )

    def _block_text(self, narrow: bool) -> Content:
        """Time left, dials against the goal, connects, DM conversations, meetings,
        dials per hour and the average wrap-up time."""
        block = self.numbers.block
        assert block is not None and self.now is not None
        numbers = self.numbers.block_tally or BlockTally()
        left = duration_text(block.remaining_seconds(self.now))
        pace = "–" if numbers.dials_per_hour is None else f"{numbers.dials_per_hour:.0f}"
        wrap = "–" if numbers.wrap_up_s is None else duration_text(numbers.wrap_up_s)
        state = ("⏸ ", "bold $text-warning") if block.paused else ("⏱ ", "bold $accent")
        if narrow:
            return line(state, (left, "bold"), f" {numbers.dials}/{block.goal_dials}"
                        f" {numbers.connects}c {numbers.decision_makers}dm {numbers.meetings}m"
                        f" {pace}/h w{wrap}")  # fmt: skip
        return line(
            state,
            (f"{left} left", "bold"),
            f" · {numbers.dials}/{block.goal_dials} dials · {numbers.connects} conn"
            f" · {numbers.decision_makers} DM · {numbers.meetings} mtg · {pace}/h"
            f" · wrap-up {wrap}",
        )
