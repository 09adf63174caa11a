"""The store contract on both engines (tests/store/conftest.py runs each test on
SQLite and on PostgreSQL): what a team relies on, and the same answers for the
same data."""

from __future__ import annotations

import pendulum
import pytest

from followup_tui.domain.models import NewProspect
from followup_tui.domain.outcomes import Outcome, plan_after
from followup_tui.domain.policy import Policy
from followup_tui.intake.sample import load_sample
from followup_tui.store import prospects as store
from followup_tui.store import team, touches
from followup_tui.store.db import open_db, write_transaction
from followup_tui.store.engines import open_database
from followup_tui.store.stats import stats_for, team_stats

NOW = pendulum.datetime(2026, 11, 23, 15, 0, tz="UTC")
NY = "America/New_York"


@pytest.fixture
def second(db, engine, tmp_path, request):
    """Another connection to the same database: a second rep's."""
    if engine == "postgresql":
        other = open_database(request.getfixturevalue("pg_url"))
    else:
        from followup_tui.store.db import database_file

        other = open_db(database_file(db))
    yield other
    other.close()


def _add(db, name="Dana Whitfield", **fields):
    with write_transaction(db):
        return store.insert_prospect(
            db,
            NewProspect(
                name=name,
                phone_raw="(312) 555-0142",
                phone_e164="+13125550142",
                phone_zones=("America/Chicago",),
                next_touch_at=NOW.subtract(hours=1),
                **fields,
            ),
            NOW,
        )


def _log(db, pid, outcome, dial=None):
    plan = plan_after(store.get_prospect(db, pid), outcome, NOW, Policy())
    return touches.log_outcome(db, pid, outcome, plan, NOW, dial=dial)


def test_every_touch_block_and_undo_entry_records_its_rep(db):
    team.set_rep(db, "alice")
    pid = _add(db)
    dial = touches.start_dial(db, pid, NOW)
    _log(db, pid, Outcome.NO_ANSWER, dial=dial)
    from followup_tui.store import call_blocks

    block = call_blocks.start_block(db, 30, 20, NOW)
    assert db.execute("SELECT rep FROM touches").fetchall() == [("alice",)]
    assert db.execute("SELECT rep FROM undo_log").fetchall() == [("alice",)]
    assert db.execute("SELECT rep FROM call_blocks WHERE id = ?", [block.id]).fetchone() == (
        "alice",
    )


def test_a_claim_is_one_reps_until_released_or_expired(db, second):
    pid = _add(db)
    assert team.claim(db, pid, "alice", NOW) == ""
    assert team.claim(second, pid, "bob", NOW) == "alice"
    assert team.claim(db, pid, "alice", NOW.add(seconds=5)) == ""  # renewing is claiming again
    assert team.claimed_by_others(second, "bob", NOW) == {pid}
    assert team.claimed_by_others(db, "alice", NOW) == frozenset()
    later = NOW.add(seconds=team.CLAIM_SECONDS + 10)
    assert team.claim(second, pid, "bob", later) == ""  # alice's lease ran out
    team.release_claims(second, "bob")
    assert team.claim(db, pid, "alice", later) == ""


def _flushed_at_commit(db, engine) -> bool:
    """Whether a write committed now waits for the disk."""
    if engine == "postgresql":
        return db.execute("SHOW synchronous_commit").fetchone()[0] == "on"
    return db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_a_lease_is_written_without_a_flush_and_every_other_write_with_one(db, engine, second):
    pid = _add(db)
    assert _flushed_at_commit(db, engine)
    with write_transaction(db, durable=False):
        assert not _flushed_at_commit(db, engine)
        assert team.claim(db, pid, "alice", NOW) == ""
        with write_transaction(db):  # inside, the outermost write decides
            assert not _flushed_at_commit(db, engine)
    assert team.claim(second, pid, "bob", NOW) == "alice"  # committed, seen at once
    assert _flushed_at_commit(db, engine)  # the next write is flushed again
    with pytest.raises(RuntimeError), write_transaction(db, durable=False):
        team.release_claims(db, "alice")
        raise RuntimeError("a failed lease write")
    assert _flushed_at_commit(db, engine)
    assert team.claim(second, pid, "bob", NOW) == "alice"  # rolled back


def test_undo_and_a_left_dial_are_the_reps_own(db, second):
    team.set_rep(db, "alice")
    team.set_rep(second, "bob")
    first, other = _add(db), _add(db, "Ravi Menon")
    _log(db, first, Outcome.NO_ANSWER)
    left = touches.start_dial(second, other, NOW)
    assert touches.open_dial(db, "alice") is None
    assert touches.open_dial(second, "bob").id == left.id
    day = (NOW.start_of("day"), NOW.add(days=1))
    assert touches.day_counts(db, *day, "alice").dials == 1  # the status line: theirs
    assert touches.day_counts(second, *day, "bob").dials == 0
    assert touches.undo_last_outcome(second, "bob") is None
    assert touches.undo_last_outcome(db, "alice").prospect_id == first


def test_a_meeting_stays_with_who_booked_it_and_undo_gives_it_back(db):
    pid = _add(db)
    team.assign(db, "carol", ids=[pid])
    plan = plan_after(store.get_prospect(db, pid), Outcome.MEETING, NOW, Policy())
    touches.log_outcome(db, pid, Outcome.MEETING, plan, NOW, owner="alice")
    assert db.execute("SELECT owner FROM prospects WHERE id = ?", [pid]).fetchone() == ("alice",)
    touches.undo_last_outcome(db)
    assert db.execute("SELECT owner FROM prospects WHERE id = ?", [pid]).fetchone() == ("carol",)
    _log(db, pid, Outcome.NO_ANSWER)  # no owner given: it stays as it was
    assert db.execute("SELECT owner FROM prospects WHERE id = ?", [pid]).fetchone() == ("carol",)


def test_a_callback_for_me_is_hidden_from_the_others_one_for_anyone_is_not(db):
    mine, anyone = _add(db), _add(db, "Ravi Menon")
    for pid, whom in ((mine, "alice"), (anyone, None)):
        plan = plan_after(store.get_prospect(db, pid), Outcome.CONNECTED, NOW, Policy(),
                          callback_at=NOW.add(hours=2))  # fmt: skip
        touches.log_outcome(db, pid, Outcome.CONNECTED, plan, NOW, callback_for=whom)
    assert team.not_mine(db, "bob") == {mine}
    assert team.not_mine(db, "alice") == frozenset()
    touches.undo_last_outcome(db)
    touches.undo_last_outcome(db)
    assert team.not_mine(db, "bob") == frozenset()
    plan = plan_after(store.get_prospect(db, mine), Outcome.CONNECTED, NOW, Policy(),
                      callback_at=NOW.add(hours=2))  # fmt: skip
    touches.log_outcome(db, mine, Outcome.CONNECTED, plan, NOW, callback_for="alice")
    _log(db, mine, Outcome.NO_ANSWER)  # the callback was made: no longer anyone's promise
    assert db.execute("SELECT callback_for FROM prospects WHERE id = ?", [mine]).fetchone() == (
        None,
    )


def test_other_connections_commits_move_the_data_version(db, second):
    pid = _add(db)
    before = _version(second)
    with write_transaction(db):
        db.execute("UPDATE prospects SET do_not_call = 1 WHERE id = ?", [pid])
    assert _version(second) != before
    assert store.get_prospect(second, pid).do_not_call


def _version(db) -> int:
    return int(db.execute("PRAGMA data_version").fetchone()[0])


def test_find_ignores_case_and_ids_follow_imports(sample_db):
    found = store.find_prospects(sample_db, "whitfield")
    assert found and all("whitfield" in p.name.lower() for p in found)
    assert _add(sample_db, "Newcomer") > max(p.id for p in found)


def test_assign_moves_prospects_between_reps_and_the_pool(sample_db):
    total = sample_db.execute("SELECT count(*) FROM prospects").fetchone()[0]
    assert team.assign(sample_db, "alice", pool=True).moved == total
    assert team.not_mine(sample_db, "bob") == team.not_mine(sample_db, "carol")
    assert len(team.not_mine(sample_db, "alice")) == 0
    moved = team.assign(sample_db, None, from_rep="alice", country="44").moved
    assert 0 < moved < total
    assert len(team.not_mine(sample_db, "bob")) == total - moved


def test_assign_counts_only_real_moves_and_names_ids_not_moved(sample_db):
    first, second_, bob_s = (
        row[0] for row in sample_db.execute("SELECT id FROM prospects ORDER BY id LIMIT 3")
    )
    team.assign(sample_db, "bob", ids=[bob_s])
    done = team.assign(sample_db, None, ids=[first, second_, 99999])
    assert (done.moved, done.already_ids, done.missing) == (0, (first, second_), (99999,))
    done = team.assign(sample_db, "bob", pool=True, ids=[first, bob_s])
    assert (done.moved, done.already_ids, done.unmatched) == (1, (), (bob_s,))
    again = team.assign(sample_db, "bob", ids=[first, bob_s])
    assert (again.moved, again.already, again.already_ids) == (0, 2, (first, bob_s))
    whole = sample_db.execute("SELECT count(*) FROM prospects").fetchone()[0]
    everyone = team.assign(sample_db, "bob", pool=True)
    assert (everyone.moved, everyone.already) == (whole - 2, 0)
    assert team.assign(sample_db, "bob", from_rep="bob").already == whole


def test_team_numbers_split_the_history_by_rep(sample_db):
    sample_db.execute("UPDATE touches SET rep = CASE WHEN id % 2 = 0 THEN 'alice' ELSE 'bob' END")
    numbers = team_stats(sample_db, NOW, NY)
    assert set(numbers) == {"alice", "bob"}
    whole = stats_for(sample_db, NOW, NY)
    assert sum(s.totals.dials for s in numbers.values()) == whole.totals.dials
    assert stats_for(sample_db, NOW, NY, rep="alice") == numbers["alice"]
    assert {line.name for line in team.team(sample_db)} == {"alice", "bob"}


def test_the_same_data_gives_the_same_answers_on_both_engines(sample_db, tmp_path, frozen):
    """The queue and the numbers of the sample on this engine equal SQLite's."""
    reference = open_db(tmp_path / "reference.db")
    load_sample(reference, frozen.now())
    now = frozen.now()
    for db in (sample_db, reference):
        db.execute("UPDATE touches SET rep = 'alice'")
    mine, theirs = (
        store.queue_now(sample_db, now, Policy()),
        store.queue_now(reference, now, Policy()),
    )
    assert [e.prospect for e in mine.ready] == [e.prospect for e in theirs.ready]
    assert [(e.prospect.id, e.hold) for e in mine.held] == [
        (e.prospect.id, e.hold) for e in theirs.held
    ]
    assert store.queue_head(sample_db, now, Policy()) == store.queue_head(reference, now, Policy())
    assert stats_for(sample_db, now, NY) == stats_for(reference, now, NY)
    assert team_stats(sample_db, now, NY) == team_stats(reference, now, NY)
    reference.close()


def test_postgresql_has_a_twin_of_every_sqlite_migration():
    from followup_tui.store.db import MIGRATIONS as SQLITE
    from followup_tui.store.pg.schema import MIGRATIONS as POSTGRES

    assert [name for name, _ in POSTGRES] == list(SQLITE)


def test_find_matches_any_of_the_numbers_on_both_engines(db):
    """A rep searching by the mobile they were called back from finds the prospect,
    whichever number is the main one."""
    from followup_tui.domain.models import PhoneNumber
    from followup_tui.store import phones

    dana = _add(db)  # main number (312) 555-0142
    with write_transaction(db):
        phones.add_number(
            db, dana, PhoneNumber("mobile", "+1 (773) 555-0199", "+17735550199"), NOW.isoformat()
        )
    assert [p.id for p in store.find_prospects(db, "773 555 0199")] == [dana]
    assert [p.id for p in store.find_prospects(db, "(773) 555-01")] == [dana]
    assert [p.id for p in store.find_prospects(db, "3125550142")] == [dana]
    assert store.find_prospects(db, "6665550199") == []
