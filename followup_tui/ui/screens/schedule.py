"""`s`: when is the next touch? Free text in the prospect's local time, read back live."""

from __future__ import annotations

from pathlib import Path

from pendulum import DateTime
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from followup_tui.domain.schedule import ScheduleError
from followup_tui.ui.screens.when_preview import read_when, when_preview
from followup_tui.ui.text import line


class ScheduleScreen(ModalScreen[DateTime | None]):
    CSS_PATH = Path(__file__).with_name("dialogs.tcss")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(
        self,
        name: str,
        their_zone: str,
        rep_zone: str,
        *,
        title: str = "Next touch with ",
        initial: str = "",
    ) -> None:
        super().__init__()
        self.prospect_name = name
        self.their_zone = their_zone
        self.rep_zone = rep_zone
        self.title = title
        self.initial = initial

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(line(self.title or "", (self.prospect_name, "bold")), classes="title")
            yield Input(
                self.initial,
                placeholder="tomorrow 10am · +3d · mon 2pm · next week",
                id="when",
                compact=True,
            )
            yield Static(
                when_preview(self.initial, self.their_zone, self.rep_zone)[1], classes="preview"
            )
            yield Static("Their local time. Enter saves · Esc cancels", classes="hint")

    @on(Input.Changed, "#when")
    def _changed(self, event: Input.Changed) -> None:
        _, preview = when_preview(event.value, self.their_zone, self.rep_zone)
        self.query_one(".preview", Static).update(preview)

    @on(Input.Submitted, "#when")
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            when = read_when(event.value, self.their_zone)
        except ScheduleError:
            _, preview = when_preview(event.value, self.their_zone, self.rep_zone)
            self.query_one(".preview", Static).update(preview)
            return
        self.dismiss(when)

    def action_cancel(self) -> None:
        self.dismiss(None)
