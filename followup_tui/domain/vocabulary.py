"""The words of the touch history: channels, outcomes and statuses.

Apart from the engine (domain/outcomes.py, which re-exports them) so that what
only counts touches, such as `followup stats`, loads none of its scheduling.
"""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    CALL = "call"
    EMAIL = "email"
    LINKEDIN = "linkedin"
    LETTER = "letter"
    TEXT = "text"
    IN_PERSON = "in_person"
    OTHER = "other"


# How a touch came when no dial ran in the app: the rep says, with one key.
HOW_IT_CAME = (
    (Channel.CALL, "c", "by phone"),
    (Channel.EMAIL, "e", "by email"),
    (Channel.IN_PERSON, "p", "in person"),
    (Channel.OTHER, "o", "another way"),
)


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
    """A prospect's place: in the cadence, parked with a revisit date, or out."""

    ACTIVE = "active"
    NOT_NOW = "not_now"
    MEETING = "meeting"
    NOT_INTERESTED = "not_interested"
    DO_NOT_CALL = "do_not_call"


# Outcomes that say nobody picked up: a call marked answered (`c`) contradicts them.
UNANSWERED = frozenset({Outcome.NO_ANSWER, Outcome.VOICEMAIL})

# Outcomes in which the rep spoke with someone.
CONVERSATIONS = frozenset(
    {Outcome.CONNECTED, Outcome.MEETING, Outcome.NOT_INTERESTED, Outcome.DO_NOT_CALL}
)
