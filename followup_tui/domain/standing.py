"""Where a prospect stands in its cadence, in the words of the header."""

from __future__ import annotations

from collections.abc import Sequence

from pendulum import DateTime

from followup_tui.domain.caps import TouchTime
from followup_tui.domain.display import due_text, touch_count_text, when_text
from followup_tui.domain.local_time import zone_of
from followup_tui.domain.models import Prospect
from followup_tui.domain.outcomes import Status
from followup_tui.domain.policy import Policy
from followup_tui.domain.queue import Candidate, current_step, due_at, held_text, judge


def standing_text(
    prospect: Prospect,
    recent: Sequence[TouchTime],
    now: DateTime,
    policy: Policy,
    fallback_zone: str,
) -> str:
    """'14 touches · step 4 of 12 · next: email Thu 10:15', or why they are held."""
    cadence = policy.cadence(prospect.cadence)
    step = current_step(prospect, policy)
    due = due_at(prospect)
    place = min(prospect.cadence_step + 1, cadence.length)
    where = f"{touch_count_text(prospect.touch_count)} · step {place} of {cadence.length}"
    if step is None or due is None:
        return where
    if due > now:
        local = due.in_tz(zone_of(prospect) or fallback_zone)
        return f"{where} · next: {step.label} {when_text(local, now)}"
    entry = judge(Candidate(prospect, recent=tuple(recent)), now, policy)
    if entry is None or not entry.held:
        return f"{where} · next: {step.label} now"
    return f"{where} · held: {held_text(entry, fallback_zone)}"


def found_standing(prospect: Prospect, now: DateTime) -> str:
    """Where a found prospect stands: 'due 2d late', 'due in 3d', 'meeting', 'DO NOT CALL'."""
    if prospect.do_not_call:
        return "DO NOT CALL"
    due = due_at(prospect)
    label = "" if prospect.status == Status.ACTIVE else prospect.status.replace("_", " ") + ", "
    if due is None:
        return label.rstrip(", ")
    return f"{label}{'back' if label else 'due'} {due_text(due, now)}"
