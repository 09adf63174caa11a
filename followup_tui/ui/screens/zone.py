"""`Z`: set the prospect's time zone when the number does not tell (or tells wrong).

The rep may write it as they say it ("Central", "EST", "chicago") or in full
("America/Chicago"); the input offers the rest as they type (→ accepts).
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widgets import Input, Static

from followup_tui.domain import clock
from followup_tui.domain.zone_names import completed, zone_choices, zone_named
from followup_tui.ui.screens.dialog import Dialog
from followup_tui.ui.text import line
from followup_tui.ui.widgets.fields import NAME_CHARS, TextField

# Returned for "use the phone number's zone again".
FROM_PHONE = ""


class ZoneScreen(Dialog[str | None]):
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
                placeholder="e.g. Central, EST, chicago, Europe/London", id="zone",
                compact=True, suggester=ZoneSuggester(),
            )  # fmt: skip
            yield Static("", classes="preview")
            yield Static(
                "A zone as you say it (Central, EST), a city, or its full name; → completes. "
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
        choices = _choices_for(text)
        if not text.strip():
            preview.update(line(("from the phone number", "$text-muted")))
        elif choices:
            said = ", ".join(words for words, _ in choices[:-1]) + f" or {choices[-1][0]}"
            asks = f"{completed(text)} is said for {said}: Enter asks which"
            preview.update(line(("? ", "bold $text-warning"), asks))
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
        elif choices := _choices_for(event.value):
            self._ask_which(completed(event.value) or event.value.strip(), choices)
        elif name := zone_named(event.value) or zone_named(completed(event.value) or ""):
            self.dismiss(name)  # Enter takes the completion offered, as → would

    def _ask_which(self, said: str, choices: tuple[tuple[str, str], ...]) -> None:
        """An abbreviation said for zones far apart: the rep picks one; Esc goes back
        to the field as typed."""
        from followup_tui.ui.screens.choice import ChoiceScreen

        keyed = {str(n): zone for n, (_, zone) in enumerate(choices, 1)}
        listed = tuple((str(n), f"{words}: {zone}") for n, (words, zone) in enumerate(choices, 1))

        def chosen(key: str | None) -> None:
            if key is not None:
                self.dismiss(keyed[key])

        question = line((said, "bold"), " is said for more than one zone: which?")
        self.app.push_screen(ChoiceScreen(question, listed, "back to the zone"), chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _choices_for(text: str) -> tuple[tuple[str, str], ...]:
    """The zones an abbreviation typed (or completed to) is said for, when more than one."""
    return zone_choices(text) or zone_choices(completed(text) or "")


class ZoneSuggester(Suggester):
    """Offers what reps say (Central, CST), cities and full zone names as they type."""

    def __init__(self) -> None:
        super().__init__(use_cache=True, case_sensitive=False)

    async def get_suggestion(self, value: str) -> str | None:
        word = completed(value)
        # Shown after what was typed: only the part beyond it is drawn.
        return value + word[len(value) :] if word else None
