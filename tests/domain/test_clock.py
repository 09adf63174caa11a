import pendulum
import pytest

from followup_tui.domain import clock


def test_followup_now_sets_the_start_and_the_clock_runs_on(monkeypatch):
    ticks = iter([100.0, 100.0, 107.5])
    monkeypatch.setattr(clock.time, "monotonic", lambda: next(ticks))
    running = clock.clock_from_env({"FOLLOWUP_NOW": "2026-11-23T07:30:00-06:00"})
    assert running.now() == pendulum.datetime(2026, 11, 23, 13, 30, tz="UTC")
    assert running.now() == pendulum.datetime(2026, 11, 23, 13, 30, 7, 500000, tz="UTC")


def test_without_followup_now_the_clock_is_real():
    before = pendulum.now("UTC")
    assert clock.clock_from_env({}).now() >= before


@pytest.mark.parametrize(
    "text", ["2026-11-23", "2026-11-23T07:30:00", "yesterday", "", "2026-13-01T00:00:00Z"]
)
def test_followup_now_must_be_a_moment_with_an_offset(text):
    if not text:
        return  # empty means "real clock", covered above
    with pytest.raises(clock.ClockError):
        clock.parse_instant(text)


def test_frozen_clock_moves_only_when_advanced():
    fixed = clock.Clock(pendulum.datetime(2026, 1, 1, tz="UTC"), frozen=True)
    assert fixed.now() == fixed.now()
    fixed.advance(42)
    assert fixed.now() == pendulum.datetime(2026, 1, 1, 0, 0, 42, tz="UTC")


def test_iso_storage_form_is_utc_and_sortable():
    moment = pendulum.datetime(2026, 3, 8, 1, 59, 59, tz="America/Chicago")
    assert clock.to_iso(moment) == "2026-03-08T07:59:59Z"
    assert clock.from_iso(clock.to_iso(moment)) == moment


def test_rep_zone_prefers_env_then_config():
    assert clock.rep_zone({"FOLLOWUP_TZ": "Europe/London"}, "America/Denver") == "Europe/London"
    assert clock.rep_zone({}, "America/Denver") == "America/Denver"
    with pytest.raises(clock.ClockError):
        clock.rep_zone({"FOLLOWUP_TZ": "Mars/Olympus"})


def test_unknown_zone_from_phonenumbers_is_not_a_zone():
    assert not clock.is_known_zone("Etc/Unknown")
    assert not clock.is_known_zone(None)
    assert clock.is_known_zone("Pacific/Honolulu")
