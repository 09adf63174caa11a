"""`Z`: set the prospect's time zone when the number does not tell (or tells wrong)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from zoneinfo import available_timezones

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from followup_tui.domain import clock
from followup_tui.domain.clock import is_known_zone
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
                self.current, limit=NAME_CHARS, placeholder="e.g. America/Chicago, Europe/London",
                id="zone", compact=True,
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
        name = zone_named(text)
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
        elif name := zone_named(event.value):
            self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)


@lru_cache(maxsize=1)
def _zones_by_lower_name() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


def zone_named(text: str) -> str | None:
    """The zone `text` names, in any case and with spaces for underscores
    ('america/new york' is America/New_York); None if it names none."""
    wanted = text.strip().replace(" ", "_").lower()
    name = _zones_by_lower_name().get(wanted)
    return name if name and is_known_zone(name) else None
