"""The plain records the store hands out and the UI renders."""

from __future__ import annotations

from typing import TYPE_CHECKING

from msgspec import Struct, field

if TYPE_CHECKING:  # the type only: nothing here calls pendulum
    from pendulum import DateTime


class PhoneNumber(Struct, frozen=True):
    """One of a prospect's numbers: `label` is direct, mobile, office or other (see
    domain.numbers); `bad` is the rep's wrong-number mark. `main` says it is the
    number mirrored in the prospect's phone_* columns; `id` is None for a number
    not stored yet."""

    label: str
    raw: str
    e164: str | None = None
    ext: str | None = None
    zones: tuple[str, ...] = ()
    problem: str | None = None
    bad: bool = False
    source: str = ""
    id: int | None = None
    position: int = 0
    main: bool = False

    @property
    def good(self) -> bool:
        """Dialable and not marked wrong."""
        return self.e164 is not None and not self.bad


class Prospect(Struct, frozen=True):
    id: int
    name: str
    title: str = ""
    company: str = ""
    email: str = ""
    phone_raw: str = ""
    phone_e164: str | None = None
    phone_ext: str | None = None
    phone_problem: str | None = None
    phone_bad: bool = False
    timezone: str | None = None
    phone_zones: tuple[str, ...] = ()
    status: str = "active"
    do_not_call: bool = False
    next_touch_at: DateTime | None = None
    next_touch_is_callback: bool = False
    revisit_at: DateTime | None = None
    source: str = ""
    touch_count: int = 0
    cadence: str = "persistent"
    cadence_step: int = 0  # index of the next step to do
    # Every number of the prospect, when the store read them (those with one number
    # may leave it empty: the phone_* fields above are that number; domain.numbers).
    numbers: tuple[PhoneNumber, ...] = ()


class Touch(Struct, frozen=True):
    id: int
    prospect_id: int
    channel: str
    outcome: str | None
    started_at: DateTime
    ended_at: DateTime | None = None
    duration_s: int | None = None  # the whole dial, from the first ring to the hang-up
    notes: str = ""
    decision_maker: bool = False
    connected_at: DateTime | None = None  # someone answered: talk time runs from here
    talk_s: int | None = None  # from the connection to the end of the call
    phone_id: int | None = None  # the number dialed (store's phones row), if known
    number: str | None = None  # and its E.164, as it was when dialed
    meeting_at: DateTime | None = None  # the meeting this touch booked, when it is


class Research(Struct, frozen=True):
    prospect_id: int
    reason_to_call: str = ""
    company_facts: str = ""
    pains_goals: str = ""
    notes: str = ""
    updated_at: DateTime | None = None


class Signal(Struct, frozen=True):
    id: int
    prospect_id: int
    kind: str
    occurred_at: DateTime
    detail: str = ""


class ProspectFile(Struct, frozen=True):
    """Everything the side panes show about one prospect."""

    prospect: Prospect
    touches: list[Touch] = field(default_factory=list)
    research: Research | None = None
    signals: list[Signal] = field(default_factory=list)


class DayCounts(Struct, frozen=True):
    """What the rep has done today, for the status line."""

    dials: int = 0
    connects: int = 0
    meetings: int = 0


class NewProspect(Struct, frozen=True):
    """A prospect about to be stored: from the sample data, an import or the rep."""

    name: str
    title: str = ""
    company: str = ""
    email: str = ""
    phone_raw: str = ""
    phone_e164: str | None = None
    phone_ext: str | None = None
    phone_problem: str | None = None
    phone_zones: tuple[str, ...] = ()
    timezone: str | None = None
    status: str = "active"
    do_not_call: bool = False
    next_touch_at: DateTime | None = None
    revisit_at: DateTime | None = None
    source: str = ""
    cadence: str = "persistent"
    cadence_step: int = 0
