"""`Z`: set the prospect's time zone when the number does not tell (or tells wrong).

The rep may write it as they say it ("Central", "CST", "chicago") or in full
("America/Chicago"); the input offers the rest as they type (→ accepts).
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Static

from followup_tui.domain import clock
from followup_tui.domain.zone_names import completed, zone_named
from followup_tui.ui.text import line
from followup_tui.ui.widgets.fields import NAME_CHARS, TextField

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
            yield TextField(
                self.current, limit=NAME_CHARS,
                placeholder="e.g. Central, CST, chicago, Europe/London", id="zone",
                compact=True, suggester=ZoneSuggester(),
            )  # fmt: skip
            yield Static("", classes="preview")
            yield Static(
                "A zone as you say it (Central, CST), a city, or its full name; → completes. "
                "Empty: use the phone number's. Enter saves · Esc cancels",
                classes="hint",
            )

    def on_mount(self) -> None:
        self._show(self.current)

    @on(Input.Changed, "#zone")
    def _changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, text: str) -> None:
        preview = self.query_one(".preview", Static)
        name = zone_named(text) or zone_named(completed(text) or "")
        if not text.strip():
            preview.update(line(("from the phone number", "$text-muted")))
        elif name:
            local = clock.now().in_tz(name)
            preview.update(
                line(
                    ("✓ ", "bold $text-success"),
                    (name, "bold"),
                    ": ",
                    local.format("ddd HH:mm zz"),
                    " there now",
                )
            )
        else:
            preview.update(line(("✗ ", "bold $text-error"), ("not a zone name", "$text-error")))

    @on(Input.Submitted, "#zone")
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.dismiss(FROM_PHONE)
        elif name := zone_named(event.value) or zone_named(completed(event.value) or ""):
            self.dismiss(name)  # Enter takes the completion offered, as → would

    def action_cancel(self) -> None:
        self.dismiss(None)


class ZoneSuggester(Suggester):
    """Offers what reps say (Central, CST), cities and full zone names as they type."""

    def __init__(self) -> None:
        super().__init__(use_cache=True, case_sensitive=False)

    async def get_suggestion(self, value: str) -> str | None:
        word = completed(value)
        # Shown after what was typed: only the part beyond it is drawn.
        return value + word[len(value) :] if word else None
