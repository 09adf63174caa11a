"""Which of a prospect's numbers is the main one, and which `d` dials now."""

from __future__ import annotations

import pendulum
from msgspec.structs import replace

from followup_tui.domain.calling_hours import load_rules
from followup_tui.domain.models import PhoneNumber, Prospect
from followup_tui.domain.numbers import best_number, main_number, no_good_number_left
from followup_tui.domain.policy import Policy
from followup_tui.domain.queue import hold_for

# 17:30 in New York, 14:30 in Los Angeles on a Monday: the default window is 08:00-21:00
# there, so both are open; at 21:30 New York (18:30 Los Angeles) only LA is.
LATE = pendulum.datetime(2026, 11, 24, 2, 30, tz="UTC")  # Mon 21:30 NY, 18:30 LA
NY = ("America/New_York",)
LA = ("America/Los_Angeles",)
DIRECT = PhoneNumber("direct", "212 555 0101", "+12125550101", zones=NY, id=1, main=True)
MOBILE = PhoneNumber("mobile", "415 555 0102", "+14155550102", zones=LA, id=2, position=1)
OFFICE = PhoneNumber("office", "212 555 0100", "+12125550100", zones=NY, id=3, position=2)


def prospect(*numbers: PhoneNumber, bad: bool = False) -> Prospect:
    main = main_number(numbers)
    assert main is not None
    return Prospect(1, "Ada", phone_raw=main.raw, phone_e164=main.e164,
                    phone_zones=main.zones, phone_bad=bad, numbers=numbers,
                    next_touch_at=LATE.subtract(hours=1))  # fmt: skip


def test_the_main_number_is_the_first_good_one_direct_then_mobile_then_office():
    assert main_number([OFFICE, MOBILE, DIRECT]) == DIRECT
    wrong = PhoneNumber("direct", "x", "+12125550101", bad=True, id=1)
    assert main_number([OFFICE, MOBILE, wrong]) == MOBILE
    assert no_good_number_left([wrong]) and not no_good_number_left([wrong, OFFICE])


def test_a_closed_direct_line_gives_way_to_a_mobile_ringing_where_it_is_open():
    rules = load_rules()
    assert best_number(prospect(DIRECT, MOBILE, OFFICE), LATE, rules) == MOBILE
    # In the afternoon both are open: the direct line comes first.
    afternoon = pendulum.datetime(2026, 11, 23, 20, 0, tz="UTC")
    assert best_number(prospect(DIRECT, MOBILE, OFFICE), afternoon, rules) == DIRECT
    # A number marked wrong is skipped even when open.
    wrong_mobile = PhoneNumber("mobile", "415", "+14155550102", zones=LA, bad=True, id=2)
    assert best_number(prospect(DIRECT, wrong_mobile, OFFICE), LATE, rules) == DIRECT
    # Everything closed: the first good one (a dial then is an override).
    night = pendulum.datetime(2026, 11, 24, 7, 0, tz="UTC")
    assert best_number(prospect(DIRECT, MOBILE), night, rules) == DIRECT


def test_the_queue_holds_a_prospect_only_when_none_of_its_numbers_may_be_called():
    policy = Policy()
    assert hold_for(prospect(DIRECT, MOBILE), None, (), LATE, policy) is None
    held = hold_for(prospect(DIRECT, OFFICE), None, (), LATE, policy)
    assert held is not None and held.kind == "hours"
    # The rep's zone for the prospect wins over each number's own.
    there = prospect(DIRECT, MOBILE)
    assert hold_for(replace(there, timezone="America/New_York"), None, (), LATE, policy)
