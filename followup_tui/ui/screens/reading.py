"""A screen of numbers read in a worker (`t` the rep's, `T` the team's): it opens at
once saying it is reading, and `show` hands it the numbers, which fill its body in
place. Keys work all along: j and k scroll its body, the close keys close.
"""

from __future__ import annotations

from pathlib import Path
from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from followup_tui.ui.compositor import draw_only_what_shows
from followup_tui.ui.text import line
from followup_tui.ui.widgets.key_hints import KeyHints
from followup_tui.ui.widgets.phrases import Lines, Phrases
from followup_tui.ui.width_classes import take_width_class

N = TypeVar("N")


class ReadingScreen(Screen[None], Generic[N]):
    """`shown` is None until the numbers arrive. Subclasses say the title's phrases and
    the body's widgets for what is shown (`title_phrases`, `body`), and bind their close key
    and j/k (under their own ids, for [keys]) to `close` and `scroll_body`.

    The body (a VerticalScroll, `#stats-body`) stays when the numbers arrive; only
    what is in it is replaced. Composing the whole screen again lost the body's
    focus, and focusing the new one restyled and laid out every panel once more:
    a key pressed as the numbers came in waited for both (up to 90 ms)."""

    CSS_PATH = Path(__file__).with_name("stats.tcss")
    READING = ("", "")  # the title, and what is being counted, while reading

    def __init__(self, shown: N | None = None) -> None:
        super().__init__()
        draw_only_what_shows(self)  # panels over panels: each line drawn once
        take_width_class(self)
        self.shown = shown

    def compose(self) -> ComposeResult:
        yield Phrases(self._title(), id="stats-title")
        yield VerticalScroll(*self._body(), id="stats-body")
        yield KeyHints()

    def title_phrases(self, shown: N) -> Lines:
        """Lines of phrases, each line broken between its phrases to fit (Phrases)."""
        raise NotImplementedError

    def body(self, shown: N) -> list[Widget]:
        raise NotImplementedError

    def _title(self) -> Lines:
        if self.shown is None:
            return [[line((self.READING[0], "bold"), ("  reading…", "$text-muted"))]]
        return self.title_phrases(self.shown)

    def _body(self) -> list[Widget]:
        if self.shown is None:
            return [Static(line(f"{self.READING[1]}; keys still work."))]
        return self.body(self.shown)

    async def show(self, numbers: N) -> None:
        """The numbers: composed with the screen if they come before it is, filled in
        if after; nothing to fill if the rep closed it meanwhile."""
        self.shown = numbers
        for title in self.query("#stats-title").results(Phrases):
            title.update(self._title())
        for body in self.query("#stats-body").results(VerticalScroll):
            await body.remove_children()
            await body.mount_all(self._body())

    def on_mount(self) -> None:
        for body in self.query("#stats-body"):
            body.focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_body(self, lines: int) -> None:
        self.query_one("#stats-body", VerticalScroll).scroll_relative(y=lines, animate=False)
