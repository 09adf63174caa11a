"""The header's standing text says what the queue will really do next."""

from __future__ import annotations

import pendulum
from msgspec.structs import replace

from followup_tui.domain.models import Prospect
from followup_tui.domain.policy import Policy
from followup_tui.domain.standing import standing_text

POLICY = Policy()
NOW = pendulum.datetime(2026, 11, 23, 15, 0, tz="UTC")  # Mon 09:00 in Chicago
CHICAGO = dict(phone_e164="+13125550142", phone_zones=("America/Chicago",))
THURSDAY = pendulum.datetime(2026, 11, 26, 16, 0, tz="UTC")  # Thu 10:00 in Chicago


def _standing(prospect: Prospect) -> str:
    return standing_text(prospect, (), NOW, POLICY, "America/New_York")


def test_a_good_number_is_due_for_its_call():
    good = Prospect(1, "Grace", touch_count=3, cadence_step=3, next_touch_at=THURSDAY, **CHICAGO)
    assert _standing(good) == "3 touches · step 4 of 12 · next: call Thu 10:00"


def test_a_wrong_number_never_promises_a_call():
    bad = Prospect(1, "Grace", touch_count=3, cadence_step=3, next_touch_at=THURSDAY,
                   phone_bad=True, **CHICAGO)  # fmt: skip
    text = _standing(bad)
    assert "next: call" not in text
    assert text == (
        "3 touches · step 4 of 12 · held: wrong number: find a new one (call due Thu 10:00)"
    )
    # Due already: held, as the queue holds it.
    due = Prospect(1, "Grace", cadence_step=3, next_touch_at=NOW.subtract(hours=1),
                   phone_bad=True, **CHICAGO)  # fmt: skip
    assert _standing(due).endswith("held: wrong number: find a new one")


def test_a_wrong_number_still_gets_its_email():
    bad = Prospect(1, "Grace", cadence_step=1, next_touch_at=THURSDAY, phone_bad=True, **CHICAGO)
    assert _standing(bad).endswith("next: email Thu 10:00")


def test_a_parked_prospect_says_the_date_it_comes_back_and_starts_at_step_one():
    back = pendulum.datetime(2027, 1, 18, 15, 0, tz="UTC")  # Mon 09:00 in Chicago, 8 weeks on
    parked = Prospect(1, "Grace", status="not_now", touch_count=5, cadence_step=5,
                      revisit_at=back, **CHICAGO)  # fmt: skip
    assert _standing(parked) == "5 touches · back Mon 18 Jan 09:00: call, step 1 of 12"
    far = replace(parked, revisit_at=back.add(years=1))
    assert "back Tue 18 Jan 2028 09:00" in _standing(far)


def test_a_touch_due_outside_their_hours_says_when_it_really_comes():
    night = pendulum.datetime(2026, 11, 27, 8, 0, tz="UTC")  # Fri 02:00 in Chicago
    prospect = Prospect(1, "Grace", cadence_step=3, next_touch_at=night, **CHICAGO)
    assert _standing(prospect).endswith("next: call Fri 08:00")


def test_a_promised_callback_says_so_with_the_time_they_gave():
    promised = Prospect(1, "Grace", touch_count=3, cadence_step=3, next_touch_at=THURSDAY,
                        next_touch_is_callback=True, **CHICAGO)  # fmt: skip
    assert _standing(promised) == "3 touches · next: callback Thu 10:00 their time"
    due = replace(promised, next_touch_at=NOW.subtract(minutes=30))  # 08:30 in Chicago
    assert _standing(due) == "3 touches · callback due since 08:30 their time"


def test_a_found_prospect_says_where_it_stands_in_plain_words():
    from followup_tui.domain.standing import found_standing

    due = Prospect(1, "Grace", next_touch_at=NOW.subtract(days=2), **CHICAGO)
    assert found_standing(due, NOW) == "due 2d late"
    parked = Prospect(1, "Grace", status="not_now", revisit_at=NOW.add(days=21), **CHICAGO)
    assert found_standing(parked, NOW) == "not now, back in 21d"
    came_back = replace(parked, revisit_at=NOW.subtract(days=18))
    assert found_standing(came_back, NOW) == "not now, due again, 18d late"  # not 'back 18d late'


def test_a_callback_booked_after_todays_call_is_promised_for_its_own_time():
    from followup_tui.domain.caps import TouchTime

    in_an_hour = NOW.add(hours=1)  # 10:00 in Chicago, the call was an hour ago
    promised = Prospect(1, "Grace", touch_count=4, next_touch_at=in_an_hour,
                        next_touch_is_callback=True, **CHICAGO)  # fmt: skip
    spoke = (TouchTime(NOW.subtract(minutes=5)),)
    said = standing_text(promised, spoke, NOW, POLICY, "America/New_York")
    assert said == "4 touches · next: callback Mon 10:00 their time"  # not Tue 08:00


def test_out_of_the_cadence_no_step_is_promised():
    """A booked meeting or a do-not-call read "step 1 of 12", as if calls went on
    (the header's badge or meeting says why they are out)."""
    met = Prospect(1, "Grace", status="meeting", touch_count=8, cadence_step=8, **CHICAGO)
    assert _standing(met) == "8 touches · out of the cadence"
    dnc = replace(met, status="do_not_call", do_not_call=True)
    assert _standing(dnc) == "8 touches · out of the cadence"
    parked = Prospect(1, "Grace", status="not_interested", touch_count=2, **CHICAGO)
    assert _standing(parked) == "2 touches · out of the cadence"
