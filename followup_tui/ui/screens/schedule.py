"""`s`: when is the next touch? Free text in the prospect's local time, read back live
and judged against their calling window; `x` and `z` ask for a revisit date here too."""

from __future__ import annotations

from pathlib import Path

from pendulum import DateTime
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from followup_tui.domain.schedule import ScheduleError
from followup_tui.domain.when_rules import TimeReader, Verdict
from followup_tui.ui.screens.when_preview import (
    OFFERED_KEY,
    FarQuestion,
    read_when,
    refusal,
    when_preview,
)
from followup_tui.ui.text import line
from followup_tui.ui.widgets.fields import WHEN_CHARS, TextField


class ScheduleScreen(ModalScreen[DateTime | None]):
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
            yield TextField(
                self.initial,
                limit=WHEN_CHARS,
                placeholder="tomorrow 10am · +3d · mon 2pm · next week",
                id="when",
                compact=True,
            )
            yield Static(self._preview(self.initial)[1], classes="preview")
            yield Static(
                f"Their local time. Enter saves · {OFFERED_KEY} takes the allowed time · "
                "Esc cancels",
                classes="hint",
            )

    def _preview(self, text: str, asked: str = "") -> tuple[Verdict | None, Content]:
        return when_preview(self.reader, text, self.rep_zone, revisit=self.revisit, asked=asked)

    def _show(self, content: Content) -> None:
        self.query_one(".preview", Static).update(content)

    @on(Input.Changed, "#when")
    def _changed(self, event: Input.Changed) -> None:
        self._show(self._preview(event.value)[1])

    @on(Input.Submitted, "#when")
    def _submitted(self, event: Input.Submitted) -> None:
        verdict, preview = self._preview(event.value)
        if verdict is None:
            self._show(preview)
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
