"""One line the rep glances at: their time, the dial timer, today's counts."""

from __future__ import annotations

from pendulum import DateTime
from textual.content import Content
from textual.widgets import Static

from followup_tui.domain.display import duration_text, plural
from followup_tui.domain.models import DayCounts, Touch
from followup_tui.ui.text import fitted, line


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

    def refresh_line(self) -> None:
        self.set_class(self.dial is not None, "-dialing")
        self.update(self._content())

    def _content(self) -> Content:
        if self.now is None:
            return Content("")
        width = max(20, self.size.width - 2)
        clock = self.now.in_tz(self.rep_zone).format("ddd HH:mm zz")
        counts = (
            f"{plural(self.counts.dials, 'dial')} · {self.counts.connects} conn · "
            f"{self.counts.meetings} mtg · {self.due} due"
        )
        if self.dial is None:
            timer = line(("○ idle", "$text-muted"))
        else:
            elapsed = duration_text((self.now - self.dial.started_at).total_seconds())
            room = max(4, width - len(clock) - len(counts) - len(elapsed) - 12)
            timer = line(
                ("● ", "bold $text-error"), (elapsed, "bold"), " ", fitted(self.dial_name, room)
            )
        return line((clock, "bold"), "  │  ", timer, "  │  ", counts)
