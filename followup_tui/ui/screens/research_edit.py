"""`e`: edit the research notes that sit beside the queue."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from msgspec.structs import replace
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Static, TextArea

from followup_tui.domain.models import Research
from followup_tui.ui.screens.dialog import Dialog
from followup_tui.ui.text import line, tell
from followup_tui.ui.widgets.fields import NOTE_CHARS, TextBox
from followup_tui.ui.widgets.research import SECTIONS


class ResearchEditScreen(Dialog[Research | None]):
    CSS_PATH = Path(__file__).with_name("dialogs.tcss")
    STATUS_IN_SIGHT = True
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="dialog.save"),
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
    ]

    def __init__(self, name: str, research: Research) -> None:
        super().__init__()
        self.prospect_name = name
        self.original = research
        self._warned = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(line("Research on ", (self.prospect_name, "bold")), classes="title")
            yield Static("Ctrl+S saves · Esc cancels · Tab to the next field", classes="hint")
            for field, title in SECTIONS:
                yield Label(title)
                yield TextBox(
                    getattr(self.original, field),
                    limit=NOTE_CHARS,
                    id=field,
                    soft_wrap=True,
                    compact=True,
                )

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def _edited(self) -> Research:
        texts = {field: self.query_one(f"#{field}", TextArea).text for field, _ in SECTIONS}
        return replace(self.original, **cast(Any, texts))

    def action_save(self) -> None:
        self.dismiss(self._edited())

    def action_cancel(self) -> None:
        if self._edited() != self.original and not self._warned:
            self._warned = True
            tell(self, "Unsaved changes: Ctrl+S saves them, Esc again discards them.")
            return
        self.dismiss(None)
