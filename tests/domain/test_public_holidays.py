"""Business days skip the public holidays of the number's country and state."""

import pendulum
import pytest

from followup_tui.domain.business_days import add_business_days
from followup_tui.domain.caps import Caps
from followup_tui.domain.models import Prospect
from followup_tui.domain.outcomes import Outcome, plan_after
from followup_tui.domain.policy import Policy
from followup_tui.domain.public_holidays import NO_HOLIDAYS, calendar_for
from followup_tui.domain.scheduler import earliest_allowed

CHICAGO = ("+13125550142", ("America/Chicago",))
LONDON = ("+442079460000", ("Europe/London",))
SYDNEY = ("+61291234567", ("Australia/Sydney",))

# (number, from this local day, two business days on lands here, and without holidays)
CASES = [
    pytest.param(CHICAGO, (2026, 11, 24), (2026, 11, 27), (2026, 11, 26), id="US Thanksgiving"),
    pytest.param(CHICAGO, (2026, 7, 1), (2026, 7, 6), (2026, 7, 3), id="US July 4 observed"),
    pytest.param(LONDON, (2026, 12, 23), (2026, 12, 29), (2026, 12, 25), id="UK Christmas"),
    pytest.param(SYDNEY, (2027, 1, 22), (2027, 1, 27), (2027, 1, 26), id="Australia Day"),
]


def test_the_number_tells_country_and_state():
    assert (calendar_for(*CHICAGO).country, calendar_for(*CHICAGO).subdivision) == ("US", "IL")
    assert calendar_for("+14155550100").subdivision == "CA"
    assert calendar_for("+14165550100").where == "CA-ON"
    assert calendar_for(*SYDNEY).where == "AU-NSW"
    assert calendar_for(*LONDON).country == "GB"
    assert calendar_for(None) is NO_HOLIDAYS


def test_uk_christmas_boxing_day_and_its_substitute():
    calendar = calendar_for(*LONDON)
    days = [pendulum.date(2026, 12, d) for d in (24, 25, 26, 28, 29)]
    assert [calendar.holiday(d) is not None for d in days] == [False, True, True, True, False]


@pytest.mark.parametrize(("phone", "start", "expected", "without"), CASES)
def test_add_business_days_skips_holidays(phone, start, expected, without):
    moment = pendulum.datetime(*start, 10, 15, tz=phone[1][0])
    landed = add_business_days(moment, 2, calendar_for(*phone))
    assert landed.date() == pendulum.date(*expected)
    assert (landed.hour, landed.minute) == (10, 15)
    assert add_business_days(moment, 2).date() == pendulum.date(*without)  # weekends only


@pytest.mark.parametrize(("phone", "start", "expected", "without"), CASES)
def test_the_next_cadence_touch_skips_holidays(phone, start, expected, without):
    """Step 2 of the persistent cadence is an email two business days on."""
    e164, zones = phone
    prospect = Prospect(id=1, name="Dana", phone_e164=e164, phone_zones=zones)
    logged = pendulum.datetime(*start, 10, 15, tz=zones[0]).in_tz("UTC")
    plan = plan_after(prospect, Outcome.NO_ANSWER, logged, Policy())
    assert plan.next_touch_at is not None
    assert plan.next_touch_at.in_tz(zones[0]).date() == pendulum.date(*expected)


def test_a_window_opening_on_a_holiday_moves_to_the_next_business_day():
    """21:30 the evening before Thanksgiving: the window next opens on the holiday."""
    e164, zones = CHICAGO
    evening = pendulum.datetime(2026, 11, 25, 21, 30, tz="America/Chicago")
    planned = earliest_allowed(
        evening, history=(), caps=Caps(), zones=zones,
        hours=Policy().rules.hours_for(e164), is_call=True, calendar=calendar_for(e164, zones),
    )  # fmt: skip
    assert planned.in_tz("America/Chicago") == pendulum.datetime(
        2026, 11, 27, 8, tz="America/Chicago"
    )


def test_a_revisit_lands_on_the_start_of_the_window_after_a_holiday():
    from followup_tui.domain.outcomes import Decision

    e164, zones = CHICAGO
    prospect = Prospect(id=1, name="Dana", phone_e164=e164, phone_zones=zones)
    # 2026-08-28 + 90 days is Thanksgiving, 26 Nov 2026.
    logged = pendulum.datetime(2026, 8, 28, 10, tz="America/Chicago").in_tz("UTC")
    policy = Policy()
    plan = plan_after(prospect, Outcome.CONNECTED, logged, policy, decision=Decision.NOT_NOW)
    assert plan.revisit_at == pendulum.datetime(2026, 11, 27, 8, tz="America/Chicago")
