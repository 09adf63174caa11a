"""A cap opens on a quarter hour, as every time the app chooses, and never before the
cap allows: a touch at 10:58 holds the weekly cap until 11:00 a week on (not 10:58,
and never 10:45). The queue's hold, the dial question and the scheduler agree on it."""

from __future__ import annotations

from datetime import UTC, datetime

import pendulum
import pytest

from followup_tui.domain.caps import Caps, TouchTime, cap_hold
from followup_tui.domain.clock import to_iso
from followup_tui.domain.models import Prospect
from followup_tui.domain.policy import Policy
from followup_tui.domain.quarter_hour import on_a_quarter_hour
from followup_tui.domain.queue import Candidate, hold_for, judge, short_hold
from followup_tui.domain.scheduler import earliest_allowed
from tests.conftest import NOW
from tests.session.conftest import on_file

POLICY = Policy()
ZONE = "America/Chicago"
CHICAGO = dict(phone_e164="+13125550142", phone_zones=(ZONE,))
TOUCHED = pendulum.datetime(2026, 11, 16, 10, 58, tz=ZONE)  # Monday, a week before NOW's
HISTORY = [TouchTime(TOUCHED), TouchTime(TOUCHED.add(days=3))]  # the weekly cap of 2
ELEVEN = pendulum.datetime(2026, 11, 23, 11, tz=ZONE)  # a week on, on the quarter hour
MORNING = ELEVEN.set(hour=9)


def _opening(*touches: pendulum.DateTime, at: pendulum.DateTime) -> pendulum.DateTime:
    hold = cap_hold(at, [TouchTime(t) for t in touches], Caps(), zone=ZONE, is_call=True)
    assert hold is not None and hold.reason == "weekly cap of 2 reached"
    return hold.opens_at


def test_a_touch_at_10_58_holds_the_weekly_cap_until_11_00_a_week_on():
    opens = _opening(*(h.at for h in HISTORY), at=MORNING)
    assert opens == ELEVEN
    assert opens.in_tz(ZONE).format("ddd HH:mm") == "Mon 11:00"


@pytest.mark.parametrize(
    ("touched", "opens"),
    [
        ((10, 58, 0), (11, 0)),
        ((10, 45, 0), (10, 45)),  # on a quarter hour already: it stays
        ((10, 46, 0), (11, 0)),
        ((10, 45, 20), (11, 0)),  # 10:45 would be 20 seconds before the cap allows
        ((11, 0, 0), (11, 0)),
    ],
)
def test_the_opening_is_the_quarter_hour_at_or_after_the_cap_lifts(touched, opens):
    hour, minute, second = touched
    first = TOUCHED.set(hour=hour, minute=minute, second=second)
    opening = _opening(first, first.add(days=3), at=MORNING)
    assert opening == ELEVEN.set(hour=opens[0], minute=opens[1])
    assert opening >= first.add(days=7)  # never before the cap allows


def test_the_caps_round_with_the_schedulers_function_on_either_kind_of_datetime():
    """The caps round a stdlib datetime in UTC (cheaper, once per held row); the
    scheduler a pendulum one on their clock: the same quarter hour either way."""
    local = TOUCHED.set(second=20)
    plain = datetime.fromtimestamp(local.timestamp(), UTC)
    assert on_a_quarter_hour(local) == on_a_quarter_hour(plain) == ELEVEN.subtract(days=7)
    assert type(on_a_quarter_hour(local)) is pendulum.DateTime
    assert type(on_a_quarter_hour(plain)) is datetime


def test_the_cap_holds_until_its_opening_not_only_until_it_lifts():
    """At 10:59 the touch is a week and a minute old, yet the cap says 11:00: it holds
    till then, with the same opening, and lifts at 11:00 exactly."""
    before = ELEVEN.subtract(minutes=1)
    assert _opening(*(h.at for h in HISTORY), at=before) == ELEVEN
    assert _opening(*(h.at for h in HISTORY), at=ELEVEN.subtract(seconds=1)) == ELEVEN
    assert cap_hold(ELEVEN, HISTORY, Caps(), zone=ZONE, is_call=True) is None


def test_a_state_limit_of_calls_in_24_hours_opens_on_a_quarter_hour_too():
    calls = [TouchTime(ELEVEN.set(hour=8, minute=7))]
    caps = Caps(touches_per_week=10, touches_per_day=10)
    hold = cap_hold(ELEVEN, calls, caps, zone=ZONE, is_call=True, calls_per_24h=1)
    assert hold is not None and hold.reason == "state limit of 1 calls in 24 hours"
    assert hold.opens_at == ELEVEN.add(days=1).set(hour=8, minute=15)
    tomorrow = ELEVEN.add(days=1).set(hour=8, minute=10)
    assert cap_hold(tomorrow, calls, caps, zone=ZONE, is_call=True, calls_per_24h=1) is not None


def test_the_daily_cap_opens_at_their_midnight_as_before():
    hold = cap_hold(ELEVEN, [TouchTime(MORNING)], Caps(), zone=ZONE, is_call=True)
    assert hold is not None and hold.reason == "already touched today"
    assert hold.opens_at == ELEVEN.add(days=1).start_of("day")


def test_the_scheduler_plans_at_the_opening_the_cap_shows():
    planned = earliest_allowed(
        MORNING,
        history=HISTORY,
        caps=Caps(),
        zones=(ZONE,),
        hours=POLICY.rules.hours_for(CHICAGO["phone_e164"]),
        is_call=True,
    )
    assert planned == ELEVEN
    assert cap_hold(planned, HISTORY, Caps(), zone=ZONE, is_call=True) is None


def test_the_queue_holds_until_the_same_opening_and_not_a_minute_less():
    prospect = Prospect(id=1, name="P1", next_touch_at=MORNING.subtract(hours=1), **CHICAGO)
    entry = judge(Candidate(prospect, recent=tuple(HISTORY)), MORNING, POLICY)
    assert entry.hold is not None and entry.hold.reason == "cap: weekly cap of 2 reached"
    assert entry.opens_at == ELEVEN
    assert short_hold(entry, MORNING, "UTC") == "cap 11:00"
    late = hold_for(prospect, None, HISTORY, ELEVEN.subtract(minutes=1), POLICY)
    assert late is not None and late.opens_at == ELEVEN
    assert hold_for(prospect, None, HISTORY, ELEVEN, POLICY) is None


def _question(result) -> str:
    assert result.question is not None
    return "".join(text for text, _ in result.question.parts)


def test_the_dial_question_and_the_held_row_say_the_same_quarter_hour(sample_db, frozen):
    """NOW is Mon 09:30 in New York; a call last Tuesday at 10:58 there (and one on
    Friday) hold the weekly cap till Tue 11:00: the held row says it, `d` asks with
    it, at 10:59 both still hold, and at 11:00 both let the call through."""
    first = on_file(sample_db)
    untouched = {pid for (pid,) in sample_db.execute(
        "SELECT id FROM prospects WHERE id NOT IN (SELECT prospect_id FROM touches)")}  # fmt: skip
    prospect_id = next(
        e.prospect.id
        for e in first.queue.ready
        if e.prospect.phone_zones == ("America/New_York",)
        and not e.prospect.timezone
        and e.step is not None
        and e.step.is_call
        and e.prospect.id in untouched
    )
    first.store.close()
    new_york = "America/New_York"
    touched = pendulum.datetime(2026, 11, 17, 10, 58, tz=new_york)
    for at in (touched, touched.add(days=3)):
        when = to_iso(at.in_tz("UTC"))
        sample_db["touches"].insert({"prospect_id": prospect_id, "channel": "call",
                                     "outcome": "no_answer", "started_at": when,
                                     "created_at": when})  # fmt: skip
    session = on_file(sample_db)
    try:
        opening = pendulum.datetime(2026, 11, 24, 11, tz=new_york)
        entry = session.queue.entry(prospect_id)
        assert entry is not None and entry.hold is not None
        assert entry.hold.reason == "cap: weekly cap of 2 reached"
        assert entry.opens_at == opening
        asked = _question(session.dial(prospect_id))
        assert "weekly cap of 2 reached (allowed from Tue 11:00 their time)" in asked
        frozen.advance((opening.subtract(minutes=1) - NOW).total_seconds())
        session.catch_up()
        entry = session.queue.entry(prospect_id)
        assert entry is not None and entry.held and entry.opens_at == opening
        assert "allowed from Tue 11:00 their time" in _question(session.dial(prospect_id))
        frozen.advance(60)
        session.catch_up()
        entry = session.queue.entry(prospect_id)
        assert entry is not None and not entry.held
        dialed = session.dial(prospect_id)
        assert dialed.question is None and session.running is not None
    finally:
        session.store.close()
