import pendulum

from followup_tui.domain.caps import Caps, TouchTime, cap_hold

ZONE = "America/Chicago"
MON = pendulum.datetime(2026, 11, 23, 10, tz=ZONE)


def test_two_touches_a_week_then_wait_for_the_oldest_to_age_out():
    history = [TouchTime(MON.subtract(days=6)), TouchTime(MON.subtract(days=1))]
    hold = cap_hold(MON, history, Caps(), zone=ZONE, is_call=True)
    assert hold is not None and hold.reason == "weekly cap of 2 reached"
    assert hold.opens_at == MON.subtract(days=6).add(days=7)
    assert cap_hold(hold.opens_at, history, Caps(), zone=ZONE, is_call=True) is None


def test_one_touch_a_day_in_their_local_day():
    history = [TouchTime(MON.set(hour=8))]
    hold = cap_hold(MON, history, Caps(), zone=ZONE, is_call=True)
    assert hold.reason == "already touched today"
    assert hold.opens_at == MON.add(days=1).start_of("day")


def test_state_limit_of_calls_in_24_hours():
    caps = Caps(touches_per_week=10, touches_per_day=10)
    calls = [TouchTime(MON.subtract(hours=h)) for h in (20, 10, 2)]
    hold = cap_hold(MON, calls, caps, zone=ZONE, is_call=True, calls_per_24h=3)
    assert hold.reason == "state limit of 3 calls in 24 hours" and hold.opens_at == MON.subtract(
        hours=20
    ).add(hours=24)
    assert cap_hold(MON, calls, caps, zone=ZONE, is_call=False, calls_per_24h=3) is None


def test_no_history_no_hold():
    assert cap_hold(MON, [], Caps(), zone=ZONE, is_call=True) is None
