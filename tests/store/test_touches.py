import pendulum
import pytest

from followup_tui.domain.clock import to_iso
from followup_tui.domain.models import NewProspect
from followup_tui.domain.outcomes import Outcome, plan_after
from followup_tui.domain.policy import Policy
from followup_tui.store import prospects as store
from followup_tui.store import touches
from followup_tui.store.db import write_transaction

NOW = pendulum.datetime(2026, 11, 23, 15, 0, tz="UTC")


def _add(db, name="Dana Whitfield", **fields):
    defaults = dict(
        phone_raw="(312) 555-0142",
        phone_e164="+13125550142",
        phone_zones=("America/Chicago",),
        next_touch_at=NOW.subtract(hours=1),
    )
    defaults.update(fields)
    with write_transaction(db):
        return store.insert_prospect(db, NewProspect(name=name, **defaults), NOW)


def _log(db, pid, outcome, now, dial=None, **kw):
    prospect = store.get_prospect(db, pid)
    plan = plan_after(prospect, outcome, now, Policy(), callback_at=kw.pop("callback_at", None))
    return touches.log_outcome(db, pid, outcome, plan, now, dial=dial, **kw)


def test_dial_is_saved_at_once_and_completed_by_the_outcome(db):
    pid = _add(db)
    dial = touches.start_dial(db, pid, NOW)
    row = db["touches"].get(dial.id)
    assert row["outcome"] is None and row["started_at"] == to_iso(NOW)
    assert touches.open_dial(db).id == dial.id

    touch = _log(db, pid, Outcome.NO_ANSWER, NOW.add(seconds=42), dial=dial)
    assert touch.id == dial.id
    row = db["touches"].get(dial.id)
    assert (row["outcome"], row["duration_s"]) == ("no_answer", 42)
    assert row["ended_at"] == to_iso(NOW.add(seconds=42))
    assert touches.open_dial(db) is None
    assert store.get_prospect(db, pid).touch_count == 1


def test_outcome_without_a_dial_has_no_duration(db):
    pid = _add(db)
    touch = _log(db, pid, Outcome.VOICEMAIL, NOW)
    assert touch.duration_s is None and touch.outcome == "voicemail"
    assert db["touches"].count == 1


def test_undo_restores_the_prospect_and_opens_the_dial_again(db):
    """The phone rang and the rep typed a note: undoing the outcome keeps both, and
    the dial waits for its outcome again (as after a crash)."""
    pid = _add(db)
    before = db["prospects"].get(pid)
    dial = touches.start_dial(db, pid, NOW)
    _log(db, pid, Outcome.MEETING, NOW.add(seconds=300), dial=dial, notes="Demo booked")
    assert db["prospects"].get(pid)["status"] == "meeting"

    undone = touches.undo_last_outcome(db)
    assert undone.prospect_id == pid and undone.outcome == "meeting"
    after = db["prospects"].get(pid)
    for column in ("status", "next_touch_at", "next_touch_is_callback", "revisit_at"):
        assert after[column] == before[column]
    assert undone.reopened is not None and undone.reopened.id == dial.id
    row = db["touches"].get(dial.id)
    assert (row["outcome"], row["duration_s"], row["notes"]) == (None, None, "Demo booked")
    assert row["ended_at"] == to_iso(NOW.add(seconds=300))  # the call's length stays known
    assert touches.open_dial(db).id == dial.id
    assert touches.undo_last_outcome(db) is None


def test_undo_removes_a_touch_logged_without_a_dial(db):
    pid = _add(db)
    _log(db, pid, Outcome.VOICEMAIL, NOW)
    undone = touches.undo_last_outcome(db)
    assert undone.reopened is None and db["touches"].count == 0


def test_undo_reaches_back_only_to_since(db):
    pid = _add(db)
    _log(db, pid, Outcome.VOICEMAIL, NOW)
    assert touches.undo_last_outcome(db, since=NOW.add(seconds=1)) is None
    assert touches.undo_last_outcome(db, since=NOW).outcome == "voicemail"


def test_undo_goes_back_one_outcome_at_a_time(db):
    a, b = _add(db, "A"), _add(db, "B")
    _log(db, a, Outcome.NO_ANSWER, NOW)
    _log(db, b, Outcome.VOICEMAIL, NOW.add(minutes=1))
    assert touches.undo_last_outcome(db).prospect_id == b
    assert touches.undo_last_outcome(db).prospect_id == a


def test_do_not_call_survives_later_outcomes_and_cannot_be_undone(db):
    pid = _add(db)
    _log(db, pid, Outcome.DO_NOT_CALL, NOW)
    _log(db, pid, Outcome.CONNECTED, NOW.add(minutes=5), callback_at=NOW.add(days=1))
    row = db["prospects"].get(pid)
    assert row["do_not_call"] == 1 and row["status"] == "do_not_call"
    assert row["next_touch_at"] is None
    # Undoing the later outcome keeps do-not-call; the do-not-call itself is refused.
    touches.undo_last_outcome(db)
    assert db["prospects"].get(pid)["do_not_call"] == 1
    with pytest.raises(touches.UndoRefused):
        touches.undo_last_outcome(db)
    assert db["prospects"].get(pid)["do_not_call"] == 1


def test_failed_write_leaves_nothing_half_done(db):
    pid = _add(db)
    dial = touches.start_dial(db, pid, NOW)
    plan = plan_after(store.get_prospect(db, pid), Outcome.NO_ANSWER, NOW, Policy())
    with pytest.raises(LookupError):
        touches.log_outcome(db, pid + 99, Outcome.NO_ANSWER, plan, NOW, dial=dial)
    assert db["touches"].get(dial.id)["outcome"] is None
    assert db["undo_log"].count == 0


def test_cancel_dial_forgets_only_an_unlogged_dial(db):
    pid = _add(db)
    dial = touches.start_dial(db, pid, NOW)
    touches.cancel_dial(db, dial.id)
    assert db["touches"].count == 0
    logged = _log(db, pid, Outcome.NO_ANSWER, NOW)
    touches.cancel_dial(db, logged.id)
    assert db["touches"].count == 1


def test_day_counts(db):
    pid = _add(db)
    _log(db, pid, Outcome.NO_ANSWER, NOW)
    _log(db, pid, Outcome.CONNECTED, NOW.add(minutes=1))
    _log(db, pid, Outcome.MEETING, NOW.add(minutes=2))
    touches.start_dial(db, pid, NOW.add(minutes=3))  # running: not counted yet
    counts = touches.day_counts(db, NOW.start_of("day"), NOW.start_of("day").add(days=1))
    assert (counts.dials, counts.connects, counts.meetings) == (3, 2, 1)
