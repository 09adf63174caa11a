"""Whatever a file holds, the importer neither crashes nor loses a row.

Every row read is created, merged or rejected (and then in the rejects file);
a file it cannot read at all is an IntakeError with a message, never anything
else.
"""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup_tui.intake.csv_import import import_prospects
from followup_tui.intake.csv_read import IntakeError
from followup_tui.intake.importing import ImportOptions
from followup_tui.store.db import open_db
from tests.conftest import NOW, REP_ZONE

OPTIONS = ImportOptions(region="US", rep_zone=REP_ZONE)
QUICK = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HEADERS = st.sampled_from(
    [
        "Name",
        "First Name",
        "Last Name",
        "Email",
        "Phone",
        "Mobile",
        "Company",
        "Title",
        "Time Zone",
        "Do Not Call",
        "Notes",
        "Lead Source",
        "Ext",
        "Signal",
        "Signal Date",
        "Status",
        "Next Touch",
        "Followup ID",
        "Owner",
        "reason",
        "Phone",
    ]
)
CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            " ",
            "N/A",
            "x",
            "yes",
            "maybe",
            "a@b.example",
            "A@B.EXAMPLE",
            "(312) 555-0142",
            "+44 20 7946 0958",
            "555-12",
            "America/Chicago",
            "Webinar",
            "2026-11-03",
            "[b]x[/b]",
            '"',
            ",",
            ";",
            "\t",
            "\r\n",
        ]
    ),
)


def _import(path):
    db = open_db(":memory:")
    try:
        report = import_prospects(db, path, OPTIONS, NOW)
        stored = db.execute("SELECT count(*) FROM prospects").fetchone()[0]
    finally:
        db.close()
    return report, stored


def _rejects_rows(report) -> int:
    if report.rejects_path is None:
        return 0
    with report.rejects_path.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.reader(handle, delimiter=_delimiter_of(report))) - 1


def _delimiter_of(report) -> str:
    return {"comma": ",", "semicolon": ";", "tab": "\t"}.get(report.delimiter, ",")


def _holds(report, stored: int) -> None:
    assert report.created + report.merged + report.rejected == report.read
    assert stored == report.created  # a fresh database: every created row is there
    assert report.flagged <= report.created + report.merged
    assert _rejects_rows(report) == report.rejected


@QUICK
@given(st.binary(max_size=400))
def test_random_bytes(tmp_path, frozen, data):
    path = tmp_path / "random.csv"
    path.write_bytes(data)
    (tmp_path / "random.rejects.csv").unlink(missing_ok=True)
    try:
        report, stored = _import(path)
    except IntakeError as err:
        assert str(err)  # a message for the rep
        return
    _holds(report, stored)


@QUICK
@given(
    header=st.lists(HEADERS, min_size=1, max_size=8),
    rows=st.lists(st.lists(CELL, max_size=10), max_size=12),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_random_rows(tmp_path, frozen, header, rows, delimiter, encoding):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path = tmp_path / "rows.csv"
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    (tmp_path / "rows.rejects.csv").unlink(missing_ok=True)
    try:
        report, stored = _import(path)
    except IntakeError as err:
        assert str(err)
        return
    _holds(report, stored)


@QUICK
@given(
    st.lists(st.text(alphabet="0123456789+-(). xext#/abc", max_size=22), min_size=1, max_size=15)
)
def test_random_phone_strings(tmp_path, frozen, phones):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["Name", "Phone"])
    writer.writerows([f"P{i}", phone] for i, phone in enumerate(phones))
    path = tmp_path / "phones.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    (tmp_path / "phones.rejects.csv").unlink(missing_ok=True)
    report, stored = _import(path)
    _holds(report, stored)
    assert report.rejected == 0  # every row has a name
    assert report.read == len(phones)
