"""The intake commands as a rep runs them, through the real `followup` command:
import / import-signals / import-touches / export / agenda."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import click
import icalendar
import pytest
from click.testing import CliRunner

from followup_tui.cli import main
from followup_tui.domain.clock import parse_instant
from followup_tui.intake.commands import ALL_COMMANDS
from followup_tui.intake.sample import load_sample
from followup_tui.store import db as db_module
from followup_tui.store.db import open_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "intake"
NOW_TEXT = "2026-11-23T09:30:00-05:00"


def test_every_intake_command_is_registered():
    ctx = click.Context(main)
    assert all(main.get_command(ctx, command.name) is command for command in ALL_COMMANDS)


def run(*args: str):
    return CliRunner().invoke(main, list(args), env={"FOLLOWUP_NOW": NOW_TEXT})


@pytest.fixture
def rep_db(tmp_path) -> Path:
    path = tmp_path / "rep.db"
    open_db(path).close()
    return path


@pytest.fixture
def demo_db(tmp_path) -> Path:
    path = tmp_path / "demo.db"
    db = open_db(path)
    load_sample(db, parse_instant(NOW_TEXT))
    db.close()
    return path


def _count(path: Path, sql: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchone()[0]


def test_import_prints_the_summary_and_writes_rejects(rep_db, tmp_path):
    messy = Path(shutil.copy(FIXTURES / "messy.csv", tmp_path))
    result = run("--db", str(rep_db), "import", str(messy), "--source", "Chamber list")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "messy.csv: 18 rows (UTF-8 with some Windows-1252, comma-separated)"
    assert lines[1].split() == ["created", "13"]
    assert lines[2].split()[:2] == ["merged", "2"] and lines[3].split()[:2] == ["flagged", "2"]
    assert lines[4].split()[:2] == ["rejected", "3"]
    assert str(tmp_path / "messy.rejects.csv") in lines[4]
    assert _count(rep_db, "SELECT count(*) FROM prospects WHERE source = 'Chamber list'") == 13


def test_dry_run_shows_the_columns_and_saves_nothing(rep_db, tmp_path):
    messy = Path(shutil.copy(FIXTURES / "messy.csv", tmp_path))
    result = run("--db", str(rep_db), "import", str(messy), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Columns read:" in result.stdout and "E-Mail Address -> email" in result.stdout
    assert "Dry run, nothing saved." in result.stdout
    assert _count(rep_db, "SELECT count(*) FROM prospects") == 0
    assert not (tmp_path / "messy.rejects.csv").exists()


def test_region_and_map_options(rep_db, tmp_path):
    path = tmp_path / "uk.csv"
    path.write_text("Who,Tel,Cell\nAmy Pond,020 7946 0958,07911 123456\n", encoding="utf-8")
    result = run(
        "--db",
        str(rep_db),
        "import",
        str(path),
        "--region",
        "gb",
        "--map",
        "Who=name",
        "--map",
        "Tel=ignore",
    )
    assert result.exit_code == 0, result.output
    with sqlite3.connect(rep_db) as conn:
        assert conn.execute("SELECT name, phone_e164 FROM prospects").fetchall() == [
            ("Amy Pond", "+447911123456")
        ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--region", "XX"], "not a country code"),
        (["--map", "Who"], "COLUMN=field"),
        (["--map", "Nope=name"], "has no column 'Nope'"),
        (["--map", "Who=telephone"], "unknown field 'telephone'"),
    ],
)
def test_bad_options_are_explained(rep_db, tmp_path, args, message):
    path = tmp_path / "x.csv"
    path.write_text("Who,Email\nA,a@x.example\n", encoding="utf-8")
    result = run("--db", str(rep_db), "import", str(path), *args)
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output
    assert _count(rep_db, "SELECT count(*) FROM prospects") == 0


def test_unreadable_files_are_explained(rep_db, tmp_path):
    result = run("--db", str(rep_db), "import", str(tmp_path / "missing.csv"))
    assert result.exit_code == 1 and "no such file" in result.output
    book = tmp_path / "book.xlsx"
    book.write_bytes(b"PK\x03\x04....")
    result = run("--db", str(rep_db), "import", str(book))
    assert result.exit_code == 1 and "Save As > CSV" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_busy_database_is_explained(rep_db, tmp_path, monkeypatch):
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 50)
    path = tmp_path / "x.csv"
    path.write_text("Email\na@x.example\n", encoding="utf-8")
    holder = sqlite3.connect(rep_db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = run("--db", str(rep_db), "import", str(path))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    assert "the database is busy" in result.output and "nothing was imported" in result.output


def test_a_big_file_shows_progress_on_stderr(rep_db, tmp_path):
    path = tmp_path / "big.csv"
    rows = "".join(f"P{i},p{i}@x.example\n" for i in range(5200))
    path.write_text("Name,Email\n" + rows, encoding="utf-8")
    result = run("--db", str(rep_db), "import", str(path))
    assert result.exit_code == 0, result.output
    assert "Importing" in result.stderr and "Importing" not in result.stdout
    assert _count(rep_db, "SELECT count(*) FROM prospects") == 5200


def test_import_signals_with_kind_and_date(demo_db, tmp_path):
    email = _first(demo_db, "SELECT email FROM prospects WHERE email != '' ORDER BY id")
    path = tmp_path / "attendees.csv"
    path.write_text(f"Email\n{email}\nstranger@x.example\n", encoding="utf-8")
    result = run(
        "--db",
        str(demo_db),
        "import-signals",
        str(path),
        "--kind",
        "Webinar",
        "--date",
        "2026-11-18",
    )
    assert result.exit_code == 0, result.output
    assert "added           1" in result.stdout and "rejected        1" in result.stdout
    bad = run("--db", str(demo_db), "import-signals", str(path), "--kind", "podcast")
    assert bad.exit_code == 2 and "one of: ebook_download" in bad.output


def test_export_import_round_trip_through_the_commands(demo_db, tmp_path):
    files = {}
    for what in ("prospects", "touches", "signals"):
        files[what] = tmp_path / f"{what}.csv"
        result = run("--db", str(demo_db), "export", what, "--output", str(files[what]))
        assert result.exit_code == 0, result.output
        assert f"to {files[what]}" in result.stderr
    fresh = tmp_path / "fresh.db"
    assert run("--db", str(fresh), "import", str(files["prospects"])).exit_code == 0
    assert run("--db", str(fresh), "import-touches", str(files["touches"])).exit_code == 0
    assert run("--db", str(fresh), "import-signals", str(files["signals"])).exit_code == 0
    for table in ("prospects", "touches", "signals"):
        sql = f"SELECT count(*) FROM {table}"
        if table == "touches":
            sql += " WHERE outcome IS NOT NULL"
        assert _count(fresh, sql) == _count(demo_db, sql)


def test_export_to_stdout_as_csv_and_json(demo_db):
    result = run("--db", str(demo_db), "export", "prospects")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == _count(demo_db, "SELECT count(*) FROM prospects")
    assert any(r["Full Name"] == "Maeve O'Brien [CEO]" for r in rows)
    result = run(
        "--db", str(demo_db), "export", "touches", "--format", "json", "--since", "2026-11-20"
    )
    records = json.loads(result.stdout)
    assert records and all(r["Started At"] >= "2026-11-20" for r in records)
    bad = run("--db", str(demo_db), "export", "touches", "--since", "soon")
    assert bad.exit_code == 1 and "--since 'soon'" in bad.output


def test_agenda_writes_an_ics_file(demo_db, tmp_path):
    target = tmp_path / "calls.ics"
    result = run("--db", str(demo_db), "agenda", "--ics", str(target), "--days", "7")
    assert result.exit_code == 0, result.output
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = calendar.walk("VEVENT")
    emails = sum(str(e["summary"]).startswith("Email:") for e in events)
    assert emails > 0  # '86 calls' counted these as calls
    assert f"Wrote {len(events)} events to {target} (next 7 days): " in result.stdout
    assert f" {emails} emails" in result.stdout
    one_day = run("--db", str(demo_db), "agenda", "--ics", str(target), "--days", "1")
    assert "(next 1 day)" in one_day.stdout
    nowhere = run("--db", str(demo_db), "agenda", "--ics", str(tmp_path / "no" / "x.ics"))
    assert nowhere.exit_code == 1 and "cannot write" in nowhere.output


def _first(path: Path, sql: str):
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchone()[0]
