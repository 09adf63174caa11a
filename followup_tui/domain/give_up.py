"""The give-up guard: one definition of giving up early, and of reaching the
decision maker, for the app's questions, the stats and the call block.

Reps give up after one or two touches; reaching an executive takes seven or
more. Retiring a prospect before that, without ever having spoken with the
decision maker, is giving up early, and the app asks first.
"""

from __future__ import annotations

from collections.abc import Iterable

from followup_tui.domain.cadence import MIN_TOUCHES
from followup_tui.domain.models import Touch
from followup_tui.domain.outcomes import CONVERSATIONS


def is_decision_maker_conversation(outcome: str | None, decision_maker: bool) -> bool:
    """A touch reached the decision maker when it was a conversation with them."""
    return decision_maker and outcome in CONVERSATIONS


def reached_decision_maker(touches: Iterable[Touch]) -> bool:
    return any(is_decision_maker_conversation(t.outcome, t.decision_maker) for t in touches)


def gives_up_early(touches_after: int, reached: bool) -> bool:
    """Whether retiring after `touches_after` touches is giving up too soon."""
    return touches_after < MIN_TOUCHES and not reached
