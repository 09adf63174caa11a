"""The do-not-call list `followup dnc list` prints, on both engines."""

import pendulum
import pytest

from followup_tui.domain.models import NewProspect
from followup_tui.domain.outcomes import Outcome, plan_after
from followup_tui.domain.policy import Policy
from followup_tui.store import prospects as store
from followup_tui.store import touches
from followup_tui.store.db import write_transaction
from followup_tui.store.intake import do_not_call_list

NOW = pendulum.datetime(2026, 11, 23, 15, 0, tz="UTC")


def _add(db, name: str) -> int:
    with write_transaction(db):
        return store.insert_prospect(db, NewProspect(name=name, company="Acme"), NOW)


def _do_not_call(db, pid: int, now) -> None:
    plan = plan_after(store.get_prospect(db, pid), Outcome.DO_NOT_CALL, now, Policy())
    touches.log_outcome(db, pid, Outcome.DO_NOT_CALL, plan, now)


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_each_marked_prospect_once_with_its_latest_mark(db):
    again, never, unlogged = _add(db, "Again"), _add(db, "Never"), _add(db, "Unlogged")
    _do_not_call(db, again, NOW.subtract(days=30))
    touches.remove_do_not_call(db, again, "opted in", NOW.subtract(days=20))
    _do_not_call(db, again, NOW.subtract(days=2))
    with write_transaction(db):
        db.execute("UPDATE prospects SET do_not_call = 1 WHERE id = ?", [unlogged])
    rows = do_not_call_list(db)
    assert [r["id"] for r in rows] == [again, unlogged]  # `never` is not on it
    assert rows[0]["name"] == "Again"
    assert rows[0]["reason"] == "asked not to be called, by phone"
    assert rows[0]["marked_at"] == "2026-11-21T15:00:00Z"
    assert (rows[1]["marked_at"], rows[1]["reason"]) == (None, None)
    assert never not in [r["id"] for r in rows]
