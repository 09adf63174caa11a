"""Every touch with this prospect, newest first, in the rep's own time."""

from __future__ import annotations

from pendulum import DateTime
from textual.content import Content
from textual.widgets import Static

from followup_tui.domain import clock
from followup_tui.domain.display import column_date, duration_text, meeting_text
from followup_tui.domain.models import Touch
from followup_tui.domain.outcomes import outcome_label
from followup_tui.ui.text import line, user_text
from followup_tui.ui.widgets.reading_pane import ReadingPane

OUTCOME_STYLES = {
    "connected": "bold $text-success",
    "meeting": "bold $text-success",
    "not_interested": "$text-warning",
    "wrong_number": "$text-error",
    "do_not_call": "bold $text-error",
    None: "bold $text-accent",
}


HOW_WIDTH = 14  # "not interested"
NOTES_BESIDE = 40  # cells the notes column needs to sit beside the touch
WIDE_HISTORY = 35 + NOTES_BESIDE  # narrower, notes go on lines of their own: at 56,
# 'Straight to voicemail, didn't leave one.' took three lines of 21 cells


class HistoryPane(ReadingPane):
    """A scrolling table of touches: date, channel, outcome, duration, notes. Its
    scrollbar's room is kept even when it has none: notes are wrapped to the width,
    and a width that changed as the scrollbar came and went wrapped them again."""

    DEFAULT_CSS = """
    HistoryPane { height: 1fr; scrollbar-gutter: stable; }
    HistoryPane > Static { width: 100%; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._body = Static()
        self.touches: list[Touch] | None = None  # None: no prospect on screen
        self.nobody = ""  # what shows with no prospect on screen
        self.rep_zone = "UTC"
        self.their_zone: str | None = None
        self.running_id: int | None = None

    def compose(self):
        yield self._body

    def show(
        self,
        touches: list[Touch] | None,
        rep_zone: str,
        their_zone: str | None = None,
        running_id: int | None = None,
    ) -> None:
        """`their_zone`: the prospect's, for a booked meeting's time in both zones.
        `running_id`: the dial on the line now (not one left unlogged)."""
        self.touches, self.rep_zone, self.their_zone = touches, rep_zone, their_zone
        self.running_id = running_id
        self.scroll_home(animate=False)
        self._render_touches()

    def dial_changed(self, touch: Touch) -> None:
        """The running dial was answered or hung up: its row says so. The touches shown
        were read before, when the dial began."""
        if self.touches is None or touch.id != self.running_id:
            return
        self.touches = [touch if shown.id == touch.id else shown for shown in self.touches]
        self._render_touches()

    def on_resize(self) -> None:
        self._render_touches()

    def _render_touches(self) -> None:
        if self.touches is None:
            self._body.update(line((self.nobody, "$text-muted")))
            return
        if not self.touches:
            self._body.update(line(("No touches yet: this is the first.", "italic $text-muted")))
            return
        width = self.scrollable_content_region.width
        now = clock.now()
        rows = [self._columns(t, width, now) for t in self.touches]
        if width >= WIDE_HISTORY:
            rows.insert(0, line(("When         How            Dur  Notes", "bold $text-muted")))
        self._body.update(Content("\n").join(rows))

    def _columns(self, touch: Touch, width: int, now: DateTime) -> Content:
        """One touch: when, how, duration, then the notes beside them when the pane is
        wide (wrapped under the notes column) or on lines of their own when narrow."""
        when = column_date(touch.started_at.in_tz(self.rep_zone), now)
        running = touch.id == self.running_id
        how = "in progress" if running else touch_label(touch)  # not 'unlogged' yet
        head = line(
            user_text(when).truncate(12, pad=True),
            " ",
            user_text(how, OUTCOME_STYLES.get(touch.outcome, "")).truncate(HOW_WIDTH, pad=True),
            " ",
            user_text(duration_text(touch.duration_s)).right(5),
        )
        notes = _notes(touch, running)
        if touch.meeting_at is not None:
            at = meeting_text(touch.meeting_at, self.rep_zone, self.their_zone)
            notes = line((f"meeting {at}", "bold $text-success"), " · " if notes else "", notes)
        if not notes:
            return head
        # Every line of the notes hangs at their indent: Textual's own wrapping would
        # start a narrow pane's second line at the left edge, under the date.
        narrow = width < WIDE_HISTORY
        indent = 2 if narrow else head.cell_length + 2
        wrapped = notes.wrap(max(10, width - indent))
        lines = [line(" " * indent, more) for more in wrapped]
        if narrow:
            return Content("\n").join([head, *lines])
        lines[0] = line(head, "  ", wrapped[0])
        return Content("\n").join(lines)


def _notes(touch: Touch, running: bool = False) -> Content:
    if touch.outcome is None and running:
        return line(running_words(touch), user_text(touch.notes))
    if touch.outcome is None:  # a dial never logged: it counts, and can be finished
        return line(("f logs its outcome. ", "$text-warning"), user_text(touch.notes))
    if not touch.decision_maker:
        return user_text(touch.notes)
    return line(("[DM] ", "bold $accent"), user_text(touch.notes))


def running_words(touch: Touch) -> tuple[str, str]:
    """What the running dial is doing, from its touch (words and their style): dialing
    until someone answers (c), on the line until the rep hangs up, then ended."""
    if touch.ended_at is not None:
        return "call ended: log its outcome. ", "$text-warning"
    if touch.connected_at is not None:
        return "on the line now. ", "bold $text-error"
    return "dialing now. ", "bold $text-accent"


def touch_label(touch: Touch) -> str:
    """'no answer' for a call; 'email', 'letter' for a sent touch on another channel."""
    if touch.channel == "call":
        return outcome_label(touch.outcome)
    channel = touch.channel.replace("_", " ")
    if touch.outcome in (None, "sent"):
        return channel
    return f"{channel}: {outcome_label(touch.outcome)}"
