"""Every text the `followup` command prints, fed names and notes from a hostile CRM
file: nothing a terminal would obey reaches it, and rows keep their width. JSON and
CSV keep the data exact. Read-only commands never create a database."""

from __future__ import annotations

import csv
import json
import stat

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from followup_tui.cli import main
from followup_tui.config import data_dir
from followup_tui.domain.clock import parse_instant
from followup_tui.store.db import open_db, write_transaction
from followup_tui.store.touches import insert_past_touch
from followup_tui.terminal_text import cells, safe
from tests.hostile import (
    HOSTILE_NAMES,
    TITLE,
    csv_names,
    hostile_text,
    obeyed,
    write_hostile_csv,
)

NOW_TEXT = "2026-11-23T09:30:00-05:00"


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), env={"FOLLOWUP_NOW": NOW_TEXT}, input=input)


@pytest.fixture
def hostile_db(tmp_path):
    path = tmp_path / "rep.db"
    leads = write_hostile_csv(tmp_path / "leads.csv")
    result = run("--db", str(path), "import", str(leads))
    assert result.exit_code == 0, result.output
    assert not obeyed(result.output)
    return path


def _column_start(header: str, title: str) -> int:
    return cells(header[: header.index(title)])


def _cells_before(row: str, width: int) -> str:
    """The start of `row` up to `width` cells."""
    taken = ""
    for char in row:
        if cells(taken + char) > width:
            break
        taken += char
    return taken


def test_queue_text_shows_hostile_names_without_obeying_them(hostile_db):
    result = run("--db", str(hostile_db), "queue")
    assert result.exit_code == 0, result.output
    assert not obeyed(result.output)
    lines = result.output.rstrip("\n").split("\n")
    assert len(lines) == 1 + len(HOSTILE_NAMES)  # no name broke or overwrote its row
    assert "Eve ␛]0;PWNED␇Mallory" in result.output
    for title in ("COMPANY", "PHONE", "DUE"):
        start = _column_start(lines[0], title)
        for row in lines[1:]:
            before = _cells_before(row, start)
            assert cells(before) == start and before.endswith("  "), (title, row)
            assert row[len(before)] != " "  # the column starts at the same cell in every row


def test_queue_json_keeps_the_data_exact(hostile_db):
    records = json.loads(run("--db", str(hostile_db), "queue", "--format", "json").output)
    assert {r["name"] for r in records} == set(csv_names())


def test_export_keeps_the_data_exact(hostile_db, tmp_path):
    target = tmp_path / "out.csv"
    assert run("--db", str(hostile_db), "export", "prospects", "-o", str(target)).exit_code == 0
    with target.open(encoding="utf-8-sig") as f:
        names = {row["Full Name"] for row in csv.DictReader(f)}
    assert names == set(csv_names())  # escapes and all, byte for byte
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_stats_text_quotes_given_up_names_safely(hostile_db):
    db = open_db(hostile_db)
    with write_transaction(db):
        db.execute("UPDATE prospects SET status = 'not_interested', next_touch_at = NULL")
        for (pid,) in db.execute("SELECT id FROM prospects").fetchall():
            insert_past_touch(db, pid, channel="call", outcome="no_answer",
                              started_at=parse_instant("2026-11-20T15:00:00Z"))  # fmt: skip
    db.close()
    result = run("--db", str(hostile_db), "stats")
    assert result.exit_code == 0, result.output
    assert "Eve ␛]0;PWNED␇Mallory" in result.output  # in the "gave up too early" table
    assert not obeyed(result.output)


def test_import_report_quotes_the_file_s_headers_safely(tmp_path):
    leads = tmp_path / "leads.csv"
    leads.write_text(f"Name,Phone,Fav{TITLE}Colour\nAda,+12125550100,red\n", encoding="utf-8")
    result = run("--db", str(tmp_path / "r.db"), "import", "--dry-run", str(leads))
    assert result.exit_code == 0, result.output
    assert "Fav␛]0;PWNED␇Colour" in result.output and not obeyed(result.output)


def test_dnc_messages_quote_the_name_safely(hostile_db):
    db = open_db(hostile_db)
    db.execute("UPDATE prospects SET do_not_call = 1, status = 'do_not_call' WHERE id = 1")
    db.close()
    result = run("--db", str(hostile_db), "dnc", "remove", "1", "--reason", "asked")
    assert result.exit_code == 1  # asked to confirm, got no answer
    assert "Eve ␛]0;PWNED␇Mallory" in result.output and not obeyed(result.output)
    result = run("--db", str(hostile_db), "dnc", "remove", "2", "--reason", "x")
    assert "is not on the do-not-call list" in result.output and not obeyed(result.output)


@given(name=hostile_text)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_name_in_a_queue_row_keeps_the_row(tmp_path_factory, name):
    name = name.replace("\x00", "") or "x"
    path = tmp_path_factory.mktemp("q") / "rep.db"
    db = open_db(path)
    db.execute(
        "INSERT INTO prospects (name, company, phone_raw, phone_e164, phone_zones, status,"
        " next_touch_at, created_at, updated_at) VALUES (?, ?, '(212) 555-0100',"
        " '+12125550100', 'America/New_York', 'active', '2026-11-23T14:00:00Z', 'x', 'x')",
        [name, name],
    )
    db.close()
    result = run("--db", str(path), "queue")
    assert result.exit_code == 0, result.output
    assert not obeyed(result.output)
    lines = result.output.rstrip("\n").split("\n")
    assert len(lines) == 2
    start = _column_start(lines[0], "PHONE")
    assert cells(_cells_before(lines[1], start)) == start
    assert lines[1][len(_cells_before(lines[1], start)) :].startswith("(212) 555-0100")


@pytest.mark.parametrize(
    "command",
    [["queue"], ["stats"], ["export", "prospects"], ["agenda", "--ics", "x.ics"], ["check"],
     ["backup"], ["dnc", "remove", "1", "--reason", "r", "--yes"]],
)  # fmt: skip
def test_commands_that_only_read_never_create_a_database(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    result = run("--db", "typo.db", *command)
    assert result.exit_code != 0
    assert "no database at typo.db" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_an_unexpected_error_writes_a_private_report_and_says_one_line(hostile_db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("Eve Mallory +12125550100")  # personal data in the message

    monkeypatch.setattr("followup_tui.queue_command.queue_now", broken)
    result = run("--db", str(hostile_db), "queue")
    assert result.exit_code == 1
    assert "Mallory" not in result.output and "Traceback" not in result.output
    reports = list((data_dir() / "crash-reports").iterdir())
    assert len(reports) == 1 and str(reports[0]) in result.output
    assert stat.S_IMODE(reports[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(reports[0].parent.stat().st_mode) == 0o700
    assert "RuntimeError" in reports[0].read_text()


def test_safe_is_what_every_text_output_uses():
    assert safe(f"a{TITLE}") == "a␛]0;PWNED␇"
