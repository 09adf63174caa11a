"""Two reps on one PostgreSQL database (and the same code on SQLite): claims keep
them off each other's prospects, a do-not-call reaches the other at the next check."""

from __future__ import annotations

import pytest

from followup_tui.domain.outcomes import Decision, Outcome, plan_after
from followup_tui.domain.policy import Policy
from followup_tui.intake.sample import load_sample
from followup_tui.session.core import WorkSession
from followup_tui.store import prospects as store
from followup_tui.store import touches
from followup_tui.store.engines import open_database, store_for
from tests.session.conftest import started


@pytest.fixture
def team_url(pg_url, frozen):
    db = open_database(pg_url)
    load_sample(db, frozen.now())
    db.close()
    return pg_url


def _session(url: str, rep: str) -> WorkSession:
    return started(store_for(url, rep=rep))


def _calls(work: WorkSession) -> list[int]:
    return [e.prospect.id for e in work.queue.ready if e.step is None or e.step.is_call]


def test_two_reps_see_different_heads_and_dial_different_people(team_url, frozen):
    alice, bob = _session(team_url, "alice"), _session(team_url, "bob")
    try:
        assert alice.queue.ready[0].prospect.id != bob.queue.ready[0].prospect.id
        assert alice.queue.ready[0].prospect.id not in {e.prospect.id for e in bob.queue.ready}
        mine = _calls(alice)[0]
        assert alice.dial(mine, override=True, skip_task=False).failed is False
        refused = bob.dial(mine, override=True, skip_task=False)
        assert refused.failed and "alice" in refused.notice.text
        bob.keep_up()
        assert mine not in {e.prospect.id for e in bob.queue.ready}
        theirs = _calls(bob)[0]
        assert theirs != mine
        assert bob.dial(theirs, override=True, skip_task=False).failed is False
        db = alice.store.db()
        reps = dict(db.execute("SELECT prospect_id, rep FROM touches WHERE outcome IS NULL"))
        assert reps == {mine: "alice", theirs: "bob"}
    finally:
        alice.store.close()
        bob.store.close()


def test_a_do_not_call_leaves_the_other_reps_queue_at_the_next_check(team_url, frozen):
    alice, bob = _session(team_url, "alice"), _session(team_url, "bob")
    try:
        target = next(pid for pid in _calls(bob) if pid in _calls(alice))
        with alice.store.writing() as db:
            prospect = store.get_prospect(db, target)
            plan = plan_after(prospect, Outcome.DO_NOT_CALL, frozen.now(), Policy())
            touches.log_outcome(db, target, Outcome.DO_NOT_CALL, plan, frozen.now())
        assert bob.keep_up().stale  # the next check (every 2 s in the app) sees it
        built, since = bob.read_queue()
        bob.merge_queue(built, since)
        assert target not in {e.prospect.id for e in bob.queue.ready + bob.queue.held}
    finally:
        alice.store.close()
        bob.store.close()


def _shown(work: WorkSession) -> set[int]:
    return {e.prospect.id for e in work.queue.ready + work.queue.held}


def _owner_and_callback_for(work: WorkSession, pid: int) -> tuple[str | None, str | None]:
    row = (
        work.store.db()
        .execute("SELECT owner, callback_for FROM prospects WHERE id = ?", [pid])
        .fetchone()
    )
    return row[0], row[1]


def test_a_callback_for_me_stays_mine_one_for_anyone_goes_to_the_team(team_url, frozen):
    alice, bob = _session(team_url, "alice"), _session(team_url, "bob")
    try:
        mine, anyone = _calls(alice)[:2]
        for pid, for_anyone in ((mine, False), (anyone, True)):
            result = alice.log(pid, Outcome.CONNECTED, channel="call",
                               decision=Decision.CALLBACK, when=frozen.now().add(hours=1),
                               for_anyone=for_anyone)  # fmt: skip
            assert not result.failed and result.question is None
        assert _owner_and_callback_for(alice, mine) == (None, "alice")
        assert _owner_and_callback_for(alice, anyone) == (None, None)
        frozen.advance(2 * 3600)  # both callbacks are due
        bob.keep_up()  # bob first: he may take the callback for anyone
        assert anyone in _shown(bob)
        assert mine not in _shown(bob)
        alice.keep_up()
        assert mine in _shown(alice)
    finally:
        alice.store.close()
        bob.store.close()


def test_a_meeting_makes_the_prospect_the_bookers_and_undo_gives_it_back(team_url, frozen):
    alice, bob = _session(team_url, "alice"), _session(team_url, "bob")
    try:
        pid = _calls(alice)[0]
        assert not alice.log(pid, Outcome.MEETING, channel="call").failed
        assert _owner_and_callback_for(alice, pid) == ("alice", None)
        bob.keep_up()
        assert pid in bob.claims.hidden
        assert not alice.undo().failed
        assert _owner_and_callback_for(alice, pid) == (None, None)
        bob.keep_up()
        assert pid not in bob.claims.hidden or pid == alice.claims.head
    finally:
        alice.store.close()
        bob.store.close()


def test_followup_queue_on_a_teams_database_is_the_reps_own(team_url, frozen):
    """`followup queue --rep bob` leaves out alice's prospects, as bob's app does."""
    import json

    from click.testing import CliRunner

    from followup_tui.cli import main
    from followup_tui.store import team

    db = open_database(team_url)
    due = [e.prospect.id for e in store.queue_now(db, frozen.now(), Policy()).ready]
    team.assign(db, "alice", ids=due[:3])
    db.close()

    def queue(rep: str) -> list[int]:
        result = CliRunner().invoke(
            main, ["--db", team_url, "--rep", rep, "queue", "--format", "json"],
            env={"FOLLOWUP_NOW": frozen.now().isoformat()},
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        return [record["id"] for record in json.loads(result.output)]

    assert queue("alice") == due
    assert queue("bob") == due[3:]


def test_a_colleagues_live_dial_is_theirs_to_log(team_url, frozen):
    """Bob finds Alice's prospect mid-call: `f` refuses, in words, rather than
    taking the dial over (his Esc then discarded her call)."""
    alice, bob = _session(team_url, "alice"), _session(team_url, "bob")
    try:
        pid = _calls(alice)[0]
        assert not alice.dial(pid).failed
        frozen.advance(30 * 60)  # old enough to be "left unlogged" if it were his
        said = bob.finish_dial(pid)
        assert said.failed and said.notice is not None
        assert "alice is on the dial" in said.notice.text
        assert bob.running is None and alice.running is not None
        assert not alice.log(pid, Outcome.NO_ANSWER).failed
    finally:
        alice.store.close()
        bob.store.close()


def test_the_prospect_a_rep_stops_on_is_theirs_while_they_prepare(team_url, frozen):
    """Claims follow the rep's cursor, not only the head of the queue: Alice stops on
    her fourth call; Bob's queue leaves it out at his next check, and Bob stopping on
    it is told who has it (both sat on the same prospect)."""
    alice, bob = _session(team_url, "alice"), _session(team_url, "bob")
    try:
        target = next(pid for pid in _calls(alice)[3:] if pid in _calls(bob))
        assert not alice.look_at(target).failed
        assert alice.claims.head == target
        alice.keep_up()  # her queue read again keeps it hers, not the top of the list
        assert alice.claims.head == target
        said = bob.look_at(target)
        assert said.notice is not None and "being worked by alice" in said.notice.text
        assert target not in {e.prospect.id for e in bob.queue.ready}
        bob.keep_up()
        assert target not in {e.prospect.id for e in bob.queue.ready}
    finally:
        alice.store.close()
        bob.store.close()


def test_each_reps_stats_are_their_own(team_url, frozen):
    """`t` said "Your numbers" and counted every rep's dials in a team's database."""
    alice, bob = _session(team_url, "alice"), _session(team_url, "bob")
    try:
        before = alice.stats().totals.dials, bob.stats().totals.dials
        mine = _calls(alice)[0]
        alice.dial(mine, override=True, skip_task=False)
        alice.log(mine, Outcome.NO_ANSWER)
        assert alice.stats().totals.dials == before[0] + 1
        assert bob.stats().totals.dials == before[1]
    finally:
        alice.store.close()
        bob.store.close()
