import pendulum

from followup_tui.domain.caps import TouchTime
from followup_tui.domain.models import Prospect
from followup_tui.domain.policy import Policy
from followup_tui.domain.queue import Candidate, build_queue, callback_tag, held_text, short_hold

POLICY = Policy()
NOW = pendulum.datetime(2026, 11, 23, 13, 30, tz="UTC")  # 07:30 Chicago, 13:30 London


def prospect(pid, phone, zones, due_hours=1, **fields):
    return Prospect(id=pid, name=f"P{pid}", phone_e164=phone, phone_zones=zones,
                    next_touch_at=NOW.subtract(hours=due_hours), **fields)  # fmt: skip


CHICAGO = ("+13125550142", ("America/Chicago",))
LONDON = ("+442079460123", ("Europe/London",))
HONOLULU = ("+18085550123", ("Pacific/Honolulu",))
ALASKA = ("+19075550111", ("America/Adak", "America/Anchorage"))


def test_chicago_before_eight_is_held_and_london_is_callable():
    queue = build_queue(
        [Candidate(prospect(1, *CHICAGO)), Candidate(prospect(2, *LONDON)),
         Candidate(prospect(3, *HONOLULU)), Candidate(prospect(4, *ALASKA))],
        NOW, POLICY,
    )  # fmt: skip
    assert [e.prospect.id for e in queue.ready] == [2]
    held = {e.prospect.id: e for e in queue.held}
    assert set(held) == {1, 3, 4}
    assert held_text(held[1], "UTC", NOW) == "outside calling hours, opens Mon 08:00 their time"
    assert short_hold(held[1], NOW, "UTC") == "hours 08:00"
    assert held[3].opens_at.in_tz("Pacific/Honolulu").format("HH:mm") == "08:00"
    # Alaska: open only when it is 08:00 in Adak, i.e. 09:00 in Anchorage.
    assert held[4].opens_at.in_tz("America/Adak").format("HH:mm") == "08:00"
    assert held_text(held[4], "UTC", NOW).endswith("opens Mon 09:00 their time")


def test_callbacks_first_then_warm_then_most_overdue():
    later = NOW.add(hours=2)  # 09:30 Chicago: open
    cold_old = prospect(1, *CHICAGO, due_hours=50)
    cold_new = prospect(2, *CHICAGO, due_hours=1)
    warm = prospect(3, *CHICAGO, due_hours=1)
    callback = prospect(4, *CHICAGO, due_hours=0.5, next_touch_is_callback=True)
    signals = (("webinar", later.subtract(days=2)), ("booth_visit", later.subtract(days=5)),
               ("ebook_download", later.subtract(days=9)))  # fmt: skip
    queue = build_queue(
        [Candidate(cold_new), Candidate(warm, signals), Candidate(cold_old), Candidate(callback)],
        later, POLICY,
    )  # fmt: skip
    assert [e.prospect.id for e in queue.ready] == [4, 3, 1, 2]
    assert queue.ready[0].callback and queue.ready[1].sales_ready and queue.ready[1].warm > 0
    # The time they gave, on their clock (07:00 in Chicago); from another day, its day.
    assert callback_tag(queue.ready[0], later, "UTC") == "callback 07:00"
    assert callback_tag(queue.ready[0], later.add(days=1), "UTC") == "callback Mon 07:00"


def test_held_for_caps_bad_numbers_and_unknown_zones_and_never_do_not_call():
    touched = Candidate(prospect(1, *LONDON), recent=(TouchTime(NOW.subtract(days=2)),
                                                      TouchTime(NOW.subtract(days=5))))  # fmt: skip
    queue = build_queue(
        [
            touched,
            Candidate(prospect(2, *LONDON, phone_bad=True)),
            Candidate(prospect(3, None, (), phone_problem="too short")),
            Candidate(prospect(4, "+80012345678", ())),
            Candidate(prospect(5, *LONDON, do_not_call=True, status="do_not_call")),
        ],
        NOW,
        POLICY,
    )
    reasons = {e.prospect.id: e.held_reason for e in queue.held}
    assert reasons[1] == "cap: weekly cap of 2 reached"
    assert reasons[2].startswith("wrong number")
    assert reasons[3] == "no valid number (too short)"
    assert reasons[4].startswith("time zone unknown")
    assert 5 not in reasons and not queue.ready
    assert [e.opens_at for e in queue.held if e.prospect.id == 1] == [NOW.add(days=2)]


def test_a_call_capped_until_midnight_opens_when_their_calling_hours_do():
    called_today = Candidate(prospect(1, *LONDON), recent=(TouchTime(NOW.subtract(hours=1)),))
    an_hour_ago = TouchTime(NOW.subtract(hours=1), is_call=False)
    emailed_today = Candidate(prospect(2, *LONDON, cadence_step=1), recent=(an_hour_ago,))
    queue = build_queue([called_today, emailed_today], NOW, POLICY)
    held = {e.prospect.id: e for e in queue.held}
    assert held[1].held_reason == "cap: already touched today"
    # The day's cap lifts at midnight; the phone may ring from 08:00, so the rep is
    # told 08:00 and the next call is planned then.
    assert held[1].opens_at.in_tz("Europe/London").format("ddd HH:mm") == "Tue 08:00"
    assert held_text(held[1], "UTC", NOW).endswith("Tue 08:00 their time")
    # An email has no calling hours: it may go at midnight.
    assert held[2].opens_at.in_tz("Europe/London").format("ddd HH:mm") == "Tue 00:00"


def test_email_steps_are_tasks_not_held_by_calling_hours():
    on_email = prospect(1, *CHICAGO, cadence_step=1)  # step 2 of persistent: email
    queue = build_queue([Candidate(on_email)], NOW, POLICY)
    assert [e.prospect.id for e in queue.ready] == [1]
    assert queue.ready[0].step.channel == "email"


def test_not_yet_due_is_neither_ready_nor_held():
    queue = build_queue([Candidate(prospect(1, *LONDON, due_hours=-1))], NOW, POLICY)
    assert queue.ready == [] and queue.held == []


def test_a_promised_callback_is_a_call_whatever_the_cadence_says():
    on_email_step = prospect(1, *LONDON, cadence_step=1, next_touch_is_callback=True)
    queue = build_queue([Candidate(on_email_step)], NOW, POLICY)
    assert queue.ready[0].callback and queue.ready[0].step.is_call


def test_calls_and_tasks_split_the_ready_entries_in_queue_order():
    from msgspec.structs import replace

    from followup_tui.domain.queue import requeue

    steps = {1: 0, 2: 1, 3: 2, 4: 4, 5: 6}  # call, email, call+VM, email, LinkedIn
    prospects = [prospect(pid, *LONDON, due_hours=pid, cadence_step=s) for pid, s in steps.items()]
    callback = prospect(6, *LONDON, cadence_step=1, next_touch_is_callback=True)
    queue = build_queue([Candidate(p) for p in [*prospects, callback]], NOW, POLICY)
    assert [e.prospect.id for e in queue.calls] == [6, 3, 1]
    assert [e.prospect.id for e in queue.tasks] == [5, 4, 2]
    # A changed prospect moves between the parts without the split being made again.
    made = queue.__dict__["split"]  # kept beside the queue's fields
    on_call_now = replace(prospects[1], cadence_step=2)  # the email was sent: a call
    gone = replace(prospects[0], next_touch_at=NOW.add(days=2))  # called: not due now
    after = requeue(queue, {1, 2}, [Candidate(on_call_now), Candidate(gone)], NOW, POLICY)
    assert after.__dict__["split"] is not made
    assert [e.prospect.id for e in after.calls] == [6, 3, 2]
    assert [e.prospect.id for e in after.tasks] == [5, 4]
    assert after.calls == [e for e in after.ready if e.step.is_call]
    # A queue whose split was never asked for does not make one for its successor.
    fresh = build_queue([Candidate(p) for p in prospects], NOW, POLICY)
    assert "split" not in requeue(fresh, {1}, [Candidate(gone)], NOW, POLICY).__dict__


def test_a_hold_that_lifts_more_than_a_week_away_says_its_date():
    """A weekday alone would read as this week's: 'opens Mon' for a Monday 16 days off."""
    from followup_tui.domain.holds import Hold, HoldKind
    from followup_tui.domain.queue import QueueEntry

    def held_until(opens_at):
        hold = Hold(HoldKind.CAP, "cap: weekly cap of 2 reached", opens_at)
        return QueueEntry(prospect(1, *LONDON), NOW, None, hold=hold)

    soon = held_until(pendulum.datetime(2026, 11, 25, 9, 0, tz="Europe/London"))
    assert held_text(soon, "UTC", NOW).endswith("opens Wed 09:00 their time")
    later = held_until(pendulum.datetime(2026, 12, 14, 9, 0, tz="Europe/London"))
    assert held_text(later, "UTC", NOW).endswith("opens Mon 14 Dec 09:00 their time")


def test_a_parked_prospect_is_due_again_once_its_revisit_day_comes():
    """One rule for the not-now list's 'due since' and the header's 'due again'."""
    from msgspec.structs import replace

    from followup_tui.domain.queue import is_due_again

    parked = prospect(1, *LONDON, status="not_now", revisit_at=NOW.subtract(days=1))
    assert is_due_again(parked, NOW)
    assert not is_due_again(replace(parked, revisit_at=NOW.add(days=1)), NOW)
    assert not is_due_again(replace(parked, revisit_at=None), NOW)
    assert not is_due_again(replace(parked, do_not_call=True), NOW)  # never due again
    assert not is_due_again(replace(parked, status="active"), NOW)  # simply due


def test_a_callback_they_asked_for_is_not_held_by_the_gentle_caps():
    """ "Call me back in an hour": the day's cap held it to the next morning, so the
    rep missed the call they had promised."""
    spoke = (TouchTime(NOW.subtract(hours=1)),)  # a connect an hour ago, 12:30 in London
    promised = prospect(1, *LONDON, due_hours=0.1, next_touch_is_callback=True)
    queue = build_queue([Candidate(promised, recent=spoke)], NOW, POLICY)
    assert [e.prospect.id for e in queue.ready] == [1] and queue.ready[0].callback
    # The cadence's next call, on the other hand, waits for tomorrow's window.
    cold = prospect(2, *LONDON, due_hours=0.1)
    held = build_queue([Candidate(cold, recent=spoke)], NOW, POLICY).held
    assert held[0].held_reason == "cap: already touched today"
