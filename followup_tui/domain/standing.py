"""Where a prospect stands in its cadence, in the words of the header.

The header promises only what the queue will do: a call to a number marked
wrong is held until the rep finds a new one, so it never reads "next: call Thu";
a parked prospect says when it comes back, with its date, and that its cadence
starts again from the first step.
"""

from __future__ import annotations

from collections.abc import Sequence

from pendulum import DateTime

from followup_tui.domain.cadence import Step
from followup_tui.domain.caps import TouchTime
from followup_tui.domain.display import due_text, touch_count_text, when_text
from followup_tui.domain.holds import Hold
from followup_tui.domain.local_time import zone_of
from followup_tui.domain.models import Prospect
from followup_tui.domain.outcomes import PARKED, Status
from followup_tui.domain.policy import Policy
from followup_tui.domain.queue import (
    CALLBACK_STEP,
    Candidate,
    current_step,
    due_at,
    held_text,
    hold_for,
    judge,
    their_clock,
)


def standing_text(
    prospect: Prospect,
    recent: Sequence[TouchTime],
    now: DateTime,
    policy: Policy,
    fallback_zone: str,
) -> str:
    """'14 touches · step 4 of 12 · next: email Thu 10:15', or why they are held:
    '... · held: wrong number: find a new one (call due Thu 10:15)'; a parked one:
    '3 touches · back Mon 18 Jan 09:00: call, step 1 of 12'; a promised callback, at
    the time they gave: '3 touches · next: callback Thu 15:00 their time'."""
    cadence = policy.cadence(prospect.cadence)
    step = current_step(prospect, policy)
    due = due_at(prospect)
    touches = touch_count_text(prospect.touch_count)
    if out_of_cadence(prospect):  # no step is next: "step 1 of 12" read as if
        return f"{touches} · out of the cadence"  # it went on; the badge says why
    index = prospect.cadence_step if prospect.status == Status.ACTIVE else 0
    place = f"step {min(index + 1, cadence.length)} of {cadence.length}"
    where = f"{touches} · {place}"
    if step is None or due is None:
        return where
    callback = step is CALLBACK_STEP
    if due > now:
        at, waiting = _when_it_comes(prospect, step, recent, due, policy)
        when = when_text(at.in_tz(zone_of(prospect) or fallback_zone), now)
        if callback and not waiting:  # a time they gave: whose clock it is on matters
            return f"{touches} · next: callback {when} their time"
        if prospect.status in PARKED:
            held = f" · held: {waiting.reason}" if waiting else ""
            return f"{touches} · back {when}: {step.label}, {place}{held}"
        if waiting:
            return f"{where} · held: {waiting.reason} ({step.label} due {when})"
        return f"{where} · next: {step.label} {when}"
    entry = judge(Candidate(prospect, recent=tuple(recent)), now, policy)
    if entry is None or not entry.held:
        if callback:
            asked = their_clock(prospect, due, now, fallback_zone)
            return f"{touches} · callback due since {asked} their time"
        return f"{where} · next: {step.label} now"
    return f"{where} · held: {held_text(entry, fallback_zone, now)}"


def out_of_cadence(prospect: Prospect) -> bool:
    """No touch comes next: a meeting booked, do-not-call, or parked with no date to
    come back (the header's badge or booked meeting says which)."""
    if prospect.do_not_call:
        return True
    return prospect.status != Status.ACTIVE and due_at(prospect) is None


def _when_it_comes(
    prospect: Prospect, step: Step, recent: Sequence[TouchTime], due: DateTime, policy: Policy
) -> tuple[DateTime, Hold | None]:
    """A touch due later, judged as the queue will judge it at `due`: when it really
    comes up (a window or cap that is shut then moves it to their opening), and the
    hold that waits on the rep (a wrong number, no number, no zone), if any: then no
    time is promised."""
    hold = hold_for(prospect, step, recent, due, policy)
    if hold is None:
        return due, None
    if hold.opens_at is None:
        return due, hold
    return hold.opens_at, None


def found_standing(prospect: Prospect, now: DateTime) -> str:
    """Where a found prospect stands: 'due 2d late', 'due in 3d', 'meeting', 'DO NOT
    CALL'; a parked one: 'not now, back in 21d', or once that day has come 'not now,
    due again, 18d late'."""
    if prospect.do_not_call:
        return "DO NOT CALL"
    due = due_at(prospect)
    label = "" if prospect.status == Status.ACTIVE else prospect.status.replace("_", " ") + ", "
    if due is None:
        return label.rstrip(", ")
    if not label:
        return f"due {due_text(due, now)}"
    return f"{label}{'due again,' if due <= now else 'back'} {due_text(due, now)}"
