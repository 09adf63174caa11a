"""One rep's numbers and the team's, counted by the scan, against the plain definition
(`stats_from_facts` and `team_stats_from_facts`, what PostgreSQL still uses)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup_tui.store.stats import (
    stats_for,
    stats_from_facts,
    team_stats,
    team_stats_from_facts,
)
from tests.store.test_stats import _histories, _shared

NY = "America/New_York"

# Ways to hand the sample's touches to reps (SQL for touches.rep).
SPLITS = {
    "parity": "CASE WHEN id % 2 = 0 THEN 'alice' ELSE 'bob' END",
    "one rep owns everything": "'alice'",
    "nobody recorded": "NULL",
    # NULL and '' are both the team's '' rep; 'carol' has every touch of a few
    # prospects, so hers include retired prospects nobody else touched.
    "mixed": "CASE WHEN prospect_id % 5 = 0 THEN 'carol' WHEN id % 3 = 0 THEN NULL"
    " WHEN id % 3 = 1 THEN '' ELSE 'alice' END",
    # dave logs only the unlogged dials and the emails: reps whose prospects have
    # no dials of theirs, and no logged touches of theirs.
    "by channel": "CASE WHEN channel = 'call' AND outcome IS NOT NULL THEN 'alice'"
    " WHEN outcome IS NULL THEN 'dave' ELSE 'erin' END",
}


def _same(fast, facts):
    """Field by field first, so a failure names the field."""
    for field in fast.__struct_fields__:
        assert getattr(fast, field) == getattr(facts, field), field
    assert fast == facts


@pytest.mark.parametrize("split", SPLITS)
@pytest.mark.parametrize("since", [None, date(2026, 11, 1), date(2026, 11, 23)])
def test_team_and_rep_numbers_equal_the_plain_definition(sample_db, frozen, split, since):
    sample_db.execute(f"UPDATE touches SET rep = {SPLITS[split]}")
    now = frozen.now()
    team = team_stats(sample_db, now, NY, since)
    plain = team_stats_from_facts(sample_db, now, NY, since)
    assert list(team) == list(plain)
    for rep in plain:
        _same(team[rep], plain[rep])
    reps = [r for (r,) in sample_db.execute("SELECT DISTINCT rep FROM touches")]
    for rep in [*reps, "nobody", ""]:
        if rep is not None:
            _same(
                stats_for(sample_db, now, NY, since, rep),
                stats_from_facts(sample_db, now, NY, since, rep),
            )


def test_the_rep_filter_keeps_the_scan_on_the_history_index(sample_db, frozen):
    """A rep's touches are picked by id from a map, so the walk never visits the
    table nor sorts (see test_stats.py for the scan without a rep)."""
    from followup_tui.store.stats import SCAN_SQL, _theirs

    sql = SCAN_SQL.format(codes="flags", talk="duration_s", where=_theirs(1))
    plan = " ".join(str(row[3]) for row in sample_db.execute("EXPLAIN QUERY PLAN " + sql, [b""]))
    assert "USING COVERING INDEX idx_touches_history" in plan
    assert "B-TREE" not in plan


def test_a_team_with_no_touches_has_no_reps(db):
    assert team_stats(db, datetime(2026, 11, 23, 15, tzinfo=UTC), NY) == {}


@settings(max_examples=60, deadline=None)
@given(
    _histories(),
    st.lists(st.sampled_from([None, "", "alice", "bob"]), min_size=40, max_size=40),
    st.sampled_from([NY, "Australia/Lord_Howe", "UTC"]),
    st.none() | st.integers(-130, 0),
)
def test_random_histories_split_among_reps(history, reps, rep_zone, days_back):
    """Random histories across DST changes, ties and windows, touch by touch to reps."""
    db, now, since = _shared(history, reps, days_back)
    plain = team_stats_from_facts(db, now, rep_zone, since)
    assert team_stats(db, now, rep_zone, since) == plain
    for rep in ("alice", "", "nobody"):
        assert stats_for(db, now, rep_zone, since, rep) == stats_from_facts(
            db, now, rep_zone, since, rep
        )
