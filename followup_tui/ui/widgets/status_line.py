"""One line the rep glances at: their time, the dial timer, today's counts."""

from __future__ import annotations

from pendulum import DateTime
from textual.content import Content
from textual.widgets import Static

from followup_tui.domain.call_block import BlockTally, CallBlock
from followup_tui.domain.display import duration_text, plural
from followup_tui.domain.models import DayCounts, Touch
from followup_tui.ui.text import fitted, line

WIDE_STATUS = 110  # narrower than this, the block numbers use their short form


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    StatusLine.-dialing { background: $error-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.now: DateTime | None = None
        self.rep_zone = "UTC"
        self.dial: Touch | None = None
        self.dial_name = ""
        self.counts = DayCounts()
        self.due = 0
        self.block: CallBlock | None = None
        self.block_numbers: BlockTally | None = None

    def refresh_line(self) -> None:
        self.set_class(self.dial is not None, "-dialing")
        self.update(self._content())

    def _content(self) -> Content:
        if self.now is None:
            return Content("")
        width = max(20, self.size.width - 2)
        narrow = width < WIDE_STATUS
        clock = self.now.in_tz(self.rep_zone).format("HH:mm zz" if narrow else "ddd HH:mm zz")
        counts = self._block_text(narrow) if self.block is not None else self._day_text()
        if self.dial is None:
            timer = line(("○ idle", "$text-muted"))
        else:
            elapsed = duration_text((self.now - self.dial.started_at).total_seconds())
            room = max(4, width - len(clock) - counts.cell_length - len(elapsed) - 12)
            timer = line(("● ", "bold $text-error"), (elapsed, "bold"), " ",
                         fitted(self.dial_name, room))  # fmt: skip
        return line((clock, "bold"), "  │  ", timer, "  │  ", counts)

    def _day_text(self) -> Content:
        return line(
            f"{plural(self.counts.dials, 'dial')} · {self.counts.connects} conn · "
            f"{self.counts.meetings} mtg · {self.due} due"
        )

    def _block_text(self, narrow: bool) -> Content:
        """Time left, dials against the goal, connects, DM conversations, meetings,
        dials per hour and the average wrap-up time."""
        assert self.block is not None and self.now is not None
        numbers = self.block_numbers or BlockTally()
        left = duration_text(self.block.remaining_seconds(self.now))
        pace = "–" if numbers.dials_per_hour is None else f"{numbers.dials_per_hour:.0f}"
        wrap = "–" if numbers.wrap_up_s is None else duration_text(numbers.wrap_up_s)
        state = ("⏸ ", "bold $text-warning") if self.block.paused else ("⏱ ", "bold $accent")
        if narrow:
            return line(state, (left, "bold"), f" {numbers.dials}/{self.block.goal_dials}"
                        f" {numbers.connects}c {numbers.decision_makers}dm {numbers.meetings}m"
                        f" {pace}/h w{wrap}")  # fmt: skip
        return line(
            state,
            (f"{left} left", "bold"),
            f" · {numbers.dials}/{self.block.goal_dials} dials · {numbers.connects} conn"
            f" · {numbers.decision_makers} DM · {numbers.meetings} mtg · {pace}/h"
            f" · wrap-up {wrap}",
        )
