"""The power dial's wrap-up countdown: one line at the top of the screen (the outcome's
notification covers the bottom right meanwhile), shown only while it runs or is paused.
The line fits the screen's width: shorter words when narrow, the name whole."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from followup_tui.ui.text import line, user_text

NAME_CELLS = 40  # a longer name is cut, so the words after it stay on the line
PADDING = 2  # the line's padding, left and right
# What the rep may do, in long words and in short ones.
COUNTING_KEYS = ("  ·  any key pauses  ·  Esc ends power dialing", " · any key pauses · Esc stops")
PAUSED_KEYS = ("  ·  d dials the next call  ·  Esc ends power dialing", " · d dials · Esc stops")


class Countdown(Static):
    DEFAULT_CSS = """
    Countdown {
        display: none; height: 1; padding: 0 1;
        background: $accent-muted; color: $foreground; text-wrap: nowrap;
    }
    Countdown.-shown { display: block; }
    Countdown.-paused { background: $warning-muted; }
    """

    def counting(self, name: str, seconds: int) -> None:
        self.set_classes("-shown")
        who = user_text(name, multiline=False).truncate(NAME_CELLS, ellipsis=True)
        when = (f" in {seconds} s", "bold")
        long, short = COUNTING_KEYS
        shortest = line(("Next: ", "bold"), when, short)
        room = self._room()
        if room < shortest.cell_length + who.cell_length:  # cut the name only as the last resort
            who = who.truncate(max(1, room - shortest.cell_length), ellipsis=True)
        self.update(self._first_fitting([
            line(("Next call: ", "bold"), who, when, long),
            line(("Next call: ", "bold"), who, when, short),
            line(("Next: ", "bold"), who, when, short),
        ]))  # fmt: skip

    def paused(self) -> None:
        self.set_classes("-shown -paused")
        said = ("Power dial paused", "bold")
        self.update(self._first_fitting([line(said, keys) for keys in PAUSED_KEYS]))

    def hide(self) -> None:
        self.set_classes("")

    def _room(self) -> int:
        """Cells for the words: the screen's width (known even while hidden)."""
        return self.screen.size.width - PADDING

    def _first_fitting(self, forms: list[Content]) -> Content:
        """The first of `forms` (longest words first) that fits, else the last."""
        room = self._room()
        return next((form for form in forms if form.cell_length <= room), forms[-1])
