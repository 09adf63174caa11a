"""The `followup` command, run as a script would run it."""

from __future__ import annotations

import json

from click.testing import CliRunner

from followup_tui.cli import main
from followup_tui.domain.clock import parse_instant
from followup_tui.domain.policy import Policy
from followup_tui.intake.sample import load_sample
from followup_tui.store.db import open_db
from followup_tui.store.prospects import queue_now

NOW_TEXT = "2026-11-23T09:30:00-05:00"


def run(*args, env=None):
    return CliRunner().invoke(main, list(args), env={"FOLLOWUP_NOW": NOW_TEXT, **(env or {})})


def test_queue_json_is_the_app_queue_in_the_same_order(tmp_path):
    path = tmp_path / "rep.db"
    db = open_db(path)
    load_sample(db, parse_instant(NOW_TEXT))
    expected = [e.prospect.id for e in queue_now(db, parse_instant(NOW_TEXT), Policy()).ready]
    db.close()
    result = run("--db", str(path), "queue", "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert [r["id"] for r in records] == expected
    for key in ("id", "name", "company", "phone_e164", "timezone", "next_touch_at", "touch_count"):
        assert key in records[0]
    assert (
        json.loads(run("--db", str(path), "queue", "--format", "json", "--limit", "3").output)[-1][
            "id"
        ]
        == expected[2]
    )


def test_queue_text_lists_names_literally(tmp_path):
    result = run("--demo", "--db", str(tmp_path / "demo.db"), "queue")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["ID", "NAME", "COMPANY"]
    assert any("Maeve O'Brien [CEO]" in line for line in lines)


def test_demo_refuses_a_database_that_holds_data(tmp_path):
    path = tmp_path / "mine.db"
    open_db(path).close()
    before = path.read_bytes()
    result = run("--demo", "--db", str(path), "queue")
    assert result.exit_code != 0
    assert "already holds data" in result.output
    assert path.read_bytes() == before


def test_demo_without_db_never_touches_the_rep_database(tmp_path):
    rep_db = tmp_path / "env.db"  # FOLLOWUP_DB from the autouse fixture
    result = run("--demo", "queue", "--limit", "1")
    assert result.exit_code == 0, result.output
    assert not rep_db.exists()


def test_followup_db_variable_picks_the_database(tmp_path):
    chosen = tmp_path / "chosen.db"
    result = run("queue", env={"FOLLOWUP_DB": str(chosen)})
    assert result.exit_code == 0
    assert "Nobody is due" in result.output
    assert chosen.exists()


def test_bad_followup_now_is_a_clear_message_not_a_traceback():
    result = run("queue", env={"FOLLOWUP_NOW": "next tuesday"})
    assert result.exit_code != 0
    assert "FOLLOWUP_NOW" in result.output or "ISO-8601" in result.output
    assert "Traceback" not in result.output


def test_broken_config_is_a_clear_message(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("region = [oops")
    result = run("queue", env={"FOLLOWUP_CONFIG": str(config)})
    assert result.exit_code != 0
    assert "not valid TOML" in result.output


def test_a_file_that_is_not_a_database_is_reported(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"definitely not sqlite" * 50)
    result = run("--db", str(junk), "queue")
    assert result.exit_code != 0
    assert "cannot open" in result.output
    assert "Traceback" not in result.output
