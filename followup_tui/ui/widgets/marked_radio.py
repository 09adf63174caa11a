"""Radio buttons whose chosen option shows by its symbol, not by colour alone."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import RadioButton, RadioSet


class MarkedRadio(RadioButton):
    """ "●" for the chosen option, "○" for the others (Textual draws "●" for both and
    tells them apart by colour only)."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else "○"
        return super()._button


class MarkedRadioSet(RadioSet):
    """A radio set whose highlight starts on the chosen option, not on the first."""

    def _on_mount(self, event: object) -> None:
        super()._on_mount(event)  # type: ignore[arg-type]
        buttons = list(self.query(RadioButton))
        chosen = next((i for i, button in enumerate(buttons) if button.value), None)
        if chosen is not None:
            self._selected = chosen
