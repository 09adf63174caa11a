"""`T`: the team's numbers, one row per rep, as `followup stats --team` prints them.

The screen opens at once saying it is reading, and is handed the finished numbers
(`WorkSession.team_numbers`, read in a heavy worker); it never opens the database.
Rep names came from people: they go through `ui.text` like every other such string.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Static

from followup_tui.domain.display import plural
from followup_tui.domain.stats import Stats, window_text
from followup_tui.domain.team_numbers import (
    NO_REP,
    TEAM_HEADER,
    TEAM_LEGEND,
    TEAM_NUMERIC,
    team_row,
)
from followup_tui.ui.screens.reading import ReadingScreen
from followup_tui.ui.text import line, rich_text
from followup_tui.ui.widgets.phrases import Lines

SHORT_HEADER = ("Rep", "Dials", "Conn", "Rate", "Mtg", "Talk", "By attempt", "Late", "Gave up")
"""TEAM_HEADER's columns in few cells, for a terminal too narrow for the long ones
(at 80 columns they were cut to 'Conne…', 'Meeti…' and the talk time to '12:00…')."""


TALK, ATTEMPTS, LATE = 5, 6, 7  # columns of TEAM_HEADER
MIN_WIDTHS = {TALK: len("16,808 h"), ATTEMPTS: len("100%"), LATE: len("100%")}
NATURAL_WIDTH = 10_000  # measured this wide, a table says how wide it wants to be


def reps_text(reps: Iterable[str]) -> str:
    """'2 reps'; '1 rep, plus (no rep): touches with no rep recorded': the row of
    touches nobody recorded a rep for is listed, but it is not a rep."""
    names = list(reps)
    count = sum(1 for rep in names if rep)
    if "" not in names:
        return plural(count, "rep")
    if not count:
        return "no rep recorded for any touch"
    return f"{plural(count, 'rep')}, plus {NO_REP}: touches with no rep recorded"


class TeamTable:
    """The team's rows, with the long column titles where they fit on one line and
    the short ones where they do not (decided at each render, so a resize follows)."""

    def __init__(self, rows: list[tuple[Text, ...]]) -> None:
        self.rows = rows

    def table(self, titles: Sequence[str], padding: int = 1) -> Table:
        # Padded at the edges too: 'Gave up early' touched the right border.
        table = Table(expand=True, pad_edge=padding > 0, header_style="bold",
                      padding=(0, padding))  # fmt: skip
        for n, title in enumerate(titles):
            numeric = n in TEAM_NUMERIC
            # The talk time is words ('3 h 19 min') and may take two lines; the
            # attempts and the late share keep room for a figure: squeezed by a long
            # talk time at 80 columns, they were drawn zero cells wide.
            table.add_column(title, justify="right" if numeric else "left",
                             no_wrap=n == 0 or (numeric and n != TALK),
                             min_width=MIN_WIDTHS.get(n), overflow="ellipsis")  # fmt: skip
        for row in self.rows:
            table.add_row(*row)
        if not self.rows:
            table.add_row(rich_text("No touches yet."))
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        full = self.table([title.capitalize() for title in TEAM_HEADER])
        natural = Measurement.get(console, options.update_width(NATURAL_WIDTH), full).maximum
        if natural <= options.max_width:
            yield full
            return
        short = self.table(SHORT_HEADER)
        least = Measurement.get(console, options.update_width(NATURAL_WIDTH), short).minimum
        # A team's big counts at 80 columns: the cells lose their padding, not a column.
        yield short if least <= options.max_width else self.table(SHORT_HEADER, padding=0)


class TeamScreen(ReadingScreen[dict[str, Stats]]):
    """Every rep's dials, connects, rate, meetings, talk time and gave-up-early count;
    Esc, q or T closes."""

    READING = ("The team", "Counting every rep's touches")
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

    def title_phrases(self, team: dict[str, Stats]) -> Lines:
        first = next(iter(team.values()), None)
        window = window_text(first) if first is not None else "no touches yet"
        return [[line(("The team", "bold"), "  ", (window, "$text-muted")),
                 line((reps_text(team), "$text-muted"))]]  # fmt: skip

    def body(self, team: dict[str, Stats]) -> list[Widget]:
        return [
            Static(self._table(), id="team-table"),
            Static(line((TEAM_LEGEND, "$text-muted")), id="team-legend"),
        ]

    def _table(self) -> TeamTable:
        assert self.team is not None
        rows = []
        for rep, stats in self.team.items():
            cells = team_row(rep, stats)
            mine = rep == self.rep
            rows.append((rich_text(cells[0], "bold" if mine else ""),
                         *(rich_text(cell) for cell in cells[1:])))  # fmt: skip
        return TeamTable(rows)
