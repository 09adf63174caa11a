"""A hold is a value: its kind decides what the rep may do and what a row shows."""

import pendulum
import pytest

from followup_tui.domain.caps import Caps, TouchTime, cap_hold
from followup_tui.domain.holds import Hold, HoldKind
from followup_tui.domain.models import Prospect
from followup_tui.domain.policy import Policy
from followup_tui.domain.queue import (
    Candidate,
    build_queue,
    hold_for,
    hold_reason_and_opening,
    judge,
    short_hold,
)

POLICY = Policy()
NOW = pendulum.datetime(2026, 11, 23, 13, 30, tz="UTC")  # 07:30 Chicago, 13:30 London
CHICAGO = dict(phone_e164="+13125550142", phone_zones=("America/Chicago",))
LONDON = dict(phone_e164="+442079460123", phone_zones=("Europe/London",))


def prospect(pid=1, **fields):
    return Prospect(id=pid, name=f"P{pid}", next_touch_at=NOW.subtract(hours=1), **fields)


@pytest.mark.parametrize(
    ("fields", "kind", "overridable", "tag"),
    [
        (dict(phone_bad=True, **LONDON), HoldKind.WRONG_NUMBER, False, "bad number"),
        (dict(phone_problem="too short"), HoldKind.NO_NUMBER, False, "no number"),
        (dict(phone_e164="+80012345678"), HoldKind.NO_ZONE, False, "no zone"),
        (CHICAGO, HoldKind.HOURS, True, "hours 08:00"),
    ],
)
def test_each_hold_has_a_kind_that_says_whether_the_rep_may_dial_anyway(
    fields, kind, overridable, tag
):
    hold = hold_for(prospect(**fields), None, (), NOW, POLICY)
    assert isinstance(hold, Hold) and hold.kind == kind and hold.overridable is overridable
    entry = judge(Candidate(prospect(**fields)), NOW, POLICY)
    assert entry.hold == hold and entry.held_reason == hold.reason
    assert short_hold(entry, NOW, "UTC") == tag


def test_a_cap_hold_lifts_by_itself_and_may_be_overridden():
    recent = [TouchTime(NOW.subtract(days=2)), TouchTime(NOW.subtract(days=5))]
    hold = hold_for(prospect(**LONDON), None, recent, NOW, POLICY)
    assert hold == Hold(HoldKind.CAP, "cap: weekly cap of 2 reached", NOW.add(days=2))
    assert hold.overridable
    assert hold_reason_and_opening(prospect(**LONDON), None, recent, NOW, POLICY) == (
        "cap: weekly cap of 2 reached",
        NOW.add(days=2),
    )


def test_no_hold_is_none():
    assert hold_for(prospect(**LONDON), None, (), NOW, POLICY) is None
    assert hold_reason_and_opening(prospect(**LONDON), None, (), NOW, POLICY) == (None, None)


def test_tags_follow_the_kind_not_the_words():
    # A problem text that reads like another hold must not change the row's tag.
    odd = prospect(phone_problem="wrong format: time zone unknown")
    entry = build_queue([Candidate(odd)], NOW, POLICY).held[0]
    assert entry.hold.kind == HoldKind.NO_NUMBER
    assert short_hold(entry, NOW, "UTC") == "no number"


def test_judging_many_at_once_answers_as_judging_each_alone():
    """The build caches windows by zone set and rules by number prefix: the answers
    must be those of judging every prospect on its own."""
    phones = [
        CHICAGO, LONDON,
        dict(phone_e164="+13055550100", phone_zones=("America/New_York",)),  # Florida rule
        dict(phone_e164="+19075550111", phone_zones=("America/Adak", "America/Anchorage")),
        dict(phone_e164="+61255501234", phone_zones=("Australia/Sydney",)),
        dict(phone_e164="+61855501234", phone_zones=("Australia/Adelaide", "Australia/Perth")),
        dict(phone_e164="+441534555123", phone_zones=("Europe/Jersey",)),
        dict(phone_e164="+13125550199", phone_zones=("America/Chicago",), timezone="Asia/Tokyo"),
    ]  # fmt: skip
    for now in (NOW, NOW.add(hours=5), NOW.add(days=5, hours=10)):  # Mon, Mon pm, Sat night
        candidates = [
            Candidate(
                prospect(pid, cadence_step=pid % 3, **phones[pid % len(phones)]),
                recent=tuple(TouchTime(now.subtract(hours=h)) for h in range(pid % 4)),
            )
            for pid in range(1, 41)
        ]
        queue = build_queue(candidates, now, POLICY)
        alone = {c.prospect.id: judge(c, now, POLICY) for c in candidates}
        for entry in queue.ready + queue.held:
            assert entry == alone[entry.prospect.id]


@pytest.mark.parametrize(
    ("zone", "day"),
    [
        ("America/Chicago", pendulum.datetime(2026, 3, 7, 18, tz="UTC")),  # eve of US DST
        ("Europe/London", pendulum.datetime(2026, 10, 24, 18, tz="UTC")),  # eve of UK's end
        ("America/Santiago", pendulum.datetime(2026, 9, 5, 18, tz="UTC")),  # midnight skipped
    ],
)
def test_touched_today_lifts_at_their_next_midnight_across_clock_changes(zone, day):
    hold = cap_hold(day, [TouchTime(day.subtract(hours=1))], Caps(), zone=zone, is_call=True)
    local = day.in_tz(zone)
    assert hold is not None and hold.reason == "already touched today"
    assert hold.opens_at == local.start_of("day").add(days=1)


def test_two_holds_on_one_dial_are_said_together_and_lift_with_the_later():
    import pendulum

    from followup_tui.domain.holds import capped, outside_hours, together

    early, late = pendulum.datetime(2026, 11, 24, 9), pendulum.datetime(2026, 11, 30, 9)
    both = together(capped("weekly cap of 2 reached", late), outside_hours(early))
    assert both is not None and both.overridable
    assert both.reason == "cap: weekly cap of 2 reached, and outside calling hours now"
    assert both.opens_at == late
    assert together(None, outside_hours(early)) == outside_hours(early)
    assert together(None, None) is None
