"""`a`: a note on the touch just logged, or on the running dial."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from followup_tui.ui.screens.dialog import Dialog
from followup_tui.ui.text import line
from followup_tui.ui.widgets.fields import NOTE_CHARS, NOTE_JOINS, TextField


class NoteScreen(Dialog[str | None]):
    CSS_PATH = Path(__file__).with_name("dialogs.tcss")
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="dialog.cancel")]

    def __init__(self, target: str, draft: str = "") -> None:
        """`target`: what the note is for, in words ('the no answer for Ana Ruiz')."""
        super().__init__()
        self.target = target
        self.draft = draft

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(line("Add a note to ", (self.target, "bold")), classes="title")
            yield TextField(
                self.draft, limit=NOTE_CHARS, joins=NOTE_JOINS, id="note",
                placeholder="e.g. gatekeeper Linda, try mornings", compact=True,
                select_on_focus=False,
            )  # fmt: skip
            yield Static("Enter adds it · Esc cancels", classes="hint")

    @on(Input.Submitted, "#note")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)
