"""What each outcome means for a prospect's next touch and status: the engine.

No answer or voicemail moves the prospect to the next step of its cadence,
planned inside the calling window and never past a cap. A conversation lets the
rep choose. When a cadence runs out, the prospect goes to the not-now list with
a date to come back: nothing is dropped silently. Do-not-call is forever.

The scheduler and the holiday calendars are imported where a plan is made: the
queue's judging needs only this module's words, and loading them at start-up
cost about 15 ms before the first rows showed.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

from msgspec import Struct
from pendulum import DateTime

from followup_tui.domain.calling_hours import WeekHours
from followup_tui.domain.caps import TouchTime
from followup_tui.domain.local_time import zone_of, zones_of
from followup_tui.domain.models import Prospect
from followup_tui.domain.policy import Policy
from followup_tui.domain.vocabulary import (  # re-exported: the engine's words
    CONVERSATIONS as CONVERSATIONS,
)
from followup_tui.domain.vocabulary import HOW_IT_CAME as HOW_IT_CAME
from followup_tui.domain.vocabulary import UNANSWERED as UNANSWERED
from followup_tui.domain.vocabulary import Channel as Channel
from followup_tui.domain.vocabulary import Outcome as Outcome
from followup_tui.domain.vocabulary import Status as Status

if TYPE_CHECKING:
    from followup_tui.domain.public_holidays import HolidayCalendar

MIN_GAP_HOURS = 1  # even a step with no wait comes at least this long after the last touch


OUTCOME_LABELS = {
    Outcome.NO_ANSWER: "no answer",
    Outcome.VOICEMAIL: "voicemail",
    Outcome.CONNECTED: "connected",
    Outcome.MEETING: "meeting booked",
    Outcome.NOT_INTERESTED: "not interested",
    Outcome.WRONG_NUMBER: "wrong number",
    Outcome.DO_NOT_CALL: "do not call",
    Outcome.SENT: "sent",
}


def outcome_label(outcome: str | None) -> str:
    if outcome is None:
        return "unlogged dial"
    try:
        return OUTCOME_LABELS[Outcome(outcome)]
    except ValueError:
        return outcome.replace("_", " ")


class Decision(StrEnum):
    """What happens next, chosen by the rep after a conversation or implied by an outcome."""

    FOLLOW_UP = "follow_up"  # carry on with the cadence
    CALLBACK = "callback"  # at a time the prospect gave
    MEETING = "meeting"
    NOT_NOW = "not_now"
    NOT_INTERESTED = "not_interested"
    DO_NOT_CALL = "do_not_call"


PARKED = frozenset({Status.NOT_NOW, Status.NOT_INTERESTED})
RETIRING = frozenset({Decision.NOT_NOW, Decision.NOT_INTERESTED})


def decision_for(outcome: Outcome) -> Decision:
    """The next step an outcome implies when the rep chose none."""
    return {
        Outcome.MEETING: Decision.MEETING,
        Outcome.NOT_INTERESTED: Decision.NOT_INTERESTED,
        Outcome.DO_NOT_CALL: Decision.DO_NOT_CALL,
    }.get(outcome, Decision.FOLLOW_UP)


class Plan(Struct, frozen=True):
    """The prospect's state after an outcome: what the store writes."""

    status: str
    next_touch_at: DateTime | None
    next_touch_is_callback: bool = False
    revisit_at: DateTime | None = None
    do_not_call: bool = False
    phone_bad: bool = False
    cadence_step: int = 0
    cadence_finished: bool = False
    task_kept: bool = False  # a call on a task step: the task stays due


def revisit_after(
    local_now: DateTime,
    days: int,
    zones: tuple[str, ...],
    hours: WeekHours,
    calendar: HolidayCalendar,
) -> DateTime:
    """The default return date of a parked prospect: `days` on, at the start of their
    calling window, moved off a weekend or public holiday to the next business day."""
    from followup_tui.domain.scheduler import first_window_day

    return first_window_day(local_now.add(days=days), zones, hours, calendar)


def plan_after(
    prospect: Prospect,
    outcome: Outcome,
    now: DateTime,
    policy: Policy,
    *,
    history: Sequence[TouchTime] = (),
    decision: Decision | None = None,
    callback_at: DateTime | None = None,
    revisit_at: DateTime | None = None,
    next_at: DateTime | None = None,
    keep_task: bool = False,
    channel: str | None = None,
    fallback_zone: str = "UTC",
) -> Plan:
    """What happens to `prospect` after `outcome`, logged at `now`.

    `history` holds the prospect's recent touches, the one being logged
    included, so the next touch is never planned past a cap. `next_at` is a
    next touch the rep chose (it wins over the cadence's). With `keep_task`, a
    call logged on an email, LinkedIn or letter step leaves that task due rather
    than skipping it, and so does an email sent on another step's day (`channel`
    says how the touch went): the step keeps its time, a promised callback its
    promise. Do-not-call is permanent: nothing here clears it.
    """
    from followup_tui.domain.public_holidays import calendar_for
    from followup_tui.domain.scheduler import after_wait, earliest_allowed

    decision = decision or (Decision.CALLBACK if callback_at else decision_for(outcome))
    phone_bad = prospect.phone_bad or outcome == Outcome.WRONG_NUMBER
    if prospect.do_not_call or decision == Decision.DO_NOT_CALL:
        return Plan(Status.DO_NOT_CALL, None, do_not_call=True, phone_bad=phone_bad,
                    cadence_step=prospect.cadence_step)  # fmt: skip
    local_now = now.in_tz(zone_of(prospect) or fallback_zone)
    zones = zones_of(prospect)
    hours = policy.rules.hours_for(prospect.phone_e164)
    calendar = calendar_for(prospect.phone_e164, zones)
    # A parked prospect that comes back starts its cadence again.
    step_done = prospect.cadence_step if prospect.status == Status.ACTIVE else 0
    if decision == Decision.MEETING:
        return Plan(Status.MEETING, None, phone_bad=phone_bad, cadence_step=step_done)
    if decision in RETIRING:
        status = Status.NOT_NOW if decision == Decision.NOT_NOW else Status.NOT_INTERESTED
        revisit = revisit_at or revisit_after(
            local_now, policy.revisit_days, zones, hours, calendar
        )
        return Plan(status, None, revisit_at=revisit, phone_bad=phone_bad, cadence_step=step_done)
    due_step = policy.cadence(prospect.cadence).step(step_done)
    promised = prospect.next_touch_at if prospect.next_touch_is_callback else None
    if (
        decision == Decision.FOLLOW_UP
        and outcome in UNANSWERED
        and prospect.status == Status.ACTIVE
        and promised is not None
        and promised > now
    ):  # dialed ahead of the callback they asked for, nobody answered: it still stands
        return Plan(Status.ACTIVE, promised, next_touch_is_callback=True, phone_bad=phone_bad,
                    cadence_step=step_done)  # fmt: skip
    # An email between steps (`M`, then `l`, on a call or LinkedIn day) is a touch of
    # its own: the step keeps its time, and a promised callback its promise.
    if (
        keep_task
        and decision == Decision.FOLLOW_UP
        and outcome == Outcome.SENT
        and prospect.status == Status.ACTIVE
        and channel is not None
        and due_step is not None
        and (prospect.next_touch_is_callback or channel != due_step.channel)
    ):
        return Plan(Status.ACTIVE, prospect.next_touch_at or now,
                    next_touch_is_callback=prospect.next_touch_is_callback, phone_bad=phone_bad,
                    cadence_step=step_done, task_kept=True)  # fmt: skip
    if (
        keep_task
        and decision == Decision.FOLLOW_UP
        and outcome != Outcome.SENT
        and not prospect.next_touch_is_callback
        and due_step is not None
        and not due_step.is_call
    ):
        still_due = next_at or min(prospect.next_touch_at or now, now)
        return Plan(Status.ACTIVE, still_due, phone_bad=phone_bad, cadence_step=step_done,
                    task_kept=True)  # fmt: skip
    next_index = step_done + 1
    if decision == Decision.FOLLOW_UP and next_at is not None:
        return Plan(Status.ACTIVE, next_at, phone_bad=phone_bad, cadence_step=next_index)
    if decision == Decision.CALLBACK and callback_at is not None:
        return Plan(Status.ACTIVE, callback_at, next_touch_is_callback=True, phone_bad=phone_bad,
                    cadence_step=next_index)  # fmt: skip
    step = policy.cadence(prospect.cadence).step(next_index)
    if step is None:
        # The cadence is done: a date to come back, never a silent drop.
        return Plan(
            Status.NOT_NOW,
            None,
            revisit_at=revisit_after(local_now, policy.revisit_days, zones, hours, calendar),
            phone_bad=phone_bad,
            cadence_step=next_index,
            cadence_finished=True,
        )
    rule = policy.rules.rule_for(prospect.phone_e164)
    next_at = earliest_allowed(
        max(after_wait(local_now, step.wait_days, calendar), now.add(hours=MIN_GAP_HOURS)),
        history=history,
        caps=policy.caps,
        zones=zones,
        hours=hours,
        is_call=step.is_call,
        calls_per_24h=rule.max_calls_per_24h if rule else None,
        calendar=calendar,
    )
    return Plan(Status.ACTIVE, next_at, phone_bad=phone_bad, cadence_step=next_index)
