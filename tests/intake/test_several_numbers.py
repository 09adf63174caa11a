"""Several numbers per prospect: an import keeps every phone column, a merge adds a new
number and says so, export and import give them back, `w` marks only the number dialed,
and a database from before m006 gets its numbers."""

from __future__ import annotations

import io
import sqlite3

import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from followup_tui.domain.models import PhoneNumber
from followup_tui.domain.numbers import LABELS, main_number
from followup_tui.domain.outcomes import Outcome
from followup_tui.domain.phones import parse_phone
from followup_tui.domain.policy import Policy
from followup_tui.intake.csv_import import _first_is_main, import_prospects
from followup_tui.intake.export import write_export
from followup_tui.session.core import WorkSession
from followup_tui.store.db import database_file, open_db
from followup_tui.store.engine import Store
from followup_tui.store.schema import migrations
from tests.conftest import NOW, REP_ZONE
from tests.intake.test_csv_import import OPTIONS, write


def numbers(db, email: str) -> list[tuple]:
    return db.execute(
        "SELECT ph.label, ph.e164, ph.main, ph.bad FROM phones ph"
        " JOIN prospects p ON p.id = ph.prospect_id WHERE p.email = ? ORDER BY ph.position",
        [email],
    ).fetchall()


THREE = (
    "Name,Email,Direct Dial,Mobile,Switchboard\n"
    "Ada Byron,ada@example.com,212-555-0101,(415) 555-0102,212-555-0100\n"
)


def test_three_phone_columns_make_three_numbers_with_labels(db, frozen, tmp_path):
    report = import_prospects(db, write(tmp_path, THREE), OPTIONS, NOW)
    assert report.created == 1
    assert numbers(db, "ada@example.com") == [
        ("direct", "+12125550101", 1, 0),
        ("mobile", "+14155550102", 0, 0),
        ("office", "+12125550100", 0, 0),
    ]
    row = db.execute("SELECT phone_e164, phone_bad FROM prospects").fetchone()
    assert row == ("+12125550101", 0)  # the main number, where scripts read it


def test_the_same_person_twice_with_another_number_keeps_both_and_says_so(db, frozen, tmp_path):
    first = "Name,Email,Phone\nAda Byron,ada@example.com,212-555-0101\n"
    import_prospects(db, write(tmp_path, first), OPTIONS, NOW)
    second = "Name,Email,Mobile\nAda Byron,ADA@example.com,14155550102\n"  # said formatted
    report = import_prospects(db, write(tmp_path, second, "again.csv"), OPTIONS, NOW)
    assert (report.created, report.updated, report.numbers_added) == (0, 1, 1)
    assert db.execute("SELECT count(*) FROM prospects").fetchone()[0] == 1
    assert numbers(db, "ada@example.com") == [
        ("direct", "+12125550101", 1, 0),
        ("mobile", "+14155550102", 0, 0),
    ]
    said = "\n".join(report.lines())
    assert "added 1 new number to 1 existing prospect" in said
    assert "new number: Ada Byron: mobile (415) 555-0102" in said
    assert "Added 1 new number to 1 existing prospect." in report.short()
    # The same file again adds nothing more.
    again = import_prospects(db, write(tmp_path, second, "again.csv"), OPTIONS, NOW)
    assert (again.unchanged, again.numbers_added) == (1, 0)


def test_export_then_import_gives_the_numbers_back_with_labels_and_marks(db, frozen, tmp_path):
    import_prospects(db, write(tmp_path, THREE), OPTIONS, NOW)
    db.execute("UPDATE phones SET bad = 1 WHERE label = 'direct'")
    db.conn.commit()
    out = io.StringIO()
    write_export(db, "prospects", "csv", out)
    path = tmp_path / "export.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    fresh = open_db(tmp_path / "fresh.db")
    import_prospects(fresh, path, OPTIONS, NOW)
    assert numbers(fresh, "ada@example.com") == [
        ("direct", "+12125550101", 0, 1),
        ("mobile", "+14155550102", 1, 0),
        ("office", "+12125550100", 0, 0),
    ]
    assert fresh.execute("SELECT phone_e164, phone_bad FROM prospects").fetchone() == (
        "+14155550102",
        0,
    )
    fresh.close()


def test_a_wrong_number_marks_only_the_number_dialed(db, frozen, tmp_path):
    import_prospects(db, write(tmp_path, THREE), OPTIONS, NOW)
    (pid,) = db.execute("SELECT id FROM prospects").fetchone()
    work = WorkSession(Store(database_file(db)), Policy(), REP_ZONE)
    work.start()
    frozen.advance(5 * 3600)  # 14:30 New York: every number is open; the direct line first
    assert not work.dial(pid).failed
    assert work.running is not None and work.running.number is not None
    assert work.running.number.label == "direct"
    result = work.log(pid, Outcome.WRONG_NUMBER)
    assert "the mobile number (415) 555-0102 is next" in result.notice.text
    assert numbers(db, "ada@example.com") == [
        ("direct", "+12125550101", 0, 1),
        ("mobile", "+14155550102", 1, 0),
        ("office", "+12125550100", 0, 0),
    ]
    assert db.execute("SELECT phone_e164, phone_bad FROM prospects").fetchone() == (
        "+14155550102",
        0,
    )
    touch = db.execute("SELECT phone_id, number FROM touches").fetchone()
    assert touch[1] == "+12125550101"
    work.undo()
    assert numbers(db, "ada@example.com")[0] == ("direct", "+12125550101", 1, 0)
    work.store.close()


def test_a_database_from_before_m006_gets_one_number_per_prospect(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(sqlite3.connect(path))
    migrations.apply(old, stop_before="m006_phones")  # the schema as m005 left it
    old.execute(
        "INSERT INTO prospects (name, phone_raw, phone_e164, phone_zones, phone_bad, created_at,"
        " updated_at) VALUES ('Ada', '212 555 0101', '+12125550101', 'America/New_York', 1,"
        " 'x', 'x'), ('Bob', '', NULL, '', 0, 'x', 'x')"
    )
    old.conn.commit()
    old.close()
    db = open_db(path)
    assert db.execute(
        "SELECT prospect_id, label, raw, e164, zones, bad, main FROM phones"
    ).fetchall() == [(1, "direct", "212 555 0101", "+12125550101", "America/New_York", 1, 1)]
    assert {c.name for c in db.table("touches").columns} >= {"phone_id", "number"}
    db.close()


_PHONES = st.sampled_from(
    [parse_phone(t) for t in ("212-555-0101", "(415) 555-0102", "12", "+999 123", "555-0100")]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([*LABELS, "pager"]), _PHONES), min_size=1, max_size=4))
def test_the_quick_path_for_several_numbers_picks_the_main_number_the_domain_picks(numbers):
    """csv_import's shortcut for a row's numbers agrees with domain.numbers.main_number
    whenever it is taken."""
    if _first_is_main(numbers, numbers[0][1]):
        several = [
            PhoneNumber(label, p.raw, p.e164, p.extension, p.zones, p.problem, position=i)
            for i, (label, p) in enumerate(numbers)
        ]
        assert main_number(several) is several[0]
