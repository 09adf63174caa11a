"""`followup import`: CRM exports in, every row accounted for, nothing overwritten."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from msgspec.structs import replace

from followup_tui.domain.clock import to_iso
from followup_tui.intake import importing
from followup_tui.intake.csv_import import import_prospects
from followup_tui.intake.csv_read import IntakeError
from followup_tui.intake.importing import ImportOptions
from followup_tui.store import intake as intake_store
from followup_tui.store.touches import insert_past_touch
from tests.conftest import NOW, REP_ZONE

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "intake"
OPTIONS = ImportOptions(region="US", rep_zone=REP_ZONE)
TABLES = ("prospects", "research", "signals", "touches", "dnc_log")


def fixture(tmp_path: Path, name: str) -> Path:
    """A copy in tmp_path, so the rejects file lands there."""
    return Path(shutil.copy(FIXTURES / name, tmp_path / name))


def write(tmp_path: Path, text: str, name: str = "leads.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def dump(db) -> dict[str, list[tuple]]:
    return {t: [tuple(r) for r in db.execute(f"SELECT * FROM {t} ORDER BY 1")] for t in TABLES}


def by_email(db, email: str) -> dict:
    rows = list(db.query("SELECT * FROM prospects WHERE lower(email) = lower(?)", [email]))
    assert len(rows) == 1, rows
    return rows[0]


def notes_of(db, prospect_id: int) -> str:
    row = db.execute("SELECT notes FROM research WHERE prospect_id = ?", [prospect_id]).fetchone()
    return row[0] if row else ""


def run(db, path: Path, **options):
    return import_prospects(db, path, replace(OPTIONS, **options), NOW)


def accounted(report) -> bool:
    return report.created + report.merged + report.rejected == report.read


# -- each CRM's export --------------------------------------------------------------------

EXPECTED = {
    "hubspot.csv": (
        "raj.patel@globex.example",
        {
            "name": "Raj Patel",
            "company": "Globex",
            "title": "VP Operations",
            "phone_e164": "+14155550199",
            "timezone": "America/Los_Angeles",
            "source": "Organic Search",
        },
    ),
    "salesforce.csv": (
        "tom.baker@umbrella.example",
        {
            "name": "Tom Baker",
            "company": "Umbrella plc",
            "title": "CFO",
            "phone_e164": "+16175550123",
            "phone_ext": "204",
            "source": "Trade Show",
        },
    ),
    "pipedrive.csv": (
        "chloe@hooli.example",
        {
            "name": "Chloé Martin",
            "company": "Hooli",
            "title": "CTO",
            "phone_e164": "+33612345678",
            "phone_zones": "Europe/Paris",
        },
    ),
    "close.tsv": (
        "charlie@wonka.example",
        {
            "name": "Charlie Bucket",
            "company": "Wonka, Inc.",
            "title": "Head of R&D",
            "phone_e164": "+442079460958",
        },
    ),
    "apollo.csv": (
        "jose.muller@sgs.example",
        {
            "name": "José Müller",
            "company": "Société Générale Services",
            "phone_e164": "+12125550175",
            "phone_raw": "+1 (212) 555-0175",
        },
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_crm_export_imports(db, frozen, tmp_path, name):
    report = run(db, fixture(tmp_path, name))
    assert report.rejected == 0 and report.created == report.read and accounted(report)
    email, expected = EXPECTED[name]
    row = by_email(db, email)
    assert {k: row[k] for k in expected} == expected
    assert row["status"] == "active" and row["next_touch_at"] == to_iso(NOW)
    assert row["do_not_call"] == 0 and row["created_at"] == to_iso(NOW)


def test_salesforce_description_and_do_not_call(db, frozen, tmp_path):
    run(db, fixture(tmp_path, "salesforce.csv"))
    tom = by_email(db, "tom.baker@umbrella.example")
    assert notes_of(db, tom["id"]) == "Met at booth 12.\nWants a pilot in Q1."
    ana = by_email(db, "ana.garcia@stark.example")
    assert (ana["do_not_call"], ana["status"], ana["next_touch_at"]) == (1, "do_not_call", None)
    assert db.execute("SELECT prospect_id, action FROM dnc_log").fetchall() == [
        (ana["id"], "added")
    ]


def test_people_behind_one_switchboard_stay_apart(db, frozen, tmp_path):
    report = run(db, fixture(tmp_path, "apollo.csv"))
    assert report.created == 3
    shared = db.execute("SELECT count(*) FROM prospects WHERE phone_e164 = '+12125550100'")
    assert shared.fetchone()[0] == 2  # Björn and Zoë; José's direct dial comes first
    jose = by_email(db, "jose.muller@sgs.example")
    # The switchboard is kept as his office number, after his direct line.
    assert db.execute(
        "SELECT label, e164, main FROM phones WHERE prospect_id = ? ORDER BY position",
        [jose["id"]],
    ).fetchall()[1:] == [("office", "+12125550100", 0)]
    assert notes_of(db, jose["id"]) == ""
    # A row with that number and no email is one of them, not a new person.
    again = write(tmp_path, "Name,Phone,Notes\nB. Larsson,+1 212 555 0100,Asked for pricing\n")
    report = run(db, again)
    assert (report.created, report.updated) == (0, 1)


# -- the messy export ------------------------------------------------------------------------


def test_messy_export(db, frozen, tmp_path):
    path = fixture(tmp_path, "messy.csv")
    report = run(db, path)
    assert (report.read, report.blank) == (18, 2)
    assert (report.created, report.merged, report.rejected, report.flagged) == (13, 2, 3, 2)
    assert accounted(report)
    assert report.encoding == "UTF-8 with some Windows-1252"

    maeve = by_email(db, "maeve.obrien@acme-holdings.example")
    assert maeve["name"] == "Maeve O'Brien [CEO]" and maeve["company"] == "Acme [Holdings]"
    assert notes_of(db, maeve["id"]) == (
        "Met at a chamber event, knows our Chicago team\n\nPrefers mornings"
    )
    mallory = by_email(db, "mallory@evil.example")
    assert (mallory["name"], mallory["company"]) == (
        "[@click=app.quit]Mallory Hacker",
        "[b]Bold[/b] Ltd",
    )
    assert mallory["timezone"] == "Europe/London" and mallory["phone_e164"] == "+442079460123"
    jose = by_email(db, "jose@example.de")
    assert (jose["name"], jose["company"]) == ("José Müller", "Müller & Söhne")
    assert jose["phone_e164"] == "+4930901820" and jose["phone_zones"] == "Europe/Berlin"
    priya = by_email(db, "priya@example.in")
    assert (priya["phone_e164"], priya["timezone"]) == ("+919876543210", "Asia/Kolkata")

    tom = by_email(db, "tom.baker@umbrella.example")
    assert (tom["phone_raw"], tom["phone_e164"], tom["phone_ext"]) == (
        "(617) 555-0123 ext. 204",
        "+16175550123",
        "204",
    )
    assert notes_of(db, tom["id"]) == "Asked for a callback"
    assert by_email(db, "ana@example.mx")["phone_ext"] == "4"

    bad = by_email(db, "bad.number@example.com")
    assert (bad["phone_raw"], bad["phone_e164"], bad["phone_problem"]) == (
        "555-12",
        None,
        "not a valid number for its country",
    )
    assert bad["status"] == "active" and bad["next_touch_at"] == to_iso(NOW)
    assert by_email(db, "tz@example.com")["timezone"] is None
    dee = by_email(db, "dnc@example.com")
    assert (dee["do_not_call"], dee["status"], dee["next_touch_at"]) == (1, "do_not_call", None)
    nadia = by_email(db, "nadia@example.ru")
    assert nadia["company"] == "Gazprom [Neft]"
    assert notes_of(db, nadia["id"]) == "Line one\nLine two"
    ola = db.execute("SELECT id, email FROM prospects WHERE name = 'Ola Nordmann'").fetchone()
    assert ola[1] == "" and notes_of(db, ola[0]) == "Email as written: ola at example.no"
    assert by_email(db, "sam@example.com")["phone_e164"] == "+12125550175"  # the Direct Dial
    solo = db.execute("SELECT phone_problem FROM prospects WHERE name = 'Solo Person'").fetchone()
    assert solo == ("no phone number",)

    assert report.warnings == {
        "time zone not recognised (the phone number's zone is used)": 1,
        "email that is not an address (kept in notes)": 1,
    }
    assert report.rejects_path == tmp_path / "messy.rejects.csv"
    with report.rejects_path.open(encoding="utf-8-sig", newline="") as handle:
        rejects = list(csv.reader(handle))
    assert rejects[0][-1] == "reason"
    assert rejects[0][:3] == ["FIRST NAME", " last_name ", "E-Mail Address"]  # as written
    reasons = [row[-1] for row in rejects[1:]]
    assert reasons == [
        "no name, email or phone (line 11)",
        "14 cells where the header has 12 (a stray delimiter or quote?) (line 16);"
        " cells past the last column: extra | cells",
        "do not call is 'maybe': write yes or no (line 22)",
    ]
    assert rejects[3][:4] == ["May", "Be", "maybe@example.com", "(303) 555-0177"]


def test_the_rejects_file_imports_cleanly_once_fixed(db, frozen, tmp_path):
    report = run(db, fixture(tmp_path, "messy.csv"))
    rejects = report.rejects_path
    with rejects.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, fixed = rows[0], rows[1:]
    fixed[0][:3] = ["Nora", "Appleby", "nora@example.com"]  # the row that named nobody
    fixed[1] = [*fixed[1][: len(header) - 1], fixed[1][-1]]  # cut the stray cells
    fixed[2][header.index("do not call")] = "no"
    with rejects.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([header, *fixed])
    again = run(db, rejects)
    assert (again.read, again.created, again.rejected, again.ignored_columns) == (3, 3, 0, ())
    assert by_email(db, "maybe@example.com")["do_not_call"] == 0
    assert by_email(db, "toomany@example.com")["phone_e164"] == "+13035550199"


# -- merging ------------------------------------------------------------------------------


def test_reimporting_the_same_file_changes_nothing(db, frozen, tmp_path):
    path = fixture(tmp_path, "messy.csv")
    first = run(db, path)
    before = dump(db)
    frozen.advance(3600)
    again = run(db, path)
    assert dump(db) == before
    assert (again.created, again.updated, again.rejected) == (0, 0, first.rejected)
    assert again.unchanged == first.created + first.merged
    assert accounted(again)


def test_a_merge_fills_gaps_and_adds_notes_but_keeps_history_and_schedule(
    sample_db, frozen, tmp_path
):
    db = sample_db
    target = next(
        db.query(
            "SELECT * FROM prospects WHERE email != '' AND title != ''"
            " AND next_touch_at IS NOT NULL LIMIT 1"
        )
    )
    db.execute("UPDATE prospects SET company = '' WHERE id = ?", [target["id"]])
    db.conn.commit()
    before_notes = notes_of(db, target["id"])
    touches = db.execute("SELECT * FROM touches WHERE prospect_id = ?", [target["id"]]).fetchall()
    path = write(
        tmp_path,
        "Email,Name,Title,Company,Phone,Notes\n"
        f"{target['email'].upper()},Someone Else,Janitor,New Co,(999) 000-0000,Spoke at FabTech\n",
    )
    report = run(db, path, source="FabTech")
    assert (report.created, report.updated) == (0, 1)
    after = by_email(db, target["email"])
    assert after["name"] == target["name"] and after["title"] == target["title"]
    assert after["company"] == "New Co"  # was empty
    assert after["next_touch_at"] == target["next_touch_at"]
    assert after["phone_e164"] == target["phone_e164"]
    assert after["updated_at"] == to_iso(NOW)
    assert notes_of(db, target["id"]).startswith(before_notes)
    assert notes_of(db, target["id"]).endswith("Spoke at FabTech")
    # The number it brought is kept as one of theirs (not dialable: the main one stays).
    assert db.execute(
        "SELECT label, raw, e164, main FROM phones WHERE prospect_id = ? ORDER BY position",
        [target["id"]],
    ).fetchall()[-1] == ("direct", "(999) 000-0000", None, 0)
    assert report.numbers_added == 1
    assert db.execute("SELECT * FROM touches WHERE prospect_id = ?", [target["id"]]).fetchall() == (
        touches
    )


def test_do_not_call_is_never_cleared_by_an_import(sample_db, frozen, tmp_path):
    db = sample_db
    dnc = next(db.query("SELECT * FROM prospects WHERE do_not_call = 1 LIMIT 1"))
    before = dump(db)
    path = write(
        tmp_path,
        "Email,Phone,Do Not Call,Status,Next Touch\n"
        f"{dnc['email']},{dnc['phone_raw']},no,active,2026-11-24T15:00:00Z\n",
    )
    report = run(db, path)
    assert (report.merged, report.updated) == (1, 0)
    assert dump(db) == before


def test_an_import_can_add_do_not_call(db, frozen, tmp_path):
    run(db, write(tmp_path, "Email,Phone\nann@x.example,(312) 555-0142\n"))
    run(db, write(tmp_path, "Email,DNC\nANN@X.EXAMPLE,yes\n", "dnc.csv"))
    ann = by_email(db, "ann@x.example")
    assert (ann["do_not_call"], ann["status"], ann["next_touch_at"]) == (1, "do_not_call", None)
    assert db.execute("SELECT reason FROM dnc_log").fetchall() == [("import of dnc.csv",)]


def test_duplicates_in_one_file_merge_across_chunks(db, frozen, tmp_path, monkeypatch):
    path = fixture(tmp_path, "messy.csv")
    monkeypatch.setattr(importing, "CHUNK", 2)
    monkeypatch.setattr(importing, "CHUNK_SECONDS", None)
    small = run(db, path)
    small_dump = dump(db)
    monkeypatch.setattr(importing, "CHUNK", 2000)
    other = tmp_path / "other"
    other.mkdir()
    from followup_tui.store.db import open_db

    fresh = open_db(other / "fresh.db")
    large = run(fresh, fixture(other, "messy.csv"))
    assert dump(fresh) == small_dump
    assert small.chunks > large.chunks == 1
    assert (small.created, small.merged, small.rejected) == (
        large.created,
        large.merged,
        large.rejected,
    )
    fresh.close()


def test_name_stand_in_is_replaced_by_a_real_name_later(db, frozen, tmp_path):
    run(db, write(tmp_path, "Email\nkim@x.example\n"))
    assert by_email(db, "kim@x.example")["name"] == "kim@x.example"
    run(db, write(tmp_path, "Email,First Name,Last Name\nkim@x.example,Kim,Lee\n", "b.csv"))
    assert by_email(db, "kim@x.example")["name"] == "Kim Lee"


def test_rows_without_email_or_dialable_phone_are_not_imported_twice(db, frozen, tmp_path):
    path = write(tmp_path, "Name,Company,Phone\nSolo Person,Acme,call me\nSolo Person,,\n")
    first = run(db, path)
    second = run(db, path)
    assert (first.created, first.flagged, second.created, second.unchanged) == (2, 2, 0, 2)
    # A re-run imports nothing: the flagged prospects are said to be there already.
    assert _line(first, "flagged").endswith("2   prospects without a dialable phone (new)")
    assert _line(second, "flagged").endswith(
        "2   prospects without a dialable phone (already here)"
    )
    with_new = run(
        db, write(tmp_path, "Name,Company,Phone\nSolo Person,,\nNew One,B,n/a\n", "c.csv")
    )
    assert _line(with_new, "flagged").endswith("(1 new, 1 already here)")


def _line(report, label: str) -> str:
    return next(line for line in report.lines() if line.split()[0] == label)


def test_one_of_a_kind_is_said_in_the_singular(db, frozen, tmp_path):
    """'also: 1 signals added; 1 blank lines skipped'."""
    path = write(
        tmp_path, "Name,Phone,Signal,Signal Date\nAda,(312) 555-0142,webinar,2026-11-20\n\n"
    )
    also = _line(run(db, path), "also:")
    assert also == "  also: 1 signal added; 1 blank line skipped"


# -- what a new prospect gets ---------------------------------------------------------------


def test_source_option_wins_over_the_lead_source_column(db, frozen, tmp_path):
    path = write(tmp_path, "Email,Lead Source\na@x.example,Webinar\nb@x.example,\n")
    run(db, path, source="Nov list")
    assert {r[0] for r in db.execute("SELECT source FROM prospects")} == {"Nov list"}


def test_region_reads_numbers_without_a_country_code(db, frozen, tmp_path):
    run(db, write(tmp_path, "Email,Phone\nuk@x.example,020 7946 0958\n"), region="GB")
    assert by_email(db, "uk@x.example")["phone_e164"] == "+442079460958"


def test_followup_ids_and_signal_columns(db, frozen, tmp_path):
    path = write(
        tmp_path,
        "Followup ID,Full Name,Email,Signal,Signal Date,Signal Detail\n"
        "40,Ann,ann@x.example,Booth scan,2026-11-02,FabTech\n"
        ",Bo,bo@x.example,Podcast,2026-11-02,\n",
    )
    report = run(db, path)
    assert by_email(db, "ann@x.example")["id"] == 40
    assert by_email(db, "bo@x.example")["id"] == 1  # the next free id
    assert db.execute("SELECT prospect_id, kind, detail FROM signals").fetchall() == [
        (40, "booth_visit", "FabTech")
    ]
    assert notes_of(db, 1) == "Signal: Podcast · 2026-11-02"
    assert report.signals_added == 1
    assert run(db, path).signals_added == 0


# -- a file that cannot be imported, a failure midway ----------------------------------------


def test_a_failure_in_the_first_chunk_leaves_the_database_as_it_was(
    sample_db, frozen, tmp_path, monkeypatch
):
    db = sample_db
    before = dump(db)
    path = write(tmp_path, "Name,Email\nAnn,ann@x.example\n")

    def failing(db_, rows_):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(intake_store, "insert_prospects", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        run(db, path)
    assert dump(db) == before


def test_a_failure_midway_says_what_was_saved_and_a_rerun_finishes(
    sample_db, frozen, tmp_path, monkeypatch
):
    from followup_tui.intake.importing import ImportInterrupted

    db = sample_db
    rows = "".join(f"P{i},p{i}@x.example,(312) 555-{i:04d}\n" for i in range(50))
    path = write(tmp_path, "Name,Email,Phone\n" + rows + "Bad,,\n,,,,extra\n")
    monkeypatch.setattr(importing, "CHUNK", 10)
    monkeypatch.setattr(importing, "CHUNK_SECONDS", None)
    real = intake_store.insert_prospects
    calls = []

    def failing(db_, rows_):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk on fire")
        real(db_, rows_)

    monkeypatch.setattr(intake_store, "insert_prospects", failing)
    with pytest.raises(ImportInterrupted, match="20 of 51 rows were saved") as failed:
        run(db, path)
    assert "disk on fire" in str(failed.value)
    assert failed.value.report.created == 20  # the failed chunk's counts were rolled back
    imported = "SELECT count(*) FROM prospects WHERE email LIKE 'p%@x.example'"
    assert db.execute(imported).fetchone()[0] == 20
    assert (tmp_path / "leads.rejects.csv").exists()  # written before anything was saved
    monkeypatch.setattr(intake_store, "insert_prospects", real)
    again = run(db, path)
    assert (again.created, again.unchanged, again.rejected) == (31, 20, 1)
    assert db.execute(imported).fetchone()[0] == 50


def test_ctrl_c_while_reading_leaves_the_database_as_it_was(db, frozen, tmp_path, monkeypatch):
    path = write(tmp_path, "Email\n" + "".join(f"p{i}@x.example\n" for i in range(30)))
    before = dump(db)
    monkeypatch.setattr(importing, "BATCH", 5)
    reports = []

    def progress(step):
        reports.append(step)
        if len(reports) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_prospects(db, path, OPTIONS, NOW, progress)
    assert [r.stage for r in reports] == ["reading"] * 3
    assert dump(db) == before


def test_dry_run_counts_the_same_and_changes_nothing(db, frozen, tmp_path):
    path = fixture(tmp_path, "messy.csv")
    before = dump(db)
    dry = run(db, path, dry_run=True)
    assert dump(db) == before and dry.rejects_path is None
    assert not (tmp_path / "messy.rejects.csv").exists()
    real = run(db, path)
    assert (dry.created, dry.merged, dry.flagged, dry.rejected) == (
        real.created,
        real.merged,
        real.flagged,
        real.rejected,
    )
    assert "Dry run, nothing saved." in dry.lines()[0]


def test_files_that_are_not_prospect_lists_are_refused_with_a_hint(db, frozen, tmp_path):
    touches = write(
        tmp_path,
        "Followup ID,Email,Channel,Outcome,Started At\n1,a@x,call,no_answer,2026-11-23T10:00:00Z\n",
    )
    with pytest.raises(IntakeError, match="import-touches"):
        run(db, touches)
    signals = write(tmp_path, "Attendee,Signal Type\nx,Webinar\n", "s.csv")
    with pytest.raises(IntakeError, match="import-signals"):
        run(db, signals)
    nothing = write(tmp_path, "Foo,Bar\n1,2\n", "n.csv")
    with pytest.raises(IntakeError, match="--map"):
        run(db, nothing)


def test_summary_lines(db, frozen, tmp_path):
    report = run(db, fixture(tmp_path, "messy.csv"))
    text = "\n".join(report.lines())
    assert "messy.csv: 18 rows (UTF-8 with some Windows-1252, comma-separated)" in text
    assert "created        13" in text and "(1 updated, 1 unchanged)" not in text
    assert f"see {tmp_path / 'messy.rejects.csv'}" in text
    assert "rejected 1 × no name, email or phone" in text
    assert report.short().startswith(
        "Imported messy.csv: 18 rows, 13 created, 2 merged, 3 rejected."
        " 2 prospects have no dialable phone."
    )


def test_touch_count_is_not_imported_but_history_is_kept(sample_db, frozen, tmp_path):
    db = sample_db
    some = next(db.query("SELECT id, email FROM prospects WHERE email != '' LIMIT 1"))
    insert_past_touch(db, some["id"], channel="call", outcome="voicemail", started_at=NOW)
    db.conn.commit()
    count = db.execute("SELECT count(*) FROM touches").fetchone()[0]
    run(db, write(tmp_path, f"Email,Touch Count\n{some['email']},0\n"))
    assert db.execute("SELECT count(*) FROM touches").fetchone()[0] == count


def test_if_the_rejects_file_cannot_be_written_nothing_is_imported(db, frozen, tmp_path):
    path = write(tmp_path, "Name,Email\nAnn,ann@x.example\n,\n,,extra\n")
    (tmp_path / "leads.rejects.csv").mkdir()  # in the way of the rejects file
    before = dump(db)
    with pytest.raises(IntakeError, match=r"cannot write the rejects file.*nothing was imported"):
        run(db, path)
    assert dump(db) == before
