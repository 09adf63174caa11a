"""`followup import-signals`: warm signals attached to the prospects they name."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pendulum
import pytest

from followup_tui.intake.csv_import import import_prospects
from followup_tui.intake.csv_read import IntakeError
from followup_tui.intake.importing import ImportOptions
from followup_tui.intake.kinds import signal_kind
from followup_tui.intake.signal_import import SignalDefaults, import_signals
from tests.conftest import NOW, REP_ZONE

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "intake"
OPTIONS = ImportOptions(region="US", rep_zone=REP_ZONE)


@pytest.fixture
def crm_db(db, frozen, tmp_path):
    for name in ("hubspot.csv", "salesforce.csv"):
        import_prospects(db, Path(shutil.copy(FIXTURES / name, tmp_path)), OPTIONS, NOW)
    return db


def _signals(db):
    return db.execute(
        "SELECT p.email, s.kind, s.occurred_at, s.detail, s.source FROM signals s"
        " JOIN prospects p ON p.id = s.prospect_id ORDER BY s.id"
    ).fetchall()


def test_signals_file(crm_db, tmp_path):
    path = Path(shutil.copy(FIXTURES / "signals.csv", tmp_path))
    report = import_signals(crm_db, path, OPTIONS, SignalDefaults())
    assert (report.read, report.created, report.unchanged, report.rejected) == (7, 3, 1, 3)
    assert _signals(crm_db) == [
        (
            "maeve.obrien@acme-holdings.example",
            "webinar",
            "2026-11-10T17:00:00Z",
            "From Paper to CMMS in 90 Days",
            "signals.csv",
        ),
        (
            "tom.baker@umbrella.example",
            "booth_visit",
            "2026-11-12T19:05:00Z",
            "Booth 12 at FabTech",
            "signals.csv",
        ),
        (
            "tom.baker@umbrella.example",
            "ebook_download",
            "2026-11-03T17:00:00Z",
            "Sheet-metal buyer's guide",
            "signals.csv",
        ),
    ]
    with report.rejects_path.open(encoding="utf-8-sig", newline="") as handle:
        reasons = [row[-1] for row in csv.reader(handle)][1:]
    assert reasons[0] == "no prospect with this email or phone (line 6)"
    assert reasons[1].startswith("unknown signal type 'Podcast' (known: ebook_download,")
    assert reasons[2] == "date 'someday' not understood (write 2026-11-03) (line 8)"


def test_the_same_signal_is_not_added_twice(crm_db, tmp_path):
    path = Path(shutil.copy(FIXTURES / "signals.csv", tmp_path))
    import_signals(crm_db, path, OPTIONS, SignalDefaults())
    before = _signals(crm_db)
    again = import_signals(crm_db, path, OPTIONS, SignalDefaults())
    assert (again.created, again.unchanged) == (0, 4)
    assert _signals(crm_db) == before


def test_an_attendee_list_takes_kind_and_date_from_the_options(crm_db, tmp_path):
    path = tmp_path / "attendees.csv"
    path.write_text("Attendee email\nraj.patel@globex.example\nLENA@initech.example\n")
    options = ImportOptions(
        region="US",
        rep_zone=REP_ZONE,
        source="Webinar Nov 18",
        mappings={"Attendee email": "email"},
    )
    when = pendulum.datetime(2026, 11, 18, 17, tz="UTC")
    report = import_signals(crm_db, path, options, SignalDefaults("webinar", when))
    assert report.created == 2
    assert {row[1:] for row in _signals(crm_db)} == {
        ("webinar", "2026-11-18T17:00:00Z", "", "Webinar Nov 18")
    }


def test_a_file_without_type_or_date_needs_the_options(crm_db, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("Email,Date\nraj.patel@globex.example,2026-11-18\n")
    with pytest.raises(IntakeError, match="--kind"):
        import_signals(crm_db, path, OPTIONS, SignalDefaults())
    path.write_text("Email,Signal\nraj.patel@globex.example,webinar\n")
    with pytest.raises(IntakeError, match="--date"):
        import_signals(crm_db, path, OPTIONS, SignalDefaults())
    path.write_text("Who,Signal,Date\nx,webinar,2026-11-18\n")
    with pytest.raises(IntakeError, match="email or phone"):
        import_signals(crm_db, path, OPTIONS, SignalDefaults())


def test_dry_run_adds_nothing(crm_db, tmp_path):
    path = Path(shutil.copy(FIXTURES / "signals.csv", tmp_path))
    dry = ImportOptions(region="US", rep_zone=REP_ZONE, dry_run=True)
    report = import_signals(crm_db, path, dry, SignalDefaults())
    assert report.created == 3 and _signals(crm_db) == []
    assert not (tmp_path / "signals.rejects.csv").exists()


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("Webinar", "webinar"),
        ("Webinars", "webinar"),
        ("webinar attended", "webinar"),
        ("eBook download", "ebook_download"),
        ("E-Book", "ebook_download"),
        ("Booth scan", "booth_visit"),
        ("Trade show", "booth_visit"),
        ("White paper", "whitepaper_download"),
        ("newsletter click", "newsletter_click"),
        ("Live chat", "website_chat"),
        ("RFP", "rfp"),
        ("inbound_email", "inbound_email"),
        ("LinkedIn connection request", "linkedin_connection"),
        ("Profile view", "linkedin_profile_view"),
        ("Existing customer", "existing_client"),
        ("Podcast", None),
        ("", None),
    ],
)
def test_friendly_signal_names(written, kind):
    assert signal_kind(written) == kind
