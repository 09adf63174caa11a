"""What each outcome means for a prospect's next touch and status.

Until the cadence engine exists, the follow-up after a missed call is two
business days later at the same local hour: gentle, not daily.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pendulum import DateTime

from followup_tui.domain.business_days import add_business_days
from followup_tui.domain.models import Prospect

FOLLOW_UP_BUSINESS_DAYS = 2
REVISIT_DAYS = 90


class Channel(StrEnum):
    CALL = "call"
    EMAIL = "email"
    LINKEDIN = "linkedin"
    LETTER = "letter"
    TEXT = "text"


class Outcome(StrEnum):
    NO_ANSWER = "no_answer"
    VOICEMAIL = "voicemail"
    CONNECTED = "connected"
    MEETING = "meeting"
    NOT_INTERESTED = "not_interested"
    WRONG_NUMBER = "wrong_number"
    DO_NOT_CALL = "do_not_call"
    SENT = "sent"


class Status(StrEnum):
    ACTIVE = "active"
    NOT_NOW = "not_now"
    MEETING = "meeting"
    NOT_INTERESTED = "not_interested"
    DO_NOT_CALL = "do_not_call"


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

# Outcomes in which the rep spoke with someone.
CONVERSATIONS = frozenset(
    {Outcome.CONNECTED, Outcome.MEETING, Outcome.NOT_INTERESTED, Outcome.DO_NOT_CALL}
)


def outcome_label(outcome: str | None) -> str:
    if outcome is None:
        return "unlogged dial"
    try:
        return OUTCOME_LABELS[Outcome(outcome)]
    except ValueError:
        return outcome.replace("_", " ")


@dataclass(frozen=True)
class Plan:
    """The prospect's state after an outcome: what the store writes."""

    status: str
    next_touch_at: DateTime | None
    next_touch_is_callback: bool = False
    revisit_at: DateTime | None = None
    do_not_call: bool = False
    phone_bad: bool = False


def follow_up_after(local_now: DateTime) -> DateTime:
    """The default next touch: two business days on, same local hour and minute."""
    return add_business_days(local_now.start_of("minute"), FOLLOW_UP_BUSINESS_DAYS)


def plan_after(
    prospect: Prospect,
    outcome: Outcome,
    local_now: DateTime,
    callback_at: DateTime | None = None,
) -> Plan:
    """What happens to `prospect` after `outcome`, logged at `local_now` (their zone).

    `callback_at` is a time the prospect asked to be called back, which beats
    the default follow-up. Do-not-call is permanent: nothing here clears it.
    """
    if prospect.do_not_call or outcome == Outcome.DO_NOT_CALL:
        return Plan(Status.DO_NOT_CALL, None, do_not_call=True, phone_bad=prospect.phone_bad)
    if outcome == Outcome.MEETING:
        return Plan(Status.MEETING, None, phone_bad=prospect.phone_bad)
    if outcome == Outcome.NOT_INTERESTED:
        revisit = local_now.start_of("day").add(days=REVISIT_DAYS).set(hour=local_now.hour)
        return Plan(Status.NOT_INTERESTED, None, revisit_at=revisit, phone_bad=prospect.phone_bad)
    phone_bad = prospect.phone_bad or outcome == Outcome.WRONG_NUMBER
    if callback_at is not None:
        return Plan(Status.ACTIVE, callback_at, next_touch_is_callback=True, phone_bad=phone_bad)
    return Plan(Status.ACTIVE, follow_up_after(local_now), phone_bad=phone_bad)
