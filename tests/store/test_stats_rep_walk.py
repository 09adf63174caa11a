"""One walk of the history for a group of reps (`stats --rep`, `stats --team`, the T
screen): each rep's numbers are as if counted alone, by the plain definition.

The walk reads every touch once and marks each with its rep's number in the group;
every other touch only keeps its place among the prospect's calls. These tests hold
it to `stats_from_facts` / `team_stats_from_facts` where the packing could go wrong:
reps split over several walks, day codes near the window's edges, and the others'
touches that must count for nothing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup_tui.store import stats as stats_module
from followup_tui.store.db import open_db, write_transaction
from followup_tui.store.stats import (
    _Common,
    _walk_sql,
    stats_for,
    stats_from_facts,
    team_stats,
    team_stats_from_facts,
)
from tests.store.test_stats import _histories, _shared

NY = "America/New_York"
REPS = [None, "", "alice", "bob", "carol", "dave"]


def _same(fast, plain):
    """Field by field first, so a failure names the field."""
    for field in fast.__struct_fields__:
        assert getattr(fast, field) == getattr(plain, field), field
    assert fast == plain


def _insert(db, pid, channel, outcome, started, rep, duration=None):
    db.execute(
        "INSERT INTO touches (prospect_id, channel, outcome, started_at, duration_s, rep,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [pid, channel, outcome, started, duration, rep, started],
    )


def _prospects(db, count, zone=NY, status="not_now"):
    stamp = "2026-01-01T00:00:00Z"
    scheduled = "2026-12-01T15:00:00Z" if status == "active" else None
    with write_transaction(db):
        for n in range(1, count + 1):
            db.execute(
                "INSERT INTO prospects (id, name, phone_zones, status, do_not_call,"
                " next_touch_at, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)",
                [n, f"P{n}", zone, status, scheduled, stamp, stamp],
            )


@settings(max_examples=60, deadline=None)
@given(
    _histories(),
    st.lists(st.sampled_from(REPS), min_size=40, max_size=40),
    st.sampled_from([NY, "Australia/Lord_Howe", "UTC"]),
    st.none() | st.integers(-130, 0),
    st.integers(1, 4),
)
def test_reps_walked_in_groups_equal_the_plain_definition(
    history, reps, rep_zone, days_back, group
):
    """Random histories touch by touch among five reps, walked `group` reps at a time."""
    db, now, since = _shared(history, reps, days_back)
    plain = team_stats_from_facts(db, now, rep_zone, since)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(stats_module, "_GROUP", group)
        team = team_stats(db, now, rep_zone, since)
    assert list(team) == list(plain)
    for rep in plain:
        _same(team[rep], plain[rep])
    for rep in ("carol", "nobody"):
        _same(
            stats_for(db, now, rep_zone, since, rep),
            stats_from_facts(db, now, rep_zone, since, rep),
        )


def test_a_long_window_walks_fewer_reps_at_once_and_counts_the_same(sample_db, frozen):
    """Each rep's day codes take a span of the window's days: from 1990, only two
    reps' fit in Unicode, so four reps take two walks."""
    sample_db.execute(
        "UPDATE touches SET rep = CASE id % 4 WHEN 0 THEN 'alice' WHEN 1 THEN 'bob'"
        " WHEN 2 THEN 'carol' END"
    )
    now, since = frozen.now(), date(1990, 1, 1)
    assert _Common(sample_db, now, NY, since).group_size == 2
    team = team_stats(sample_db, now, NY, since)
    plain = team_stats_from_facts(sample_db, now, NY, since)
    assert list(team) == ["", "alice", "bob", "carol"]
    for rep in plain:
        _same(team[rep], plain[rep])


@pytest.mark.parametrize("since", [None, date(2010, 11, 7)])
def test_a_dst_change_across_midnight_keeps_each_reps_days_apart(tmp_path, since):
    """St. John's fell back at 00:01 on 7 Nov 2010, to 23:01 on the 6th: a touch at
    00:00:30 lies on a day after now's (23:30 on the 6th), and one at 23:15 on the day
    before `since`'s midnight. Their day codes stay in their own rep's span: three
    reps with the same history, walked two then one, have the same rows, and (with
    no `since`) they are what the scan of every touch gives for that history alone.
    (The plain definition counts such days otherwise.)"""
    zone = "America/St_Johns"
    now = datetime(2010, 11, 7, 3, 0, tzinfo=UTC)
    alone, team = open_db(tmp_path / "alone.db"), open_db(tmp_path / "team.db")
    _prospects(alone, 1, zone, "active")
    _prospects(team, 3, zone, "active")
    with write_transaction(alone), write_transaction(team):
        for rep, pid in (("alice", 1), ("bob", 2), ("carol", 3)):
            for started, outcome, seconds in _MIDNIGHT:
                _insert(team, pid, "call", outcome, started, rep, seconds)
                if rep == "alice":
                    _insert(alone, pid, "call", outcome, started, rep, seconds)
    expected = stats_for(team, now, zone, since, "alice")
    if since is None:
        assert stats_for(alone, now, zone) == expected
        assert sum(day.dials for day in expected.days) == 2  # one lies after today
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(stats_module, "_GROUP", 2)  # bob walks with alice, carol alone
        rows = team_stats(team, now, zone, since)
    assert rows == {"alice": expected, "bob": expected, "carol": expected}


_MIDNIGHT = [
    ("2010-11-06T15:00:00Z", "no_answer", 20),
    ("2010-11-07T02:30:30Z", "connected", 60),
    ("2010-11-07T02:45:00Z", "connected", 90),
]


def test_the_others_touches_after_a_reps_last_call_change_nothing_of_theirs(db):
    """bob's calls after alice's last call to the prospect, and his emails before it,
    neither number her calls nor count as anything of hers; his calls before hers do."""
    _prospects(db, 1, status="active")
    with write_transaction(db):
        _insert(db, 1, "call", "no_answer", "2026-11-16T15:00:00Z", "alice", 20)
        _insert(db, 1, "call", "connected", "2026-11-17T15:00:00Z", "alice", 60)
    now = datetime(2026, 11, 23, 15, tzinfo=UTC)
    alone = stats_for(db, now, NY, rep="alice")
    with write_transaction(db):
        _insert(db, 1, "email", "sent", "2026-11-16T16:00:00Z", "bob")
        _insert(db, 1, "call", "connected", "2026-11-18T15:00:00Z", "bob", 300)
        _insert(db, 1, "call", None, "2026-11-19T15:00:00Z", "bob")
    _same(stats_for(db, now, NY, rep="alice"), alone)
    _same(team_stats(db, now, NY)["alice"], alone)
    with write_transaction(db):
        _insert(db, 1, "call", "voicemail", "2026-11-16T14:00:00Z", None, 20)
    moved = stats_for(db, now, NY, rep="alice")
    attempts = {bar.label: bar.dials for bar in moved.persistence.attempts if bar.dials}
    assert attempts == {"2": 1, "3": 1}  # after the call nobody recorded a rep for
    assert (moved.totals.dials, moved.totals.talk_time_s) == (2, 60)


@pytest.mark.parametrize("reps", [1, 3])
def test_the_group_walk_stays_on_the_history_index(sample_db, frozen, reps):
    """The SQL the group walk runs: idx_touches_history, no table, no sort."""
    common = _Common(sample_db, frozen.now(), NY, None)
    sql = _walk_sql(common.days, common.zones[1], reps)
    params = [common.zones[0], *common.days.window, b""]
    plan = " ".join(str(row[3]) for row in sample_db.execute("EXPLAIN QUERY PLAN " + sql, params))
    assert "USING COVERING INDEX idx_touches_history" in plan
    assert "B-TREE" not in plan
