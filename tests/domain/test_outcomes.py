import pendulum

from followup_tui.domain.models import Prospect
from followup_tui.domain.outcomes import Outcome, Status, plan_after

MONDAY = pendulum.datetime(2026, 11, 23, 10, 17, 42, tz="America/Chicago")
ACTIVE = Prospect(id=1, name="Dana")


def test_missed_calls_come_back_in_two_business_days_same_local_hour():
    for outcome in (Outcome.NO_ANSWER, Outcome.VOICEMAIL, Outcome.CONNECTED):
        plan = plan_after(ACTIVE, outcome, MONDAY)
        assert plan.status == Status.ACTIVE
        assert plan.next_touch_at == pendulum.datetime(2026, 11, 25, 10, 17, tz="America/Chicago")
        assert not plan.next_touch_is_callback


def test_friday_follow_up_lands_on_tuesday():
    friday = pendulum.datetime(2026, 11, 27, 15, 0, tz="Europe/London")
    plan = plan_after(ACTIVE, Outcome.NO_ANSWER, friday)
    assert plan.next_touch_at == pendulum.datetime(2026, 12, 1, 15, 0, tz="Europe/London")


def test_a_promised_callback_wins():
    at = MONDAY.add(days=1).set(hour=15, minute=0)
    plan = plan_after(ACTIVE, Outcome.CONNECTED, MONDAY, callback_at=at)
    assert plan.next_touch_at == at and plan.next_touch_is_callback


def test_meeting_and_not_interested_leave_the_queue():
    meeting = plan_after(ACTIVE, Outcome.MEETING, MONDAY)
    assert (meeting.status, meeting.next_touch_at) == (Status.MEETING, None)
    not_now = plan_after(ACTIVE, Outcome.NOT_INTERESTED, MONDAY)
    assert not_now.status == Status.NOT_INTERESTED
    assert not_now.next_touch_at is None
    assert not_now.revisit_at == pendulum.datetime(2027, 2, 21, 10, tz="America/Chicago")


def test_wrong_number_marks_the_phone_bad():
    assert plan_after(ACTIVE, Outcome.WRONG_NUMBER, MONDAY).phone_bad


def test_do_not_call_is_forever():
    dnc = Prospect(id=2, name="Lee", do_not_call=True, status="do_not_call")
    for outcome in Outcome:
        plan = plan_after(dnc, outcome, MONDAY, callback_at=MONDAY.add(days=1))
        assert plan.do_not_call and plan.status == Status.DO_NOT_CALL
        assert plan.next_touch_at is None
    assert plan_after(ACTIVE, Outcome.DO_NOT_CALL, MONDAY).do_not_call
