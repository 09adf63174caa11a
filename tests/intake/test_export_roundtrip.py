"""`followup export` and back: an export imported into a fresh database gives the
same prospects, research, touches and signals."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pendulum
import pytest

from followup_tui.intake.csv_import import import_prospects
from followup_tui.intake.export import PROSPECT_COLUMNS, TOUCH_COLUMNS, write_export
from followup_tui.intake.importing import ImportOptions
from followup_tui.intake.signal_import import SignalDefaults, import_signals
from followup_tui.intake.touch_import import duration_seconds, import_touches
from followup_tui.store.db import open_db
from tests.conftest import NOW, REP_ZONE

OPTIONS = ImportOptions(region="US", rep_zone=REP_ZONE)
# Everything but phone_raw (an export writes the number in E.164) and the
# created/updated stamps (the moment of the import).
PROSPECT = (
    "id, name, title, company, email, phone_e164, phone_ext, phone_problem, phone_bad,"
    " timezone, phone_zones, status, do_not_call, next_touch_at, next_touch_is_callback,"
    " revisit_at, source, cadence, cadence_step"
)
TOUCH = "prospect_id, channel, outcome, started_at, ended_at, duration_s, notes, decision_maker"


def _prospects(db):
    return db.execute(f"SELECT {PROSPECT} FROM prospects ORDER BY id").fetchall()


def _research(db):
    return db.execute(
        "SELECT prospect_id, reason_to_call, company_facts, pains_goals, notes FROM research"
        " WHERE reason_to_call || company_facts || pains_goals || notes != ''"
        " ORDER BY prospect_id"
    ).fetchall()


def _touches(db):
    return db.execute(
        f"SELECT {TOUCH} FROM touches WHERE outcome IS NOT NULL ORDER BY prospect_id, started_at"
    ).fetchall()


def _signals(db):
    return db.execute(
        "SELECT prospect_id, kind, occurred_at, detail, source FROM signals"
        " ORDER BY prospect_id, occurred_at, kind"
    ).fetchall()


def _export(db, what: str, path: Path, fmt: str = "csv", since=None) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        write_export(db, what, fmt, out, since)
    return path


@pytest.fixture
def exported(sample_db, tmp_path):
    # A prospect with an extension and one whose number cannot be read, too.
    sample_db.execute(
        "UPDATE prospects SET phone_ext = '204', phone_raw = phone_raw || ' x204' WHERE id = 3"
    )
    sample_db.execute(
        "UPDATE prospects SET phone_raw = '555-CALL', phone_e164 = NULL, phone_zones = '',"
        " phone_problem = 'not a valid number for its country' WHERE id = 4"
    )
    sample_db.conn.commit()
    return {
        what: _export(sample_db, what, tmp_path / f"{what}.csv")
        for what in ("prospects", "touches", "signals")
    }


def _import_all(db, files: dict[str, Path]):
    prospects = import_prospects(db, files["prospects"], OPTIONS, NOW)
    touches = import_touches(db, files["touches"], OPTIONS)
    signals = import_signals(db, files["signals"], OPTIONS, SignalDefaults())
    return prospects, touches, signals


def test_export_into_a_fresh_database_gives_back_the_same(sample_db, exported, tmp_path):
    fresh = open_db(tmp_path / "fresh.db")
    prospects, touches, signals = _import_all(fresh, exported)
    count = sample_db.execute("SELECT count(*) FROM prospects").fetchone()[0]
    assert (prospects.created, prospects.rejected, prospects.warnings) == (count, 0, {})
    assert (touches.rejected, signals.rejected) == (0, 0)
    assert _prospects(fresh) == _prospects(sample_db)
    assert _research(fresh) == _research(sample_db)
    assert _touches(fresh) == _touches(sample_db)
    assert _signals(fresh) == _signals(sample_db)
    assert fresh.execute("SELECT phone_raw FROM prospects WHERE id = 4").fetchone() == ("555-CALL",)
    fresh.close()


def test_json_export_round_trips_too(sample_db, tmp_path):
    files = {
        what: _export(sample_db, what, tmp_path / f"{what}.json", "json")
        for what in ("prospects", "touches", "signals")
    }
    records = json.loads(files["prospects"].read_text())
    assert isinstance(records[0]["Do Not Call"], bool) and isinstance(
        records[0]["Touch Count"], int
    )
    fresh = open_db(tmp_path / "fresh.db")
    _import_all(fresh, files)
    assert _prospects(fresh) == _prospects(sample_db)
    assert _touches(fresh) == _touches(sample_db)
    fresh.close()


def test_importing_an_export_into_its_own_database_changes_nothing(sample_db, exported):
    before = (_prospects(sample_db), _research(sample_db), _touches(sample_db), _signals(sample_db))
    prospects, touches, signals = _import_all(sample_db, exported)
    assert (prospects.created, prospects.updated, touches.created, signals.created) == (0, 0, 0, 0)
    assert prospects.unchanged == prospects.read
    assert touches.unchanged == touches.read and signals.unchanged == signals.read
    assert before == (
        _prospects(sample_db),
        _research(sample_db),
        _touches(sample_db),
        _signals(sample_db),
    )


def test_touches_find_their_prospect_by_email_or_phone_in_another_database(
    sample_db, exported, tmp_path
):
    """Ids differ between databases: a Followup ID only counts when email and phone agree."""
    other = open_db(tmp_path / "other.db")
    other.execute(
        "INSERT INTO prospects (id, name, email, phone_raw, phone_e164, status, created_at,"
        " updated_at) VALUES (1, 'A stranger', 'stranger@x.example', '', NULL, 'active', 'x', 'x')"
    )
    other.conn.commit()
    import_prospects(other, exported["prospects"], OPTIONS, NOW)
    report = import_touches(other, exported["touches"], OPTIONS)
    assert report.rejected == 0
    assert other.execute("SELECT count(*) FROM touches WHERE prospect_id = 1").fetchone() == (0,)
    moved = other.execute(
        "SELECT id FROM prospects WHERE email = ?",
        [sample_db.execute("SELECT email FROM prospects WHERE id = 1").fetchone()[0]],
    ).fetchone()[0]
    theirs = sample_db.execute(
        "SELECT count(*) FROM touches WHERE prospect_id = 1 AND outcome IS NOT NULL"
    ).fetchone()[0]
    assert other.execute(
        "SELECT count(*) FROM touches WHERE prospect_id = ?", [moved]
    ).fetchone() == (theirs,)
    other.close()


def test_export_columns_are_what_a_crm_expects(sample_db):
    out = io.StringIO()
    write_export(sample_db, "prospects", "csv", out)
    header = next(csv.reader(io.StringIO(out.getvalue())))
    assert header[:16] == [
        "First Name",
        "Last Name",
        "Email",
        "Direct Phone",
        "Mobile Phone",
        "Office Phone",
        "Other Phone",
        "Company",
        "Title",
        "Lead Source",
        "Time Zone",
        "Status",
        "Do Not Call",
        "Next Touch",
        "Touch Count",
        "Followup ID",
    ]
    assert tuple(header) == PROSPECT_COLUMNS
    out = io.StringIO()
    write_export(sample_db, "touches", "csv", out)
    assert tuple(next(csv.reader(io.StringIO(out.getvalue())))) == TOUCH_COLUMNS
    first = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert first["Decision Maker"] in ("yes", "no") and first["Started At"].endswith("Z")


def test_since_keeps_recent_ones(sample_db, frozen):
    since = pendulum.datetime(2026, 11, 20, tz="UTC")
    out = io.StringIO()
    count = write_export(sample_db, "touches", "csv", out, since)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert count == len(rows) and rows
    assert all(row["Started At"] >= "2026-11-20T00:00:00Z" for row in rows)
    assert count < sample_db.execute("SELECT count(*) FROM touches").fetchone()[0]
    out = io.StringIO()
    assert write_export(sample_db, "prospects", "json", out, NOW.add(days=1)) == 0
    assert json.loads(out.getvalue()) == []


def test_touches_file_with_bad_rows(db, frozen, tmp_path):
    import_prospects(db, _write(tmp_path, "p.csv", "Email\nann@x.example\n"), OPTIONS, NOW)
    path = _write(
        tmp_path,
        "t.csv",
        "Email,Channel,Outcome,Started At,Duration,Decision Maker\n"
        "ann@x.example,Phone call,Left VM,2026-11-20 10:05,0:42,\n"
        "ann@x.example,call,connected,2026-11-20T15:30:00Z,125,yes\n"
        "ann@x.example,fax,sent,2026-11-20,,\n"
        "ann@x.example,call,sang a song,2026-11-20,,\n"
        "bob@x.example,call,no answer,2026-11-20,,\n"
        "ann@x.example,call,no answer,,,\n"
        "ann@x.example,call,no answer,2026-11-21,forever,\n",
    )
    report = import_touches(db, path, OPTIONS)
    assert (report.created, report.rejected) == (2, 5)
    assert db.execute(
        "SELECT channel, outcome, started_at, duration_s, decision_maker"
        " FROM touches ORDER BY started_at"
    ).fetchall() == [
        ("call", "voicemail", "2026-11-20T15:05:00Z", 42, 0),
        ("call", "connected", "2026-11-20T15:30:00Z", 125, 1),
    ]
    assert import_touches(db, path, OPTIONS).unchanged == 2


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("42", 42),
        ("42.4", 42),
        ("0:42", 42),
        ("1:02:10", 3730),
        ("", None),
        ("inf", None),
        ("nan", None),
        ("-5", None),
        ("100000", None),
        ("1:2", None),
    ],
)
def test_duration_seconds(text, seconds):
    assert duration_seconds(text) == seconds


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
