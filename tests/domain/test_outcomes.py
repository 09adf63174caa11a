"""The follow-up engine: what each outcome does to a prospect."""

import pendulum
from msgspec.structs import replace

from followup_tui.domain.cadence import PERSISTENT
from followup_tui.domain.caps import TouchTime
from followup_tui.domain.models import Prospect
from followup_tui.domain.outcomes import Decision, Outcome, Status, plan_after
from followup_tui.domain.policy import Policy

POLICY = Policy()
MONDAY = pendulum.datetime(2026, 11, 23, 10, 17, 42, tz="America/Chicago").in_tz("UTC")
ACTIVE = Prospect(id=1, name="Dana", phone_e164="+13125550142", phone_zones=("America/Chicago",))


def test_no_answer_moves_to_the_next_step_after_its_wait():
    plan = plan_after(ACTIVE, Outcome.NO_ANSWER, MONDAY, POLICY, history=[TouchTime(MONDAY)])
    assert plan.status == Status.ACTIVE and plan.cadence_step == 1
    # Step 2 of the persistent cadence is an email two business days on, at about the
    # same local time: the next quarter hour (10:17 -> 10:30, not a stray 10:17).
    assert PERSISTENT.steps[1].channel == "email"
    assert plan.next_touch_at == pendulum.datetime(2026, 11, 25, 10, 30, tz="America/Chicago")
    assert not plan.next_touch_is_callback


def test_the_next_touch_waits_for_a_cap_to_lift():
    # Two touches already this week: the third must wait until the first is 7 days old.
    history = [TouchTime(MONDAY.subtract(days=5)), TouchTime(MONDAY)]
    plan = plan_after(ACTIVE, Outcome.NO_ANSWER, MONDAY, POLICY, history=history)
    assert plan.next_touch_at >= MONDAY.subtract(days=5).add(days=7)


def test_a_promised_callback_wins():
    at = MONDAY.add(days=1).set(hour=21)
    plan = plan_after(ACTIVE, Outcome.CONNECTED, MONDAY, POLICY, callback_at=at)
    assert plan.next_touch_at == at and plan.next_touch_is_callback
    assert plan.cadence_step == 1


def test_meeting_not_now_and_not_interested_leave_the_queue():
    meeting = plan_after(ACTIVE, Outcome.MEETING, MONDAY, POLICY)
    assert (meeting.status, meeting.next_touch_at) == (Status.MEETING, None)
    not_interested = plan_after(ACTIVE, Outcome.NOT_INTERESTED, MONDAY, POLICY)
    assert not_interested.status == Status.NOT_INTERESTED and not_interested.next_touch_at is None
    # 90 days on is Sunday 21 Feb 2027: the revisit moves to Monday, start of their window.
    assert not_interested.revisit_at == pendulum.datetime(2027, 2, 22, 8, tz="America/Chicago")
    chosen = MONDAY.add(days=30)
    not_now = plan_after(ACTIVE, Outcome.CONNECTED, MONDAY, POLICY,
                         decision=Decision.NOT_NOW, revisit_at=chosen)  # fmt: skip
    assert (not_now.status, not_now.revisit_at) == (Status.NOT_NOW, chosen)


def test_wrong_number_marks_the_phone_bad_and_the_cadence_goes_on():
    plan = plan_after(ACTIVE, Outcome.WRONG_NUMBER, MONDAY, POLICY)
    assert plan.phone_bad and plan.status == Status.ACTIVE and plan.cadence_step == 1


def test_the_end_of_the_cadence_lands_on_the_not_now_list():
    last = replace(ACTIVE, cadence_step=len(PERSISTENT.steps) - 1)
    plan = plan_after(last, Outcome.NO_ANSWER, MONDAY, POLICY)
    assert plan.cadence_finished and plan.status == Status.NOT_NOW
    assert plan.revisit_at is not None and plan.next_touch_at is None


def test_a_parked_prospect_coming_back_starts_the_cadence_again():
    parked = replace(ACTIVE, status=Status.NOT_NOW, cadence_step=12)
    plan = plan_after(parked, Outcome.NO_ANSWER, MONDAY, POLICY)
    assert plan.status == Status.ACTIVE and plan.cadence_step == 1


def test_do_not_call_is_forever():
    dnc = Prospect(id=2, name="Lee", do_not_call=True, status="do_not_call")
    for outcome in Outcome:
        for decision in Decision:
            plan = plan_after(dnc, outcome, MONDAY, POLICY, decision=decision,
                              callback_at=MONDAY.add(days=1))  # fmt: skip
            assert plan.do_not_call and plan.status == Status.DO_NOT_CALL
            assert plan.next_touch_at is None
    assert plan_after(ACTIVE, Outcome.DO_NOT_CALL, MONDAY, POLICY).do_not_call
