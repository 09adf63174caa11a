"""Radio buttons and checkboxes whose state shows by a symbol, not by colour alone."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton, RadioSet


class MarkedRadio(RadioButton):
    """ "●" for the chosen option, "○" for the others (Textual draws "●" for both and
    tells them apart by colour only)."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else "○"
        return super()._button


class MarkedCheckbox(Checkbox):
    """ "✓" when ticked, blank when not (Textual draws "X" for both)."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "✓" if self.value else " "
        return super()._button


class MarkedRadioSet(RadioSet):
    """A radio set whose highlight starts on the chosen option, not on the first."""

    def on_mount(self) -> None:
        # After RadioSet's own mount handler, which highlights the first option.
        self.call_after_refresh(self._highlight_chosen)

    def _highlight_chosen(self) -> None:
        buttons = list(self.query(RadioButton))
        chosen = next((i for i, button in enumerate(buttons) if button.value), None)
        if chosen is not None:
            self._selected = chosen
