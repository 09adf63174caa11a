"""`T`: the team's numbers, one row per rep, as `followup stats --team` prints them.

The screen opens at once saying it is reading, and is handed the finished numbers
(`WorkSession.team_numbers`, read in a heavy worker); it never opens the database.
Rep names came from people: they go through `ui.text` like every other such string.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

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

TALK, ATTEMPTS, LATE, GAVE_UP = 5, 6, 7, 8  # columns of TEAM_HEADER
LESS_NEEDED = (LATE, GAVE_UP, ATTEMPTS, TALK)
"""The columns a terminal too narrow for a rep's whole row goes without, first to last;
the screen says which under the table. The rep and their dials, connects, rate and
meetings always show."""
REP_LEAST = 7  # a long rep name is cut ('Bartholo…') to no fewer cells, then a column goes
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


def cut_name(name: Text, width: int) -> Text:
    """`name` in at most `width` cells, ending in '…' where it was cut."""
    if name.cell_len <= width:
        return name
    cut = name.copy()
    cut.truncate(width - 1)
    cut.rstrip()
    cut.append("…")
    return cut


@dataclass(frozen=True)
class Look:
    """How the table is drawn: `titles` (one per column of TEAM_HEADER), which
    `columns` show, a cell of air each side of a cell or none (`padding`), a frame
    round the table or only rules between the columns (`edge`), and whether the rep
    names may be cut to make the rows fit (`cut`)."""

    titles: Sequence[str]
    columns: tuple[int, ...]
    padding: int = 1
    edge: bool = True
    cut: bool = False


EVERY_COLUMN = tuple(range(len(TEAM_HEADER)))


def looks() -> Iterator[Look]:
    """Roomiest first: the long titles; then, with every column and then with fewer
    (LESS_NEEDED), the short titles with less and less air, and the names cut."""
    yield Look(tuple(title.capitalize() for title in TEAM_HEADER), EVERY_COLUMN)
    for dropped in range(len(LESS_NEEDED) + 1):
        columns = tuple(n for n in EVERY_COLUMN if n not in LESS_NEEDED[:dropped])
        yield Look(SHORT_HEADER, columns)
        yield Look(SHORT_HEADER, columns, padding=0)
        yield Look(SHORT_HEADER, columns, padding=0, edge=False)
        yield Look(SHORT_HEADER, columns, padding=0, edge=False, cut=True)


class TeamTable:
    """The team's rows, one line each with the columns aligned: drawn in the first of
    `looks()` in which every row fits (decided at each render, so a resize follows);
    a column left out is named under the table.

    At 80 columns the rows wrapped: the talk time and the attempts took two or three
    lines each, and one rep's numbers no longer read across."""

    def __init__(self, rows: list[tuple[Text, ...]]) -> None:
        self.rows = rows

    def table(self, look: Look, rep_width: int | None = None) -> Table:
        """The rows in `look`, each rep name cut to `rep_width` cells if given."""
        # With air, padded at the edges too: 'Gave up early' touched the right border.
        table = Table(expand=True, show_edge=look.edge, pad_edge=look.padding > 0,
                      header_style="bold", padding=(0, look.padding))  # fmt: skip
        for n in look.columns:
            table.add_column(look.titles[n], justify="right" if n in TEAM_NUMERIC else "left",
                             no_wrap=True, overflow="ellipsis")  # fmt: skip
        for row in self.rows:
            cells = [row[n] for n in look.columns]
            if rep_width is not None:
                cells[0] = cut_name(cells[0], rep_width)
            table.add_row(*cells)
        if not self.rows:
            table.add_row(rich_text("No touches yet."))
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        def too_wide(table: Table) -> int:
            natural = Measurement.get(console, options.update_width(NATURAL_WIDTH), table)
            return natural.maximum - options.max_width

        longest = max((row[0].cell_len for row in self.rows), default=0)  # rep names
        for look in looks():
            table = self.table(look)
            over = too_wide(table)
            if over > 0 and look.cut and longest > REP_LEAST:
                # Cut no shorter than REP_LEAST, even where a column must go anyway.
                table = self.table(look, rep_width=max(longest - over, REP_LEAST))
                over = too_wide(table)
            if over <= 0:
                break
        yield table  # narrower than the last look, rich cuts the cells with '…'
        left_out = [TEAM_HEADER[n].capitalize() for n in EVERY_COLUMN if n not in look.columns]
        if left_out:
            yield Text(f"Not shown at this width: {', '.join(left_out)}.", style="dim")


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
