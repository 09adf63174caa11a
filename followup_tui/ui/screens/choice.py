"""A question answered with one key per choice (or Esc for none)."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from followup_tui.ui.screens.dialog import Dialog
from followup_tui.ui.text import line


class ChoiceScreen(Dialog[str | None]):
    CSS_PATH = Path(__file__).with_name("dialogs.tcss")
    BINDINGS = [Binding("escape", "dismiss(None)", "No", id="choice.none")]

    def __init__(self, question: Content, choices: tuple[tuple[str, str], ...], no: str) -> None:
        """`choices`: (key, words) pairs; the key pressed is the answer."""
        super().__init__()
        self.question = question
        self.choices = choices
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="title")
            for key, words in self.choices:
                yield Static(line((f" {key} ", "bold reverse"), f"  {words}"), classes="choice")
            yield Static(line("Esc: ", self.no), classes="hint")

    def on_key(self, event: events.Key) -> None:
        for key, _ in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(key)
                return
