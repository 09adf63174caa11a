"""One rep's attempt numbers count every call to the prospect, whoever made it.

A call's attempt number is its place among all the prospect's calls over the whole
history (README, "attempt number"): every rep's, and those nobody recorded a rep
for. One rep's numbers (`stats --rep`, each row of `stats --team`) are those
numbers, kept to the rep's own calls; they never restart the count at the rep's
first call. Run on both engines: PostgreSQL counts from facts, SQLite by the scan.
"""

from __future__ import annotations

from datetime import date

import pendulum
import pytest

from followup_tui.domain.models import NewProspect
from followup_tui.store import prospects as store
from followup_tui.store.db import write_transaction
from followup_tui.store.stats import (
    stats_for,
    stats_from_facts,
    team_stats,
    team_stats_from_facts,
)
from followup_tui.store.touches import insert_past_touch

NOW = pendulum.datetime(2026, 11, 23, 15, 0, tz="UTC")
NY = "America/New_York"

ENGINES = pytest.mark.parametrize("engine", ["sqlite", "postgresql"])


def _call(db, pid, outcome, started, rep):
    touch = insert_past_touch(
        db,
        pid,
        channel="call",
        outcome=outcome,
        started_at=pendulum.parse(started),
        duration_s=60 if outcome == "connected" else 20,
    )
    db.execute("UPDATE touches SET rep = ? WHERE id = ?", [rep, touch])


def _history(db):
    """Prospect 1: alice dials twice, then bob connects (attempt 3). Prospect 2: a
    dial nobody recorded a rep for, then alice connects (attempt 2). Prospect 3:
    bob's alone (attempt 1, no answer), so his own history still starts at 1."""
    with write_transaction(db):
        first, second, third = (
            store.insert_prospect(
                db,
                NewProspect(name=name, phone_zones=("America/New_York",), next_touch_at=NOW),
                NOW,
            )
            for name in ("Dana Whitfield", "Ola Berg", "Sam Reyes")
        )
        _call(db, first, "no_answer", "2026-11-16T15:00:00Z", "alice")
        _call(db, first, "voicemail", "2026-11-17T15:00:00Z", "alice")
        _call(db, first, "connected", "2026-11-20T15:00:00Z", "bob")
        _call(db, second, "no_answer", "2026-11-18T15:00:00Z", None)
        _call(db, second, "connected", "2026-11-19T15:00:00Z", "alice")
        _call(db, third, "no_answer", "2026-11-20T16:00:00Z", "bob")


def _attempts(stats):
    """{attempt label: (dials, connects)} for the attempts that have a dial."""
    return {bar.label: (bar.dials, bar.connects) for bar in stats.persistence.attempts if bar.dials}


def _late(stats):
    curve = stats.persistence
    return curve.late_connects, curve.connects, curve.late_share


@ENGINES
@pytest.mark.parametrize("since", [None, date(2026, 11, 19)])
def test_a_reps_calls_keep_their_place_among_every_call_to_the_prospect(db, since):
    _history(db)
    bob = stats_for(db, NOW, NY, since, rep="bob")
    assert _attempts(bob) == {"1": (1, 0), "3": (1, 1)}
    assert _late(bob) == (1, 1, 1.0)  # his one connect came on attempt 3
    alice = stats_for(db, NOW, NY, since, rep="alice")
    if since is None:
        assert _attempts(alice) == {"1": (1, 0), "2": (2, 1)}
    else:  # her first two dials lie before the window: the connect is still attempt 2
        assert _attempts(alice) == {"2": (1, 1)}
    assert _late(alice) == (0, 1, 0.0)
    # Nothing else of theirs moves: the others' calls are no dials of theirs.
    assert (bob.totals.dials, bob.totals.connects) == (2, 1)
    assert (alice.totals.dials, alice.totals.connects) == ((3, 1) if since is None else (1, 1))


@ENGINES
@pytest.mark.parametrize("since", [None, date(2026, 11, 19)])
def test_the_team_rows_agree_and_the_whole_team_is_unchanged(db, since):
    _history(db)
    team = team_stats(db, NOW, NY, since)
    assert list(team) == ["", "alice", "bob"]  # '': the dial nobody recorded a rep for
    for rep in ("alice", "bob"):
        assert team[rep] == stats_for(db, NOW, NY, since, rep=rep)
    assert _attempts(team[""]) == ({"1": (1, 0)} if since is None else {})
    whole = stats_for(db, NOW, NY, since)
    if since is None:
        assert _attempts(whole) == {"1": (3, 0), "2": (2, 1), "3": (1, 1)}
        assert _late(whole) == (1, 2, 0.5)
    else:
        assert _attempts(whole) == {"1": (1, 0), "2": (1, 1), "3": (1, 1)}
    # Every call is one row's, so the rows' attempts add up to the whole team's.
    for n, bar in enumerate(whole.persistence.attempts):
        rows = [stats.persistence.attempts[n] for stats in team.values()]
        assert (bar.dials, bar.connects) == (
            sum(r.dials for r in rows),
            sum(r.connects for r in rows),
        )
    assert whole.persistence.late_connects == sum(
        s.persistence.late_connects for s in team.values()
    )


@pytest.mark.parametrize("since", [None, date(2026, 11, 1), date(2026, 11, 16)])
def test_on_the_sample_each_reps_attempts_add_up_to_the_whole(sample_db, frozen, since):
    """Touch by touch between two reps and nobody: one rep's dials on attempt n and
    the others' make the whole team's, and the scan equals the plain definition."""
    sample_db.execute(
        "UPDATE touches SET rep = CASE id % 3 WHEN 0 THEN 'alice' WHEN 1 THEN 'bob' END"
    )
    now = frozen.now()
    whole = stats_for(sample_db, now, NY, since)
    team = team_stats(sample_db, now, NY, since)
    assert team == team_stats_from_facts(sample_db, now, NY, since)
    for rep in ("alice", "bob"):
        assert stats_for(sample_db, now, NY, since, rep) == team[rep]
        assert stats_from_facts(sample_db, now, NY, since, rep) == team[rep]
    for n, bar in enumerate(whole.persistence.attempts):
        rows = [stats.persistence.attempts[n] for stats in team.values()]
        assert bar.dials == sum(r.dials for r in rows)
        assert bar.connects == sum(r.connects for r in rows)
    assert whole.persistence.late_connects == sum(
        s.persistence.late_connects for s in team.values()
    )
    assert sum(bar.dials for bar in whole.persistence.attempts[2:])  # not all on 1 and 2


def test_the_reps_scan_with_the_others_calls_stays_on_the_history_index(sample_db, frozen):
    """The others' calls are picked by prospect from a second map: the walk still
    never visits the table nor sorts."""
    from followup_tui.store.stats import _scan_sql, _theirs

    where = _theirs(1, with_calls=True)
    sql = _scan_sql(mine=1).format(codes="flags", talk="duration_s", where=where)
    plan = " ".join(
        str(row[3]) for row in sample_db.execute("EXPLAIN QUERY PLAN " + sql, [b"", b""])
    )
    assert "USING COVERING INDEX idx_touches_history" in plan
    assert "B-TREE" not in plan
