"""`?`: every key, as the rep's keymap has it now."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from followup_tui.ui.text import fitted, line

HelpRow = tuple[str, str, str]  # keys, short name, what it does


class HelpScreen(ModalScreen[None]):
    CSS_PATH = Path(__file__).with_name("dialogs.tcss")
    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close"),
    ]

    def __init__(self, rows: list[HelpRow]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        body = [line(fitted(keys, 14, "bold $accent"), " ", desc) for keys, _, desc in self.rows]
        with VerticalScroll(classes="dialog"):
            yield Static("Keys", classes="title")
            yield Static(Content("\n").join(body))
            yield Static(
                "Remap any key in config.toml under [keys], by its id. Esc closes.",
                classes="hint",
            )

    def action_close(self) -> None:
        self.dismiss(None)
