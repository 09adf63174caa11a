"""`followup import` (and the palette's "Import prospects from CSV…") refuses a
signals or touches file before anything is written, and says which command reads
it; the summary's flagged count is of prospects, not rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup_tui.intake.csv_import import import_prospects
from followup_tui.intake.csv_read import IntakeError
from followup_tui.intake.importing import ImportOptions
from tests.conftest import NOW, REP_ZONE

OPTIONS = ImportOptions(region="US", rep_zone=REP_ZONE)
TABLES = ("prospects", "research", "signals", "touches", "phones")

# The file of the trial: three people, three signals each, no name anywhere.
SIGNALS = "email,kind,occurred_at\n" + "".join(
    f"{who}@example.com,{kind},2026-11-0{day}\n"
    for who in ("sam", "kim", "lee")
    for day, kind in ((1, "webinar"), (2, "ebook"), (3, "webinar"))
)


def _write(tmp_path: Path, text: str, name: str = "file.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _counts(db) -> list[int]:
    return [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES]


def test_a_signals_file_is_refused_and_nothing_is_written(db, frozen, tmp_path):
    before = _counts(db)
    path = _write(tmp_path, SIGNALS, "webinar leads.csv")
    with pytest.raises(IntakeError) as refused:
        import_prospects(db, path, OPTIONS, NOW)
    assert str(refused.value) == (
        "webinar leads.csv looks like a signals file (kind, occurred_at), not a list of"
        " prospects: use `followup import-signals 'webinar leads.csv'`."
        " (To import it as prospects anyway: --map kind=ignore.)"
    )
    assert _counts(db) == before
    assert not (tmp_path / "webinar leads.rejects.csv").exists()


@pytest.mark.parametrize(
    "header",
    [
        "Email,Outcome,Started At",  # no channel: import-touches takes it as a call
        "Phone,Disposition,Call Date,Duration",
        "Full Name,Email,Channel,Outcome,Started At",  # a touches export, named or not
    ],
)
def test_a_touches_file_is_refused(db, frozen, tmp_path, header):
    cells = {"Channel": "call", "Duration": "30"}
    row = ",".join(
        cells.get(h, "2026-11-20 10:00" if "Date" in h or "At" in h else "x")
        for h in header.split(",")
    )
    with pytest.raises(IntakeError, match=r"a touches file .*`followup import-touches file\.csv`"):
        import_prospects(db, _write(tmp_path, f"{header}\n{row}\n"), OPTIONS, NOW)
    assert _counts(db)[0] == 0


def test_the_map_the_message_gives_imports_it_as_prospects(db, frozen, tmp_path):
    options = ImportOptions(region="US", rep_zone=REP_ZONE, mappings={"kind": "ignore"})
    report = import_prospects(db, _write(tmp_path, SIGNALS), options, NOW)
    assert (report.created, report.merged) == (3, 6)


@pytest.mark.parametrize(
    "text",
    [
        # A CRM export with names and a signal: prospects, each with its signal.
        "First Name,Last Name,Email,Signal,Signal Date\nSam,Lee,sam@x.example,webinar,2026-11-01\n",
        # HubSpot calls it Type; a name makes it a list of people.
        "Contact Name,Email,Type,Date\nSam Lee,sam@x.example,Customer,2026-11-01\n",
        # A list of emails only: each is named by its email.
        "Email\nsam@x.example\n",
        "Email,Company,Phone\nsam@x.example,Acme,+12125550100\n",
    ],
)
def test_lists_of_people_still_import(db, frozen, tmp_path, text):
    report = import_prospects(db, _write(tmp_path, text), OPTIONS, NOW)
    assert (report.created, report.rejected) == (1, 0)


def test_flagged_counts_prospects_not_rows(db, frozen, tmp_path):
    options = ImportOptions(region="US", rep_zone=REP_ZONE, mappings={"kind": "ignore"})
    report = import_prospects(db, _write(tmp_path, SIGNALS), options, NOW)
    assert (report.created, report.merged, report.flagged) == (3, 6, 3)
    flagged = next(line for line in report.lines() if line.split()[0] == "flagged")
    assert flagged == "  flagged         3   prospects without a dialable phone (new)"
    assert report.short() == (
        "Imported file.csv: 9 rows, 3 created, 6 merged, 0 rejected."
        " 3 prospects have no dialable phone."
    )


def test_a_prospect_given_a_number_by_a_later_row_is_not_flagged(db, frozen, tmp_path):
    path = _write(
        tmp_path,
        "Name,Email,Phone\n"
        "Sam Lee,sam@x.example,\n"
        "Sam Lee,sam@x.example,+12125550100\n"
        "Kim Day,kim@x.example,\n",
    )
    report = import_prospects(db, path, OPTIONS, NOW)
    assert (report.created, report.merged, report.flagged) == (2, 1, 1)
    assert " 1 prospect has no dialable phone." in report.short()
