"""Starting a call block (duration and goal) and its summary when it ends."""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct
from rich.table import Table
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from followup_tui.domain.call_block import (
    DEFAULT_GOAL,
    DEFAULT_MINUTES,
    BlockTally,
    CallBlock,
)
from followup_tui.domain.display import duration_words, plural
from followup_tui.ui.screens.dialog import Dialog
from followup_tui.ui.text import line
from followup_tui.ui.widgets.fields import TextField

MAX_MINUTES = 8 * 60
MAX_GOAL = 1000


class BlockPlan(Struct, frozen=True):
    minutes: int
    goal: int


class StartBlockScreen(Dialog[BlockPlan | None]):
    CSS_PATH = Path(__file__).with_name("dialogs.tcss")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Start a call block", classes="title")
            yield Label("Minutes")
            yield TextField(str(DEFAULT_MINUTES), id="minutes", type="integer", compact=True)
            yield Label("Goal (dials)")
            yield TextField(str(DEFAULT_GOAL), id="goal", type="integer", compact=True)
            yield Static("", classes="preview")
            yield Static("Enter starts · Tab moves · Esc cancels", classes="hint")

    @on(Input.Submitted)
    def _start(self) -> None:
        minutes = _whole(self.query_one("#minutes", Input).value, 1, MAX_MINUTES)
        goal = _whole(self.query_one("#goal", Input).value, 1, MAX_GOAL)
        if minutes is None or goal is None:
            self.query_one(".preview", Static).update(
                line(("✗ ", "bold $text-error"),
                     (f"Minutes 1 to {MAX_MINUTES}, goal 1 to {MAX_GOAL}.", "$text-error"))
            )  # fmt: skip
            return
        self.dismiss(BlockPlan(minutes, goal))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _whole(text: str, low: int, high: int) -> int | None:
    try:
        value = int(text.strip())
    except ValueError:
        return None
    return value if low <= value <= high else None


LEFT_OPEN_WORDS = (
    "Its time ran out while the app was closed: counted to the last dial, pause or"
    " resume in it, not the time away."
)


class BlockSummaryScreen(Dialog[None]):
    """The block against its goal and against the rep's previous blocks."""

    CSS_PATH = Path(__file__).with_name("dialogs.tcss")
    BINDINGS = [Binding("escape,enter,q", "close", "Close", id="summary.close")]

    def __init__(
        self,
        block: CallBlock,
        numbers: BlockTally,
        previous: list[BlockTally],
        worked_s: float,
        *,
        left_open: bool = False,
    ) -> None:
        """`left_open`: its time ran out while the app was closed, and it is counted
        to the last thing done in it, which the rep is told (else "in 15 s" puzzles)."""
        super().__init__()
        self.block, self.numbers, self.previous, self.worked_s = block, numbers, previous, worked_s
        self.left_open = left_open

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._headline(), classes="title")
            if self.left_open:
                yield Static(line((LEFT_OPEN_WORDS, "$text-muted")))
            yield Static(self._table())
            yield Static("Enter or Esc closes", classes="hint")

    def _headline(self):
        done, goal = self.numbers.dials, self.block.goal_dials
        verdict = ("Goal reached!", "bold $text-success") if done >= goal else (
            f"{plural(int(goal - done), 'dial')} short of the goal.", "$text-warning")  # fmt: skip
        return line("Call block over: ", (f"{done:g} of {goal} dials", "bold"), " in ",
                    duration_words(self.worked_s), ". ", verdict)  # fmt: skip

    def _table(self) -> Table:
        table = Table(box=None, expand=True, pad_edge=False, header_style="bold")
        table.add_column("")
        for heading in ("dials", "connects", "with DM", "meetings", "dials/h", "wrap-up"):
            table.add_column(heading, justify="right")
        table.add_row("This block", *_cells(self.numbers))
        table.add_row("Goal", str(self.block.goal_dials), "", "", "", "", "")
        if self.previous:
            if len(self.previous) == 1:  # not "Average of last 1", "Best of those"
                table.add_row("Your last block", *_cells(self.previous[0]))
            else:
                average = _average(self.previous)
                table.add_row(f"Average of last {len(self.previous)}", *_cells(average))
                best = max(self.previous, key=lambda t: t.dials)
                table.add_row("Best of those", *_cells(best))
        else:
            table.add_row("Previous blocks", "none yet", "", "", "", "", "")
        return table

    def action_close(self) -> None:
        self.dismiss(None)


def _cells(numbers: BlockTally) -> list[str]:
    return [
        f"{numbers.dials:g}",
        f"{numbers.connects:g}",
        f"{numbers.decision_makers:g}",
        f"{numbers.meetings:g}",
        "–" if numbers.dials_per_hour is None else f"{numbers.dials_per_hour:.0f}",
        "–" if numbers.wrap_up_s is None else duration_words(numbers.wrap_up_s),
    ]


def _average(tallies: list[BlockTally]) -> BlockTally:
    count = len(tallies)

    def mean(values: list[float | None]) -> float | None:
        known = [v for v in values if v is not None]
        return sum(known) / len(known) if known else None

    return BlockTally(
        dials=round(sum(t.dials for t in tallies) / count, 1),
        connects=round(sum(t.connects for t in tallies) / count, 1),
        decision_makers=round(sum(t.decision_makers for t in tallies) / count, 1),
        meetings=round(sum(t.meetings for t in tallies) / count, 1),
        dials_per_hour=mean([t.dials_per_hour for t in tallies]),
        wrap_up_s=mean([t.wrap_up_s for t in tallies]),
    )
