"""A touch or signal dated later than now has not happened: it is rejected, with the
reason and the line, rather than shown at the top of a prospect's history.

The tests' clock is 2026-11-23 14:30 UTC (09:30 in New York).
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pendulum
import pytest

from followup_tui.intake.csv_import import import_prospects
from followup_tui.intake.dates import HappenedBy, read_moment
from followup_tui.intake.importing import ImportOptions
from followup_tui.intake.signal_import import SignalDefaults, import_signals
from followup_tui.intake.touch_import import import_touches
from tests.conftest import NOW, REP_ZONE

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "intake"
OPTIONS = ImportOptions(region="US", rep_zone=REP_ZONE)
MAEVE = "maeve.obrien@acme-holdings.example"


@pytest.fixture
def crm_db(db, frozen, tmp_path):
    import_prospects(db, Path(shutil.copy(FIXTURES / "hubspot.csv", tmp_path)), OPTIONS, NOW)
    return db


def _rejects(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_touch_dated_in_the_future_is_rejected_with_its_line(crm_db, tmp_path):
    path = tmp_path / "touches.csv"
    path.write_text(
        "Email,Channel,Outcome,Started At,Duration (s)\n"
        f"{MAEVE},call,no_answer,2026-12-25T15:00:00Z,30\n"
        f"{MAEVE},call,voicemail,2026-11-23T14:00:00Z,20\n"
    )
    report = import_touches(crm_db, path, OPTIONS)
    assert (report.read, report.created, report.rejected) == (2, 1, 1)
    starts = [row[0] for row in crm_db.execute("SELECT started_at FROM touches").fetchall()]
    assert starts == ["2026-11-23T14:00:00Z"]
    why = "start time '2026-12-25T15:00:00Z' has not happened yet (it is 2026-11-23 09:30 now)"
    assert _rejects(tmp_path / "touches.rejects.csv")[0]["reason"] == f"{why} (line 2)"
    assert f"  rejected 1 × {why}" in report.lines()


def test_a_clock_a_few_minutes_fast_is_not_the_future(crm_db, tmp_path):
    path = tmp_path / "touches.csv"
    path.write_text(
        "Email,Outcome,Started At\n"
        f"{MAEVE},voicemail,2026-11-23T14:34:00Z\n"  # 4 minutes ahead: a fast clock
        f"{MAEVE},voicemail,2026-11-23T14:40:00Z\n"  # 10 minutes ahead: not yet
    )
    report = import_touches(crm_db, path, OPTIONS)
    assert (report.created, report.rejected) == (1, 1)
    assert "2026-11-23T14:40:00Z" in report.rejected_rows[0].reason


def test_a_signal_dated_in_the_future_is_rejected_and_today_is_not(crm_db, tmp_path):
    path = tmp_path / "signals.csv"
    path.write_text(
        "email,kind,occurred_at\n"
        f"{MAEVE},webinar,2027-05-01\n"
        f"{MAEVE},ebook,2026-11-23\n"  # today: read as noon, later than 09:30, still today
        f"{MAEVE},booth scan,2026-11-23 16:00\n"  # today, but hours from now
    )
    report = import_signals(crm_db, path, OPTIONS, SignalDefaults())
    assert (report.created, report.rejected) == (1, 2)
    reasons = [row["reason"] for row in _rejects(tmp_path / "signals.rejects.csv")]
    assert reasons == [
        "date '2027-05-01' has not happened yet (it is 2026-11-23 09:30 now) (line 2)",
        "date '2026-11-23 16:00' has not happened yet (it is 2026-11-23 09:30 now) (line 4)",
    ]


def test_a_date_option_in_the_future_rejects_every_row(crm_db, tmp_path):
    path = tmp_path / "attendees.csv"
    path.write_text(f"Email\n{MAEVE}\n")
    later = pendulum.datetime(2027, 1, 2, 12, tz=REP_ZONE)
    report = import_signals(crm_db, path, OPTIONS, SignalDefaults("webinar", later))
    assert (report.created, report.rejected) == (0, 1)
    assert report.rejected_rows[0].reason.startswith("--date '2027-01-02' has not happened yet")


def test_a_prospect_row_keeps_a_future_signal_in_its_notes(db, frozen, tmp_path):
    path = tmp_path / "leads.csv"
    path.write_text("Name,Email,Signal,Signal Date\nKim Lee,kim@x.example,webinar,2027-05-01\n")
    report = import_prospects(db, path, OPTIONS, NOW)
    assert report.created == 1 and report.signals_added == 0
    assert report.warnings == {"signal with a date that has not happened yet (kept in notes)": 1}
    assert db.execute("SELECT count(*) FROM signals").fetchone()[0] == 0
    notes = db.execute("SELECT notes FROM research").fetchone()[0]
    assert "Signal: webinar · 2027-05-01" in notes


@pytest.mark.parametrize(
    ("written", "late"),
    [
        ("2026-11-23", False),
        ("2026-11-24", True),
        ("2026-11-23T14:35:00Z", False),
        ("2026-11-23T14:36:00Z", True),
        ("2026-11-22T23:00:00-05:00", False),
    ],
)
def test_what_has_happened_by_now(written, late):
    when = read_moment(written, REP_ZONE)
    assert when is not None
    assert (HappenedBy(NOW, REP_ZONE).not_yet(when, written, "date") is not None) is late
