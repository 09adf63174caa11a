"""`followup assign`, `followup team-demo`: what they say they did is what they did."""

from __future__ import annotations

import json

from click.testing import CliRunner

from followup_tui.cli import main
from followup_tui.store.engines import store_for
from tests.conftest import sample_file
from tests.session.conftest import started

NOW_TEXT = "2026-11-23T09:30:00-05:00"


def run(*args):
    return CliRunner().invoke(main, list(args), env={"FOLLOWUP_NOW": NOW_TEXT})


def _sample(tmp_path):
    return sample_file(tmp_path / "rep.db", NOW_TEXT)


def _shown(work) -> set[int]:
    return {e.prospect.id for e in work.queue.ready + work.queue.held}


def test_assign_on_a_one_rep_file_says_what_owning_does_there(tmp_path, frozen):
    path = _sample(tmp_path)
    result = run("--db", str(path), "--rep", "carol", "assign", "--to", "bob", "--area-code", "415")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].endswith("prospects moved to bob.")
    assert "bob has not worked this database yet" in result.output
    assert "only to bob (followup --rep bob), in the app and in `followup queue`" in (result.output)
    assert "not to you (carol)" in result.output

    def queue_of(rep: str) -> list[dict]:
        return json.loads(run("--db", str(path), "--rep", rep, "queue", "--format", "json").output)

    bobs = {r["id"] for r in queue_of("bob") if r["phone_e164"].startswith("+1415")}
    assert bobs, "the sample has 415 numbers due"
    assert not bobs & {r["id"] for r in queue_of("carol")}  # one rule: the app's queue
    carol, bob = started(store_for(path, rep="carol")), started(store_for(path, rep="bob"))
    try:
        assert not bobs & _shown(carol)
        assert bobs <= _shown(bob)
    finally:
        carol.store.close()
        bob.store.close()


def test_assign_counts_only_real_moves_and_names_the_ids_it_did_not_move(tmp_path):
    path = _sample(tmp_path)
    result = run("--db", str(path), "assign", "--pool", "1", "2", "99999")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "0 prospects moved to the shared pool.",
        "Already in the shared pool: 1, 2.",
        "Not found (no prospect has this id): 99999.",
    ]
    result = run("--db", str(path), "--rep", "bob", "assign", "--to", "bob", "--from-pool", "1")
    assert result.output.splitlines()[0] == "1 prospect moved to bob."
    assert "Note:" in result.output  # bob never opened the app here; no one-rep note: he is you
    assert "not to you" not in result.output
    again = run("--db", str(path), "--rep", "bob", "assign", "--to", "bob", "--from-pool", "1")
    assert again.output.splitlines()[:2] == ["0 prospects moved to bob.", "Left as they were"
                                             " (they miss another criterion): 1."]  # fmt: skip


def test_team_demo_says_it_ignores_the_global_db_and_rep(tmp_path, monkeypatch):
    from followup_tui.store.pg import cluster

    def no_server():
        raise cluster.NoPostgres("no PostgreSQL here (test)")

    monkeypatch.setattr(cluster, "throwaway_cluster", no_server)
    mine = tmp_path / "mine.db"
    result = run("--db", str(mine), "--rep", "carol", "team-demo")
    assert result.exit_code == 1
    assert f"Warning: team-demo makes its own throwaway server and ignores --db {mine}" in (
        result.output
    )
    assert "ignores --rep carol: its reps are --reps." in result.output
    assert not mine.exists()
    quiet = run("team-demo")
    assert "Warning" not in quiet.output and "no PostgreSQL here" in quiet.output
