"""`Z`: set the prospect's time zone when the number does not tell (or tells wrong)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from followup_tui.domain import clock
from followup_tui.domain.clock import is_known_zone
from followup_tui.ui.text import line

# Returned for "use the phone number's zone again".
FROM_PHONE = ""


class ZoneScreen(ModalScreen[str | None]):
    CSS_PATH = Path(__file__).with_name("dialogs.tcss")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, name: str, current: str | None) -> None:
        super().__init__()
        self.prospect_name = name
        self.current = current or ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(line("Time zone of ", (self.prospect_name, "bold")), classes="title")
            yield Input(
                self.current, placeholder="e.g. America/Chicago, Europe/London", id="zone",
                compact=True,
            )  # fmt: skip
            yield Static("", classes="preview")
            yield Static(
                "An IANA zone name. Empty: use the phone number's. Enter saves · Esc cancels",
                classes="hint",
            )

    def on_mount(self) -> None:
        self._show(self.current)

    @on(Input.Changed, "#zone")
    def _changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, text: str) -> None:
        preview = self.query_one(".preview", Static)
        name = text.strip()
        if not name:
            preview.update(line(("from the phone number", "$text-muted")))
        elif is_known_zone(name):
            local = clock.now().in_tz(name)
            preview.update(
                line(("✓ ", "bold $text-success"), local.format("ddd HH:mm zz"), " there now")
            )
        else:
            preview.update(line(("✗ ", "bold $text-error"), ("not a zone name", "$text-error")))

    @on(Input.Submitted, "#zone")
    def _submitted(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if name and not is_known_zone(name):
            return
        self.dismiss(name or FROM_PHONE)

    def action_cancel(self) -> None:
        self.dismiss(None)
