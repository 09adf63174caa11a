import pendulum
import pytest

from followup_tui.domain.business_days import add_business_days, is_business_day


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        ((2026, 11, 23), 2, (2026, 11, 25)),  # Mon -> Wed
        ((2026, 11, 26), 2, (2026, 11, 30)),  # Thu -> Mon
        ((2026, 11, 27), 1, (2026, 11, 30)),  # Fri -> Mon
        ((2026, 11, 28), 1, (2026, 11, 30)),  # Sat -> Mon
        ((2026, 11, 29), 2, (2026, 12, 1)),  # Sun -> Tue
        ((2026, 11, 23), 0, (2026, 11, 23)),
        ((2026, 11, 23), 10, (2026, 12, 7)),
    ],
)
def test_business_days_skip_weekends(start, days, expected):
    moment = pendulum.datetime(*start, 10, 15, tz="America/Chicago")
    result = add_business_days(moment, days)
    assert (result.year, result.month, result.day) == expected
    assert (result.hour, result.minute) == (10, 15)
    assert is_business_day(result) or days == 0


def test_wall_time_is_kept_across_a_dst_change():
    friday = pendulum.datetime(2026, 10, 30, 10, 0, tz="America/Chicago")  # CDT, UTC-5
    tuesday = add_business_days(friday, 2)
    assert tuesday.hour == 10
    assert tuesday.in_tz("UTC").hour == 16  # CST, UTC-6


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_business_days(pendulum.now(), -1)
