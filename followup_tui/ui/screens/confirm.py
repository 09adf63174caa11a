"""A yes/no question before something the rep may not mean (y/Enter or n/Esc)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from followup_tui.ui.screens.dialog import Dialog
from followup_tui.ui.text import line


class ConfirmScreen(Dialog[bool]):
    CSS_PATH = Path(__file__).with_name("dialogs.tcss")
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("enter", "enter", "Yes", id="confirm.enter", show=False),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(
        self, question: Content, yes: str = "Yes", no: str = "No", *, permanent: bool = False
    ) -> None:
        """`permanent`: only `y` says yes; Enter is too easy to press for what cannot
        be undone."""
        super().__init__()
        self.question = question
        self.yes, self.no = yes, no
        self.permanent = permanent

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="title")
            keys = "y" if self.permanent else "y / Enter"
            yield Static(line(f"{keys}: ", self.yes, "    n / Esc: ", self.no), classes="hint")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_enter(self) -> None:
        if not self.permanent:
            self.dismiss(True)
