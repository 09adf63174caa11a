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
    open_db(chosen).close()  # `queue` only reads: it never creates the file (issue 11)
    result = run("queue", env={"FOLLOWUP_DB": str(chosen)})
    assert result.exit_code == 0
    assert "Nobody is due" in result.output
    assert not (tmp_path / "env.db").exists()


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


def _four_cities(tmp_path):
    """Chicago, London, Honolulu and Alaska prospects, all due."""
    from followup_tui.domain.models import NewProspect
    from followup_tui.domain.phones import parse_phone
    from followup_tui.store.db import write_transaction
    from followup_tui.store.prospects import insert_prospect

    path = tmp_path / "cities.db"
    db = open_db(path)
    now = parse_instant(EARLY)
    with write_transaction(db):
        for name, raw in (
            ("Chicago", "(312) 555-0142"),
            ("London", "+44 20 7946 0123"),
            ("Honolulu", "(808) 555-0123"),
            ("Alaska", "(907) 555-0111"),
        ):
            phone = parse_phone(raw, "US")
            insert_prospect(db, NewProspect(name=name, phone_raw=raw, phone_e164=phone.e164,
                                            phone_zones=phone.zones,
                                            next_touch_at=now.subtract(hours=1)), now)  # fmt: skip
    db.close()
    return path


EARLY = "2026-11-23T07:30:00-06:00"  # 07:30 in Chicago, 13:30 in London


def test_queue_and_held_split_by_calling_hours(tmp_path):
    path = _four_cities(tmp_path)
    ready = json.loads(run("--db", str(path), "queue", "--format", "json",
                           env={"FOLLOWUP_NOW": EARLY}).output)  # fmt: skip
    assert [r["name"] for r in ready] == ["London"]
    result = run("--db", str(path), "queue", "--held", "--format", "json",
                 env={"FOLLOWUP_NOW": EARLY})  # fmt: skip
    held = {r["name"]: r for r in json.loads(result.output)}
    assert set(held) == {"Chicago", "Honolulu", "Alaska"}
    assert held["Chicago"]["held_reason"] == "outside calling hours, opens Mon 08:00 their time"
    assert held["Chicago"]["opens_at"] == "2026-11-23T14:00:00Z"
    assert held["Honolulu"]["opens_at"] == "2026-11-23T18:00:00Z"  # 08:00 HST
    assert held["Alaska"]["opens_at"] == "2026-11-23T18:00:00Z"  # 08:00 Adak, 09:00 Anchorage
    text = run("--db", str(path), "queue", "--held", env={"FOLLOWUP_NOW": EARLY}).output
    assert "HELD" in text.splitlines()[0] and "opens Mon 08:00" in text


def test_dnc_remove_asks_logs_and_parks(tmp_path):
    path = tmp_path / "rep.db"
    db = open_db(path)
    load_sample(db, parse_instant(NOW_TEXT))
    pid = db.execute("SELECT id FROM prospects WHERE do_not_call = 1").fetchone()[0]
    db.close()
    refused = CliRunner().invoke(main, ["--db", str(path), "dnc", "remove", str(pid),
                                        "--reason", "asked again"], input="n\n")  # fmt: skip
    assert refused.exit_code != 0
    assert open_db(path)["prospects"].get(pid)["do_not_call"] == 1
    done = run("--db", str(path), "dnc", "remove", str(pid), "--reason", "opted in", "--yes")
    assert done.exit_code == 0, done.output
    db = open_db(path)
    row = db["prospects"].get(pid)
    assert (row["do_not_call"], row["status"]) == (0, "not_now")
    log = [(r["action"], r["reason"]) for r in db["dnc_log"].rows_where("prospect_id = ?", [pid])]
    assert log == [("added", "in the sample data"), ("removed", "opted in")]
    blank = run("--db", str(path), "dnc", "remove", "85", "--reason", "  ", "--yes")
    assert blank.exit_code != 0 and "must say why" in blank.output
    again = run("--db", str(path), "dnc", "remove", str(pid), "--reason", "x", "--yes")
    assert again.exit_code != 0 and "not on the do-not-call list" in again.output


def test_broken_cadence_file_is_a_clear_message(tmp_path):
    (tmp_path / "cadences.toml").write_text('[cadence.x]\nsteps = [{ channel = "fax" }]\n')
    result = run("queue", env={"FOLLOWUP_CONFIG": str(tmp_path / "config.toml")})
    assert result.exit_code != 0 and "channel must be one of" in result.output


def test_json_text_is_json_dumps_with_indent():
    from followup_tui.queue_command import json_text

    records = [
        {"id": 1, "name": 'Maeve "Mae" O\'Brien [CEO]', "title": "Directrice générale \u202e",
         "company": "Back\\slash\n\t\x1b[31m", "ext": None, "yes": True, "no": False,
         "count": 0, "emoji": "\U0001f600"},
        {"id": 2, "name": "", "title": None, "company": "x", "ext": "12", "yes": False,
         "no": True, "count": -3, "emoji": "plain"},
    ]  # fmt: skip
    assert json_text(records) == json.dumps(records, indent=2)
    assert json_text([]) == json.dumps([], indent=2)
    nested = [{"id": 1, "tags": ["a"], "score": 1.5}]
    assert json_text(nested) == json.dumps(nested, indent=2)


def test_queue_json_is_written_as_json_dumps_would(sample_db, frozen):
    from followup_tui.queue_command import QueueRecords, json_text

    for hours in (0, 5):
        now = frozen.now().add(hours=hours)
        queue = queue_now(sample_db, now, Policy())
        for entries in (queue.ready, queue.held, []):
            records = QueueRecords(now, "America/New_York")
            expected = json_text([records.record(e) for e in entries])
            assert records.json(entries) == expected == json.dumps(json.loads(expected), indent=2)
        assert queue.ready and queue.held


def test_dnc_list_shows_who_is_on_it_when_and_why(tmp_path):
    """`followup dnc` said 'The do-not-call list.' but could only remove."""
    path = tmp_path / "rep.db"
    db = open_db(path)
    load_sample(db, parse_instant(NOW_TEXT))
    marked = [r["id"] for r in db.query("SELECT id FROM prospects WHERE do_not_call = 1")]
    db.close()
    assert "`list` shows who is on it" in run("dnc", "--help").output
    env = {"FOLLOWUP_TZ": "America/New_York"}
    text = run("--db", str(path), "dnc", "list", env=env)
    assert text.exit_code == 0, text.output
    lines = text.output.splitlines()
    assert lines[0].split() == ["ID", "NAME", "COMPANY", "PHONE", "MARKED", "WHY"]
    assert [int(line.split()[0]) for line in lines[1:]] == marked
    # the year always: the list spans years, and last November's mark is not this one's
    assert all(line.endswith("23 Nov 2026 09:30  in the sample data") for line in lines[1:])
    records = json.loads(run("--db", str(path), "dnc", "list", "--format", "json").output)
    assert [r["id"] for r in records] == marked
    assert records[0]["marked_at"] == "2026-11-23T14:30:00Z"
    assert records[0]["reason"] == "in the sample data" and records[0]["name"]
    for pid in marked:
        run("--db", str(path), "dnc", "remove", str(pid), "--reason", "opted in", "--yes")
    assert run("--db", str(path), "dnc", "list").output == "Nobody is on the do-not-call list.\n"
    assert run("--db", str(path), "dnc", "list", "--format", "json").output == "[]\n"
    missing = run("--db", str(tmp_path / "typo.db"), "dnc", "list")
    assert missing.exit_code == 1 and "no database at" in missing.output
    assert not (tmp_path / "typo.db").exists()


def test_a_command_run_in_process_leaves_the_clock_as_it_found_it(frozen, tmp_path):
    """A test's fixture imported a file with CliRunner; the frozen clock then ran on,
    and a dial timer read 0:01 where the test expected 0:00 on a slow machine."""
    from followup_tui.domain import clock

    result = CliRunner().invoke(main, ["--db", str(tmp_path / "x.db"), "locate"],
                                env={"FOLLOWUP_NOW": "2026-11-23T09:30:00-05:00"})  # fmt: skip
    assert result.exit_code == 0, result.output
    assert clock.current() is frozen
