"""`s`: when is the next touch? Free text in the prospect's local time, read back live
and judged against their calling window; `x` and `z` ask for a revisit date here too."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pendulum import DateTime
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from followup_tui.domain.schedule import EXAMPLES, ScheduleError
from followup_tui.domain.when_rules import TimeReader, Verdict
from followup_tui.ui.screens.dialog import Dialog
from followup_tui.ui.screens.when_preview import (
    OFFERED_KEY,
    FarQuestion,
    error_line,
    read_when,
    refusal,
    when_preview,
)
from followup_tui.ui.text import line
from followup_tui.ui.widgets.fields import WHEN_CHARS, TextField
from followup_tui.ui.widgets.phrases import Lines, Phrases
from followup_tui.ui.widgets.queue_list import QueueList

Result = TypeVar("Result")
ROOMY_DIALOG = 50  # narrower than this, a dialog over the queue says things in short words
DOCKED_MARGIN = (1, 0, 2, 0)  # over the queue: under the power dial's line, above the status
# What the empty "when" field shows, best first: the first that fits its width whole.
WHEN_PLACEHOLDERS = (
    "tomorrow 10am · +3d · mon 2pm · next week",
    "tomorrow 10am · +3d · mon 2pm",
    "tmrw 10am · +3d · mon 2pm",
    "tmrw 10am · +3d",
    "+3d",
)


def placeholder_for(width: int) -> str:
    """The longest example line that fits `width` cells whole (never cut mid-word)."""
    return next((text for text in WHEN_PLACEHOLDERS if len(text) <= width), "")


class WhenField(TextField):
    """The "when" field: its examples shortened to what its width shows whole."""

    def on_resize(self, event: events.Resize) -> None:
        self.placeholder = placeholder_for(self.scrollable_content_region.width)


class OverTheQueue(Dialog[Result]):
    """A dialog docked over the queue and as wide as it, so the header, history and
    research stay whole beside it while the rep types (the connected note, the next
    touch), and no cut rows of the queue show beside it on a wide screen. Narrower
    than ROOMY_DIALOG, its `.dialog` gets the class `-narrow` and `narrowed` is
    told, for shorter words."""

    def on_mount(self) -> None:
        queue = self._queue_below()
        if queue is not None:
            self.watch(queue, "pane_width", self._cover_queue)

    def _queue_below(self) -> QueueList | None:
        """The queue of the screen under this dialog, if that screen has one."""
        stack = self.app.screen_stack
        at = stack.index(self) if self in stack else 0
        if at == 0:
            return None
        found = stack[at - 1].query(QueueList)
        return found.first() if found else None

    def _cover_queue(self, width: int) -> None:
        if width <= 0:
            return
        dialog = self.query_one(".dialog")
        dialog.styles.width = dialog.styles.max_width = width
        dialog.styles.margin = DOCKED_MARGIN  # the header is beside it, not under it
        narrow = width < ROOMY_DIALOG
        dialog.set_class(narrow, "-narrow")
        self.narrowed(narrow)

    def narrowed(self, narrow: bool) -> None:
        """The dialog became narrow (or roomy again): a place for shorter words."""


class ScheduleScreen(OverTheQueue[DateTime | None]):
    CSS_PATH = Path(__file__).with_name("dialogs.tcss")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding(OFFERED_KEY, "take_offered", "Take the allowed time", id="dialog.offered"),
    ]

    def __init__(
        self,
        name: str,
        reader: TimeReader,
        rep_zone: str,
        *,
        title: str = "Next touch with ",
        initial: str = "",
        revisit: bool = False,
    ) -> None:
        """`revisit`: a date to come back on, which lands on the start of their window."""
        super().__init__()
        self.prospect_name = name
        self.reader = reader
        self.rep_zone = rep_zone
        self.title = title
        self.initial = initial
        self.revisit = revisit
        self.far = FarQuestion()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(line(self.title or "", (self.prospect_name, "bold")), classes="title")
            yield WhenField(
                self.initial,
                limit=WHEN_CHARS,
                placeholder=WHEN_PLACEHOLDERS[0],
                id="when",
                compact=True,
            )
            yield Phrases(self._preview(self.initial)[1], between=" · ", classes="preview")
            # ctrl+n is offered in the preview, with its time, when a time is refused:
            # said here always, it did nothing the rest of the time.
            yield Static("Their local time. Enter saves · Esc cancels", classes="hint")

    def _preview(self, text: str, asked: str = "") -> tuple[Verdict | None, Lines]:
        return when_preview(self.reader, text, self.rep_zone, revisit=self.revisit, asked=asked)

    def _show(self, lines: Lines) -> None:
        self.query_one(".preview", Phrases).update(lines)

    @on(Input.Changed, "#when")
    def _changed(self, event: Input.Changed) -> None:
        self._show(self._preview(event.value)[1])

    @on(Input.Submitted, "#when")
    def _submitted(self, event: Input.Submitted) -> None:
        verdict, preview = self._preview(event.value)
        if verdict is None:
            empty = not event.value.strip()
            self._show(error_line(f"Type when first, e.g. {EXAMPLES}") if empty else preview)
            return
        if not verdict.ok:
            self._show(refusal(verdict, preview))
            return
        self._save(verdict.when, verdict, event.value, "Enter")

    def action_take_offered(self) -> None:
        text = self.query_one("#when", Input).value
        try:
            verdict = read_when(self.reader, text, revisit=self.revisit)
        except ScheduleError:
            self.app.bell()
            return
        if verdict.offered is None:
            self.app.bell()
            return
        self._save(verdict.offered, verdict, text, OFFERED_KEY)

    def _save(self, when: DateTime, verdict: Verdict, text: str, key: str) -> None:
        """Save `when`, asking first (the same key again) when it is far off."""
        if verdict.far and not self.far.confirmed(text, key):
            self._show(self._preview(text, asked=key)[1])
            return
        self.dismiss(when)

    def action_cancel(self) -> None:
        self.dismiss(None)
