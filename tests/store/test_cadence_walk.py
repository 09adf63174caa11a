"""Twelve no-answers in a row, logged the way the app logs them, at the times the
engine plans: the whole cadence, gently, then the not-now list."""

from collections import Counter

import pendulum

from followup_tui.domain.caps import TouchTime
from followup_tui.domain.clock import from_iso
from followup_tui.domain.models import NewProspect
from followup_tui.domain.outcomes import Outcome, plan_after
from followup_tui.domain.policy import Policy
from followup_tui.store import prospects as store
from followup_tui.store import touches
from followup_tui.store.db import write_transaction

POLICY = Policy()
START = pendulum.datetime(2026, 11, 23, 15, 0, tz="UTC")  # Monday 09:00 Chicago


def _log_at(db, pid, outcome, when, channel="call"):
    prospect = store.get_prospect(db, pid)
    history = [*store.recent_touches(db, pid, when), TouchTime(when, channel == "call")]
    plan = plan_after(prospect, outcome, when, POLICY, history=history)
    touches.log_outcome(db, pid, outcome, plan, when, channel=channel)
    return plan


def test_twelve_no_answers_walk_the_cadence_gently_then_park_with_a_date(db):
    with write_transaction(db):
        pid = store.insert_prospect(
            db,
            NewProspect(name="Dana", phone_e164="+13125550142",
                        phone_zones=("America/Chicago",), next_touch_at=START),
            START,
        )  # fmt: skip
    when = START
    for number in range(1, 13):
        prospect = store.get_prospect(db, pid)
        assert prospect.status == "active", number
        queue = store.queue_now(db, when, POLICY)
        assert pid in [e.prospect.id for e in queue.ready], number  # it is due and callable
        step = queue.ready[0].step
        channel = "call" if step.is_call else step.channel
        outcome = Outcome.NO_ANSWER if step.is_call else Outcome.SENT
        plan = _log_at(db, pid, outcome, when, channel)
        if number < 12:
            assert plan.next_touch_at > when
            when = plan.next_touch_at
    final = store.get_prospect(db, pid)
    assert final.status == "not_now" and final.revisit_at is not None
    assert final.next_touch_at is None
    assert final.touch_count == 12

    times = [from_iso(r[0]) for r in db.execute("SELECT started_at FROM touches ORDER BY 1")]
    days = Counter(t.in_tz("America/Chicago").date() for t in times)
    assert max(days.values()) == 1  # never two touches on one day
    for i, t in enumerate(times):
        in_week = [u for u in times if t <= u < t.add(days=7)]
        assert len(in_week) <= 2, (i, in_week)  # never three in a week
        local = t.in_tz("America/Chicago")
        assert 8 <= local.hour < 21  # all inside calling hours
    span_days = (times[-1] - times[0]).in_days()
    assert 35 <= span_days <= 60  # about six weeks, not a burst


def test_do_not_call_stays_after_later_outcomes_and_undo(db):
    with write_transaction(db):
        pid = store.insert_prospect(db, NewProspect(name="Lee", phone_e164="+13125550142",
                                    phone_zones=("America/Chicago",), next_touch_at=START),
                                    START)  # fmt: skip
    _log_at(db, pid, Outcome.DO_NOT_CALL, START)
    for outcome in set(Outcome) - {Outcome.DO_NOT_CALL}:
        _log_at(db, pid, outcome, START.add(minutes=5))
        touches.undo_last_outcome(db)
        row = db["prospects"].get(pid)
        assert (row["do_not_call"], row["status"], row["next_touch_at"]) == (1, "do_not_call", None)
    assert [r["action"] for r in db["dnc_log"].rows] == ["added"]
    assert pid not in [c.prospect.id for c in store.queue_candidates(db, START.add(days=400))]
