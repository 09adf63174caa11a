"""Text fields with a length limit, drawn terminal-safe.

A 180 KB paste into the schedule field once froze the app for 14 s while every
keystroke re-read it as a date. Each field holds at most what its purpose needs
(a schedule a hundred characters, a note five thousand) and says so when a paste
or a key would go past it, rather than refusing it silently. What a field
shows goes through `terminal_text`: a name imported with an escape sequence can
be edited without the terminal obeying it (the text kept is the text typed).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Input, TextArea
from textual.widgets.text_area import EditResult, Location

from followup_tui.terminal_text import safe_same_length
from followup_tui.ui.text import tell

WHEN_CHARS = 100  # "tomorrow 10am", "next tue 2pm": a schedule is short
NAME_CHARS = 200  # names, titles, companies, emails, phones, zones
PATH_CHARS = 4096  # a file to import
NOTE_CHARS = 5000  # what was said; a research section


def _too_long(widget: Input | TextArea, limit: int) -> None:
    tell(
        widget,
        f"At most {limit:,} characters here: the rest was left out.",
        severity="warning",
        timeout=4,
    )


class TextField(Input):
    """A one-line field of at most `limit` characters."""

    def __init__(self, value: str | None = None, *, limit: int = NAME_CHARS, **kwargs: Any) -> None:
        super().__init__(value, **kwargs)
        self.limit = limit

    def replace(self, text: str, start: int, end: int) -> None:
        room = self.limit - (len(self.value) - (end - start))
        if len(text) > room:
            text = text[: max(0, room)]
            _too_long(self, self.limit)
            if not text:
                return
        super().replace(text, start, end)

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        return Text(safe_same_length(self.value), no_wrap=True, overflow="ignore", end="")


class TextBox(TextArea):
    """A multi-line field of at most `limit` characters."""

    def __init__(self, text: str = "", *, limit: int = NOTE_CHARS, **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self.limit = limit

    def _replace_via_keyboard(
        self, insert: str, start: Location, end: Location
    ) -> EditResult | None:
        replaced = len(self.get_text_range(*sorted((start, end))))
        room = self.limit - (len(self.text) - replaced)
        if len(insert) > room:
            insert = insert[: max(0, room)]
            _too_long(self, self.limit)
            if not insert and start == end:
                return None
        return super()._replace_via_keyboard(insert, start, end)

    def get_line(self, line_index: int) -> Text:
        return Text(safe_same_length(self.document.get_line(line_index)), end="", no_wrap=True)
