"""`c`: the rep spoke to someone. A short note, who it was, and what happens next."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pendulum import DateTime
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, RadioButton, RadioSet, Static

from followup_tui.domain.outcomes import Outcome
from followup_tui.domain.schedule import ScheduleError
from followup_tui.ui.screens.when_preview import read_when, when_preview
from followup_tui.ui.text import line

NEXT_STEPS = (
    ("follow_up", "Keep following up (in 2 business days)"),
    ("callback", "Call back at a time they gave"),
    ("meeting", "Meeting booked"),
    ("not_interested", "Not interested (revisit in 90 days)"),
)


@dataclass(frozen=True)
class ConnectedResult:
    note: str
    decision_maker: bool
    outcome: Outcome
    callback_at: DateTime | None = None


class ConnectedScreen(ModalScreen[ConnectedResult | None]):
    CSS_PATH = Path(__file__).with_name("dialogs.tcss")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("ctrl+s", "save", "Log it", id="dialog.save"),
        # Enter logs from any field; Space ticks the checkbox and picks the step.
        Binding("enter", "save", "Log it", id="dialog.enter", priority=True, show=False),
    ]

    def __init__(self, name: str, their_zone: str, rep_zone: str) -> None:
        super().__init__()
        self.prospect_name = name
        self.their_zone = their_zone
        self.rep_zone = rep_zone

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(line("Connected with ", (self.prospect_name, "bold")), classes="title")
            yield Label("Note")
            yield Input(
                placeholder="What was said, in a line", id="note", compact=True,
                select_on_focus=False,
            )  # fmt: skip
            yield Checkbox("Spoke with the decision maker", id="dm", compact=True)
            yield Label("Next step")
            with RadioSet(id="next", compact=True):
                for index, (key, label) in enumerate(NEXT_STEPS):
                    yield RadioButton(label, id=key, value=index == 0, compact=True)
            yield Input(
                placeholder="Call back when? e.g. thu 3pm", id="when", disabled=True,
                compact=True, select_on_focus=False,
            )  # fmt: skip
            yield Static("", classes="preview")
            yield Static("Tab moves · Space ticks/picks · Enter logs it · Esc cancels",
                         classes="hint")  # fmt: skip

    def _step(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.id if pressed and pressed.id else "follow_up"

    @on(RadioSet.Changed)
    def _step_changed(self) -> None:
        when = self.query_one("#when", Input)
        when.disabled = self._step() != "callback"
        if not when.disabled:
            when.focus()
        self._show_preview()

    @on(Input.Changed, "#when")
    def _show_preview(self) -> None:
        preview = self.query_one(".preview", Static)
        if self._step() != "callback":
            preview.update("")
            return
        text = self.query_one("#when", Input).value
        preview.update(when_preview(text, self.their_zone, self.rep_zone)[1])

    def action_save(self) -> None:
        note = self.query_one("#note", Input).value.strip()
        decision_maker = self.query_one("#dm", Checkbox).value
        step = self._step()
        callback_at = None
        if step == "callback":
            when = self.query_one("#when", Input)
            try:
                callback_at = read_when(when.value, self.their_zone)
            except ScheduleError as err:
                message = str(err) if when.value.strip() else "Type when to call back first."
                self.query_one(".preview", Static).update(
                    line(("✗ ", "bold $text-error"), (message, "$text-error"))
                )
                when.focus()
                return
        outcome = {
            "meeting": Outcome.MEETING,
            "not_interested": Outcome.NOT_INTERESTED,
        }.get(step, Outcome.CONNECTED)
        self.dismiss(ConnectedResult(note, decision_maker, outcome, callback_at))

    def action_cancel(self) -> None:
        self.dismiss(None)
