"""Text fields with a length limit, drawn terminal-safe.

A 180 KB paste into the schedule field once froze the app for 14 s while every
keystroke re-read it as a date. Each field holds at most what its purpose needs
(a schedule a hundred characters, a note five thousand) and says so when a paste
or a key would go past it, rather than refusing it silently. What a field
shows goes through `terminal_text`: a name imported with an escape sequence can
be edited without the terminal obeying it (the text kept is the text typed).

A paste keeps every line it holds. Textual's one-line Input kept only the first
line of a paste, silently: "Gatekeeper Linda\nsays try after 4pm", pasted from an
email into the connected note, was saved as "Gatekeeper Linda". A `TextField`
puts the pasted lines on its one line instead, each stripped of the spaces around
it and blank ones left out, joined by what the field says (`joins`): " / " in a
note, where the break was part of what was said, and a space everywhere else (a
name, a phone, a time like "thu\n3pm", a search), where the break was only where
the text was copied from. A paste that would go past the limit is cut and says so,
as typing does; a `TextBox` keeps the line breaks it was given.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.widgets import Input, TextArea
from textual.widgets.text_area import EditResult, Location

from followup_tui.terminal_text import safe_same_length
from followup_tui.ui.text import tell

WHEN_CHARS = 100  # "tomorrow 10am", "next tue 2pm": a schedule is short
NAME_CHARS = 200  # names, titles, companies, emails, phones, zones
PATH_CHARS = 4096  # a file to import
NOTE_CHARS = 5000  # what was said; a research section

NOTE_JOINS = " / "  # the lines of a note pasted into a one-line field, still told apart
WORD_JOINS = " "  # the lines of a name, a phone, a time or a search pasted into one


def one_line(text: str, joins: str = WORD_JOINS) -> str:
    """Pasted `text` for a one-line field: unchanged if it is one line already, else
    each line without the spaces around it, blank ones left out, joined by `joins`."""
    lines = text.splitlines()
    if not text or lines == [text]:
        return text
    return joins.join(kept for kept in (line.strip() for line in lines) if kept)


def _too_long(widget: Input | TextArea, limit: int) -> None:
    tell(
        widget,
        f"At most {limit:,} characters here: the rest was left out.",
        severity="warning",
        timeout=4,
    )


class TextField(Input):
    """A one-line field of at most `limit` characters, where the lines of a paste are
    joined by `joins` (a note's NOTE_JOINS, else a space)."""

    def __init__(
        self,
        value: str | None = None,
        *,
        limit: int = NAME_CHARS,
        joins: str = WORD_JOINS,
        **kwargs: Any,
    ) -> None:
        super().__init__(value, **kwargs)
        self.limit = limit
        self.joins = joins

    def _on_paste(self, event: events.Paste) -> None:
        # Instead of Input's own, which keeps the first line only.
        event.prevent_default()
        event.stop()
        self.paste(event.text)

    def action_paste(self) -> None:
        """Ctrl+V: the app's own clipboard (text copied from research), as a paste."""
        self.paste(self.app.clipboard)

    def paste(self, text: str) -> None:
        """`text` on one line, at the cursor or over the selection, cut to the limit."""
        if text:
            self.replace(one_line(text, self.joins), *self.selection)

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
