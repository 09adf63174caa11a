"""A screen of numbers read in a worker (`t` the rep's, `T` the team's): it opens at
once saying it is reading, and `show` hands it the numbers, around which it is
composed again. Keys work all along: j and k scroll its body, the close keys close.
"""

from __future__ import annotations

from pathlib import Path
from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from followup_tui.ui.compositor import draw_only_what_shows
from followup_tui.ui.text import line
from followup_tui.ui.widgets.key_hints import KeyHints

N = TypeVar("N")


class ReadingScreen(Screen[None], Generic[N]):
    """`shown` is None until the numbers arrive. Subclasses compose the numbers'
    body as a VerticalScroll with the id `stats-body`, and bind their close key and
    j/k (under their own ids, for [keys]) to `close` and `scroll_body`."""

    CSS_PATH = Path(__file__).with_name("stats.tcss")

    def __init__(self, shown: N | None = None) -> None:
        super().__init__()
        draw_only_what_shows(self)  # panels over panels: each line drawn once
        self.shown = shown

    async def show(self, numbers: N) -> None:
        self.shown = numbers
        await self.recompose()
        self._focus_body()  # the body it replaced had the focus: a key would go nowhere

    def on_mount(self) -> None:
        self._focus_body()

    def _focus_body(self) -> None:
        # None for a moment: numbers that arrive as the screen mounts (a small history
        # counts in milliseconds) rebuild it, and the rep may close it meanwhile.
        for body in self.query("#stats-body"):
            body.focus()

    def compose_reading(self, title: str, what: str) -> ComposeResult:
        """What the screen shows until the numbers arrive."""
        yield Static(line((title, "bold"), ("  reading…", "$text-muted")), id="stats-title")
        yield VerticalScroll(Static(line(f"{what}; keys still work.")), id="stats-body")
        yield KeyHints()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_body(self, lines: int) -> None:
        self.query_one("#stats-body", VerticalScroll).scroll_relative(y=lines, animate=False)
