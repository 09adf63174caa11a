"""What a use case answers: plain values the screen renders, never widgets.

A use case either did what was asked (and says what changed and what to tell
the rep), refused in words, or needs an answer first (a `Question`, with the
call that goes on once the rep says yes). Nothing is written before the rep
has answered every question.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from msgspec import Struct, field
from pendulum import DateTime

from followup_tui.domain.call_block import BlockTally, CallBlock
from followup_tui.domain.models import DayCounts, PhoneNumber, Prospect, ProspectFile, Touch

Severity = Literal["information", "warning", "error"]
# A piece of text and how it should stand out: "" plain, "name", "strong", "warning".
Part = tuple[str, str]


class Notice(Struct, frozen=True):
    text: str
    severity: Severity = "information"


class Question(Struct, frozen=True):
    """A yes/no question; `permanent` questions (what cannot be undone, or breaks a
    rule such as calling hours) take only an explicit yes. With
    `choices` ((key, words), ...) each choice is a yes that says which, and the
    result's `choose` goes on with the key pressed."""

    parts: tuple[Part, ...]
    yes: str = "Yes"
    no: str = "No"
    permanent: bool = False
    choices: tuple[tuple[str, str], ...] = ()


class Numbers(Struct, frozen=True):
    """What the status line shows: today's counts, the queue sizes, the block."""

    day: DayCounts = field(default_factory=DayCounts)
    due: int = 0
    held: int = 0
    block: CallBlock | None = None
    block_tally: BlockTally | None = None
    next_due: DateTime | None = None  # when an empty queue gets its next prospect
    complete: bool = True  # False while only the first page is read: due and held are more


class BlockSummary(Struct, frozen=True):
    block: CallBlock
    tally: BlockTally
    previous: tuple[BlockTally, ...]
    worked_s: float
    left_open: bool = False  # its time ran out while the app was closed


class Result(Struct, frozen=True):
    """What a use case did. `question` set: nothing was written; `again` goes on."""

    notice: Notice | None = None
    question: Question | None = None
    again: Callable[[], Result] | None = None
    choose: Callable[[str], Result] | None = None  # goes on after a choice question
    changed: frozenset[int] = frozenset()
    show: int | None = None  # the prospect the screen should show next
    logged: int | None = None  # the prospect an outcome was logged for
    numbers: Numbers | None = None
    summary: BlockSummary | None = None
    failed: bool = False  # refused or went wrong: the screen keeps what the rep did
    stale: bool = False  # another program wrote: read the whole queue again


class FileView(Struct, frozen=True):
    """Everything the side panes show about one prospect."""

    file: ProspectFile
    standing: str  # '14 touches · step 4 of 12 · next: email Thu 10:15', or why held
    numbers: tuple[PhoneNumber, ...] = ()  # the one `d` dials now first, then the others


class Running(Struct, frozen=True):
    """The dial in progress, for the status line and the questions. Its touch
    carries when someone answered (`connected_at`) and when the rep hung up
    (`ended_at`)."""

    touch: Touch
    prospect: Prospect
    skip_task: bool = False  # the rep chose to skip today's email, LinkedIn or letter step
    next_at: DateTime | None = None  # `s` during the dial: the next touch the rep chose
    late: bool = False  # a dial left unlogged, finished later: its length is unknown
    number: PhoneNumber | None = None  # the number dialed (None: not known, or none)
    decision_maker: bool = False  # an undone outcome said so: `c` starts ticked

    @property
    def connected(self) -> bool:
        return self.touch.connected_at is not None

    @property
    def hung_up(self) -> bool:
        return self.touch.ended_at is not None


class Found(Struct, frozen=True):
    text: str
    prospects: tuple[Prospect, ...] = field(default_factory=tuple)
    more: bool = False  # more match than are shown: typing more narrows them
