"""`T`: the team's numbers, one row per rep, as `followup stats --team` prints them.

The screen opens at once saying it is reading, and is handed the finished numbers
(`WorkSession.team_numbers`, read in a heavy worker); it never opens the database.
Rep names came from people: they go through `ui.text` like every other such string.
"""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from followup_tui.domain.display import plural
from followup_tui.domain.stats import Stats, window_text
from followup_tui.domain.team_numbers import TEAM_HEADER, TEAM_NUMERIC, team_row
from followup_tui.ui.screens.reading import ReadingScreen
from followup_tui.ui.text import line, rich_text
from followup_tui.ui.widgets.key_hints import KeyHints


class TeamScreen(ReadingScreen[dict[str, Stats]]):
    """Every rep's dials, connects, rate, meetings, talk time and gave-up-early count;
    Esc, q or T closes."""

    BINDINGS = [
        Binding("escape,q,T", "close", "Close", id="team.close"),
        Binding("j", "scroll_body(1)", "Down", show=False, id="team.down"),
        Binding("k", "scroll_body(-1)", "Up", show=False, id="team.up"),
    ]

    def __init__(self, team: dict[str, Stats] | None = None, rep: str = "") -> None:
        """With no `team` it says it is reading; the numbers arrive through `show`.
        `rep`: who is looking (their row is marked)."""
        super().__init__(team)
        self.rep = rep

    @property
    def team(self) -> dict[str, Stats] | None:
        return self.shown

    def compose(self) -> ComposeResult:
        if self.team is None:
            yield from self.compose_reading("The team", "Counting every rep's touches")
            return
        first = next(iter(self.team.values()), None)
        window = window_text(first) if first is not None else "no touches yet"
        yield Static(line(("The team", "bold"), "  ", (window, "$text-muted"),
                          (f"  ·  {plural(sum(1 for rep in self.team if rep), 'rep')}",
                           "$text-muted")),
                     id="stats-title")  # fmt: skip
        with VerticalScroll(id="stats-body"):
            yield Static(self._table(), id="team-table")
        yield KeyHints()

    def _table(self) -> Table:
        assert self.team is not None
        table = Table(expand=True, pad_edge=False, header_style="bold")
        for n, title in enumerate(TEAM_HEADER):
            table.add_column(title.capitalize(), justify="right" if n in TEAM_NUMERIC else "left",
                             no_wrap=n == 0, overflow="ellipsis")  # fmt: skip
        for rep, stats in self.team.items():
            cells = team_row(rep, stats)
            mine = rep == self.rep
            table.add_row(rich_text(cells[0], "bold" if mine else ""),
                          *(rich_text(cell) for cell in cells[1:]))  # fmt: skip
        if not self.team:
            table.add_row(rich_text("No touches yet."))
        return table
