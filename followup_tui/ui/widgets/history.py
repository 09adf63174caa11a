"""Every touch with this prospect, newest first, in the rep's own time."""

from __future__ import annotations

from rich.table import Table
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from followup_tui.domain.display import duration_text
from followup_tui.domain.models import Touch
from followup_tui.domain.outcomes import outcome_label
from followup_tui.ui.text import line, user_text

OUTCOME_STYLES = {
    "connected": "bold $text-success",
    "meeting": "bold $text-success",
    "not_interested": "$text-warning",
    "wrong_number": "$text-error",
    "do_not_call": "bold $text-error",
    None: "bold $text-accent",
}


WIDE_HISTORY = 56  # narrower than this, notes go on their own line


class HistoryPane(VerticalScroll, can_focus=False):
    """A scrolling table of touches: date, channel, outcome, duration, notes."""

    DEFAULT_CSS = """
    HistoryPane { height: 1fr; }
    HistoryPane > Static { width: 100%; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._body = Static()
        self.touches: list[Touch] = []
        self.rep_zone = "UTC"

    def compose(self):
        yield self._body

    def show(self, touches: list[Touch], rep_zone: str) -> None:
        self.touches, self.rep_zone = touches, rep_zone
        self.scroll_home(animate=False)
        self._render_touches()

    def on_resize(self) -> None:
        self._render_touches()

    def _render_touches(self) -> None:
        if not self.touches:
            self._body.update(line(("No touches yet: this is the first.", "italic $text-muted")))
        elif self.scrollable_content_region.width >= WIDE_HISTORY:
            self._body.update(self._table())
        else:
            self._body.update(self._stacked())

    def _cells(self, touch: Touch) -> tuple[Content, Content, Content]:
        return (
            user_text(touch.started_at.in_tz(self.rep_zone).format("D MMM HH:mm")),
            user_text(touch_label(touch), OUTCOME_STYLES.get(touch.outcome, "")),
            user_text(duration_text(touch.duration_s)),
        )

    def _table(self) -> Table:
        table = Table(
            box=None, expand=True, show_edge=False, pad_edge=False, header_style="bold dim"
        )
        table.add_column("When", no_wrap=True, width=12)
        table.add_column("How", no_wrap=True, width=11)
        table.add_column("Dur", no_wrap=True, justify="right", width=5)
        table.add_column("Notes", ratio=1, overflow="fold")
        for touch in self.touches:
            table.add_row(*self._cells(touch), _notes(touch))
        return table

    def _stacked(self) -> Content:
        """Narrow panes: notes get a line of their own rather than a sliver of a column."""
        rows: list[Content] = []
        for touch in self.touches:
            when, how, dur = self._cells(touch)
            rows.append(line(when.truncate(12, pad=True), " ", how.truncate(11, pad=True), " ",
                             dur.right(5)))  # fmt: skip
            if notes := _notes(touch):
                rows.append(line("  ", notes))
        return Content("\n").join(rows)


def _notes(touch: Touch) -> Content:
    if not touch.decision_maker:
        return user_text(touch.notes)
    return line(("[DM] ", "bold $accent"), touch.notes)


def touch_label(touch: Touch) -> str:
    """'no answer' for a call; 'email', 'letter' for a sent touch on another channel."""
    if touch.channel == "call":
        return outcome_label(touch.outcome)
    if touch.outcome in (None, "sent"):
        return touch.channel
    return f"{touch.channel}: {outcome_label(touch.outcome)}"
