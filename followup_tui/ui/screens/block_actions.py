"""Call-block keys of the workspace: `b` starts or ends a block, `p` pauses it.

A mixin of WorkspaceScreen, beside CallActions: the block's life (start,
pause, resume, time up, summary) in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup_tui.domain.call_block import tally
from followup_tui.store import call_blocks as block_store
from followup_tui.ui.screens.call_block import BlockPlan, BlockSummaryScreen, StartBlockScreen
from followup_tui.ui.screens.confirm import ConfirmScreen
from followup_tui.ui.text import line, tell

if TYPE_CHECKING:
    from followup_tui.ui.screens.workspace import WorkspaceScreen

    _Base = WorkspaceScreen
else:
    _Base = object


class BlockActions(_Base):
    @property
    def block_id(self) -> int | None:
        """The block a touch logged now belongs to (none while paused)."""
        return self.block.id if self.block is not None and not self.block.paused else None

    def action_block(self) -> None:
        if self.block is None:
            self.app.push_screen(StartBlockScreen(), self._start_block)
            return
        if self.dial is not None:
            tell(self, "A dial is running: log its outcome, then b ends the block.",
                 severity="warning")  # fmt: skip
            return
        worked = int(self.block.worked_seconds(self.now) // 60)
        question = line("End the call block now? ", (f"{worked} min worked", "bold"), " so far.")

        def answered(yes: bool | None) -> None:
            if yes:
                self._end_block()

        self.app.push_screen(ConfirmScreen(question, "End it", "Keep going"), answered)

    def _start_block(self, plan: BlockPlan | None) -> None:
        if plan is None:
            return
        self.block = block_store.start_block(self.db, plan.minutes, plan.goal, self.now)
        tell(self, f"Call block started: {plan.minutes} minutes, goal {plan.goal} dials. "
                   "p pauses, b ends it.")  # fmt: skip
        self._update_status()

    def action_pause_block(self) -> None:
        if self.block is None:
            tell(self, "No call block running: b starts one.", severity="warning")
            return
        pausing = not self.block.paused
        self.block = block_store.set_paused(self.db, self.block.id, pausing, self.now)
        tell(self, "Block paused: p resumes." if pausing else "Block resumed.")
        self._update_status()

    def _check_block_time(self) -> None:
        """End the block when its time is up."""
        block = self.block
        if self.dial is not None:
            return  # the call in progress belongs to the block: end after it is logged
        if block is not None and not block.paused and block.remaining_seconds(self.now) <= 0:
            tell(self, "Time is up for this call block.")
            self._end_block()

    def _end_block(self) -> None:
        if self.block is None:
            return
        now = self.now
        ended = block_store.end_block(self.db, self.block.id, now)
        self.block = None
        numbers = tally(ended, block_store.block_touches(self.db, ended.id), now)
        previous = [
            tally(block, block_store.block_touches(self.db, block.id), block.ended_at or now)
            for block in block_store.previous_blocks(self.db, ended.id)
        ]
        self._update_status()
        self.app.push_screen(
            BlockSummaryScreen(ended, numbers, previous, ended.worked_seconds(now))
        )
