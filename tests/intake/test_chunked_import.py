"""Imports save in chunks: the same result as one transaction, and room for other writers."""

from __future__ import annotations

import gc
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from followup_tui.domain.phones import parse_phone
from followup_tui.intake import importing
from followup_tui.intake.csv_import import import_prospects
from followup_tui.intake.importing import ImportOptions, ImportProgress
from followup_tui.intake.leads import Lead
from followup_tui.intake.phone_reading import PhoneReader
from followup_tui.intake.touch_import import import_touches
from followup_tui.store.db import open_db
from tests.conftest import NOW, REP_ZONE

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "intake"
OPTIONS = ImportOptions(region="US", rep_zone=REP_ZONE)
TABLES = ("prospects", "research", "signals", "touches", "dnc_log")


def dump(db) -> dict[str, list[tuple]]:
    return {t: [tuple(r) for r in db.execute(f"SELECT * FROM {t} ORDER BY 1")] for t in TABLES}


def counts(report) -> tuple[int, ...]:
    return (
        report.read,
        report.created,
        report.updated,
        report.unchanged,
        report.rejected,
        report.flagged,
        report.dnc_added,
        report.signals_added,
    )


@pytest.fixture
def chunks_of(monkeypatch):
    """Fixed-size chunks of `rows` rows (no sizing by time)."""

    def set_size(rows: int) -> None:
        monkeypatch.setattr(importing, "CHUNK", rows)
        monkeypatch.setattr(importing, "CHUNK_SECONDS", None)

    return set_size


def people(count: int, start: int = 0) -> str:
    return "".join(
        f"Person {i},p{i}@x.example,(312) 555-{i:04d}\n" for i in range(start, start + count)
    )


def write(folder: Path, text: str, name: str = "leads.csv") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_chunked_equals_one_transaction_and_a_rerun_changes_nothing(tmp_path, frozen, chunks_of):
    one, many = tmp_path / "one", tmp_path / "many"
    one.mkdir()
    many.mkdir()
    chunks_of(100_000)
    db_one = open_db(one / "db.sqlite")
    whole = import_prospects(db_one, Path(shutil.copy(FIXTURES / "messy.csv", one)), OPTIONS, NOW)
    chunks_of(3)
    db_many = open_db(many / "db.sqlite")
    path = Path(shutil.copy(FIXTURES / "messy.csv", many))
    chunked = import_prospects(db_many, path, OPTIONS, NOW)
    assert whole.chunks == 1 and chunked.chunks > 3
    assert dump(db_many) == dump(db_one)
    assert counts(chunked) == counts(whole)
    assert chunked.saved == chunked.to_save == chunked.read - chunked.rejected
    before = dump(db_many)
    again = import_prospects(db_many, path, OPTIONS, NOW)
    assert dump(db_many) == before
    assert again.created == again.updated == 0
    assert again.unchanged == chunked.to_save
    db_one.close()
    db_many.close()


def test_the_same_person_in_two_chunks_is_merged(db, frozen, tmp_path, chunks_of):
    chunks_of(2)
    text = (
        "Name,Email,Phone,Title,Notes\n"
        "Ann Lee,ann@x.example,,,\n"
        "Bo,bo@x.example,,,\n"
        "Cy,cy@x.example,,,\n"  # a new chunk starts here
        ",ANN@X.EXAMPLE,(312) 555-0142,CFO,Met at the booth\n"
    )
    report = import_prospects(db, write(tmp_path, text), OPTIONS, NOW)
    assert (report.created, report.updated, report.chunks) == (3, 1, 2)
    ann = db.execute(
        "SELECT p.name, p.title, p.phone_e164, r.notes FROM prospects p"
        " JOIN research r ON r.prospect_id = p.id WHERE p.email = 'ann@x.example'"
    ).fetchall()
    assert ann == [("Ann Lee", "CFO", "+13125550142", "Met at the booth")]


def test_stopping_between_chunks_keeps_whole_chunks_and_a_rerun_finishes(
    db, frozen, tmp_path, chunks_of
):
    chunks_of(4)
    path = write(tmp_path, "Name,Email,Phone\n" + people(10))
    seen: list[ImportProgress] = []
    report = import_prospects(
        db,
        path,
        OPTIONS,
        NOW,
        progress=seen.append,
        should_stop=lambda: sum(p.stage == "saving" for p in seen) >= 2,
    )
    assert report.stopped and (report.saved, report.to_save, report.chunks) == (8, 10, 2)
    assert report.created == 8
    assert db.execute("SELECT count(*) FROM prospects").fetchone()[0] == 8
    saving = [(p.done, p.total) for p in seen if p.stage == "saving"]
    assert saving == [(4, 10), (8, 10)]
    assert "8 of 10 rows saved" in report.short()
    rest = import_prospects(db, path, OPTIONS, NOW)
    assert (rest.created, rest.unchanged, rest.stopped) == (2, 8, False)
    assert db.execute("SELECT count(*) FROM prospects").fetchone()[0] == 10


def test_stopping_while_reading_saves_nothing(db, frozen, tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "BATCH", 3)
    path = write(tmp_path, "Name,Email\n" + "".join(f"P{i},p{i}@x.example\n" for i in range(9)))
    report = import_prospects(db, path, OPTIONS, NOW, should_stop=lambda: True)
    assert report.stopped and report.saved == 0
    assert db.execute("SELECT count(*) FROM prospects").fetchone()[0] == 0


def test_progress_fraction_runs_from_reading_to_saving():
    reading = ImportProgress("reading", 50, 100, 0)
    saving = ImportProgress("saving", 100, 100, 100)
    assert reading.fraction == 0.25 and saving.fraction == 1.0
    assert "Saved 100 of 100" in saving.text()


def test_another_writer_gets_in_between_two_chunks(tmp_path, frozen, chunks_of):
    """The import pauses after its first chunk until a second connection has written
    (BEGIN IMMEDIATE, a new prospect, COMMIT): that write must not wait for the whole
    import, and the import must then see it (no id taken twice)."""
    chunks_of(5)
    target = tmp_path / "shared.db"
    db = open_db(target)
    path = write(tmp_path, "Name,Email,Phone\n" + people(20))
    first_chunk_saved = threading.Event()
    other_wrote = threading.Event()
    errors: list[BaseException] = []

    def other_writer() -> None:
        try:
            conn = sqlite3.connect(target, timeout=5, isolation_level=None)
            first_chunk_saved.wait(timeout=30)
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                "INSERT INTO prospects (name, email, created_at, updated_at)"
                " VALUES ('Walk-in', 'walkin@x.example', ?, ?)",
                [NOW.isoformat(), NOW.isoformat()],
            )
            conn.execute("COMMIT")
            conn.close()
        except BaseException as err:  # reported below, on the test's thread
            errors.append(err)
        finally:
            other_wrote.set()

    def progress(step: ImportProgress) -> None:
        if step.stage == "saving" and step.saved == 5:
            first_chunk_saved.set()
            assert other_wrote.wait(timeout=30)

    thread = threading.Thread(target=other_writer)
    thread.start()
    report = import_prospects(db, path, OPTIONS, NOW, progress=progress)
    thread.join()
    assert errors == []
    assert (report.created, report.chunks) == (20, 4)
    emails = [e for (e,) in db.execute("SELECT email FROM prospects ORDER BY id")]
    assert len(emails) == 21 and emails[5] == "walkin@x.example"  # saved after chunk one
    db.close()


def test_a_writer_racing_an_import_is_never_locked_out(tmp_path, frozen, chunks_of):
    """A second connection writing over and over while an import of many chunks runs:
    both finish, with a 5 s busy timeout on the writer."""
    chunks_of(50)
    target = tmp_path / "shared.db"
    db = open_db(target)
    first = import_prospects(db, write(tmp_path, "Name,Email\nAnn,ann@x.example\n"), OPTIONS, NOW)
    assert first.created == 1
    ann = db.execute("SELECT id FROM prospects").fetchone()[0]
    path = write(tmp_path, "Name,Email,Phone\n" + people(1000), "big.csv")
    errors: list[BaseException] = []
    started = threading.Event()
    done = threading.Event()
    writes = 0

    def other_writer() -> None:
        nonlocal writes
        conn = sqlite3.connect(target, timeout=5, isolation_level=None)
        try:
            started.wait(timeout=30)
            while not done.is_set() or writes < 3:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(
                    "INSERT INTO touches (prospect_id, channel, outcome, started_at,"
                    " decision_maker, created_at) VALUES (?, 'call', 'no_answer', ?, 0, ?)",
                    [ann, f"2026-11-23T10:{writes % 60:02d}:00+00:00", NOW.isoformat()],
                )
                conn.execute("COMMIT")
                writes += 1
        except BaseException as err:
            errors.append(err)
        finally:
            conn.close()

    thread = threading.Thread(target=other_writer)
    thread.start()
    report = import_prospects(db, path, OPTIONS, NOW, progress=lambda step: started.set())
    done.set()
    thread.join()
    assert errors == []
    assert (report.created, report.chunks) == (1000, 20)
    assert db.execute("SELECT count(*) FROM touches").fetchone()[0] == writes >= 3
    db.close()


def test_touches_save_in_chunks_stop_between_them_and_a_rerun_finishes(
    db, frozen, tmp_path, chunks_of
):
    import_prospects(db, write(tmp_path, "Name,Email,Phone\n" + people(5)), OPTIONS, NOW)
    rows = "".join(
        f"p{i % 5}@x.example,call,no answer,2026-11-{1 + i:02d} 10:00,42\n" for i in range(12)
    )
    path = write(tmp_path, "Email,Channel,Outcome,Started At,Duration\n" + rows, "touches.csv")
    chunks_of(5)
    calls = []
    stopped = import_touches(
        db, path, OPTIONS, should_stop=lambda: bool(calls.append(1)) or len(calls) > 1
    )
    assert stopped.stopped and (stopped.created, stopped.saved, stopped.chunks) == (10, 10, 2)
    assert db.execute("SELECT count(*) FROM touches").fetchone()[0] == 10
    rest = import_touches(db, path, OPTIONS)
    assert (rest.created, rest.unchanged, rest.chunks) == (2, 10, 3)
    chunks_of(100)
    again = import_touches(db, path, OPTIONS)
    assert (again.created, again.unchanged) == (0, 12)
    stored = db.execute(
        "SELECT started_at, ended_at, duration_s, created_at FROM touches ORDER BY started_at"
    ).fetchall()
    assert stored[0] == (
        "2026-11-01T15:00:00Z",
        "2026-11-01T15:00:42Z",
        42,
        "2026-11-01T15:00:00Z",
    )


def test_one_phone_reader_gives_parse_phones_answers_for_many_numbers_of_a_prefix():
    """The reader remembers zones by prefix: many numbers of the same area codes and
    exchanges, read by one reader, still answer as parse_phone does."""
    reader = PhoneReader("US")
    for area in ("212", "312", "415", "907", "808", "340", "671", "416", "604", "264"):
        for exchange in ("555", "201", "989"):
            for line in range(0, 10_000, 1_111):
                text = f"({area}) {exchange}-{line:04d}"
                assert reader.read(text) == parse_phone(text, "US")


def test_a_write_while_a_chunk_is_prepared_makes_the_import_prepare_it_again(
    tmp_path, frozen, chunks_of, monkeypatch
):
    """Chunks are matched before the lock is taken; a prospect another connection adds
    in that moment (taking the id the chunk meant to use) is seen inside the lock."""
    from followup_tui.intake import csv_import

    chunks_of(5)
    target = tmp_path / "shared.db"
    db = open_db(target)
    real_take = csv_import._ProspectImport.take
    takes = []

    def take_then_someone_writes(self, leads):
        real_take(self, leads)
        takes.append(len(leads))
        if len(takes) == 2:  # the second chunk is prepared; the lock is not yet taken
            other = sqlite3.connect(target, timeout=5, isolation_level=None)
            other.execute("BEGIN IMMEDIATE")
            other.execute(
                "INSERT INTO prospects (id, name, email, created_at, updated_at)"
                " VALUES (6, 'Walk-in', 'walkin@x.example', ?, ?)",
                [NOW.isoformat(), NOW.isoformat()],
            )
            other.execute("COMMIT")
            other.close()

    monkeypatch.setattr(csv_import._ProspectImport, "take", take_then_someone_writes)
    text = "Name,Email,Phone\n" + people(10) + "Walk In,WALKIN@x.example,\n"
    report = import_prospects(db, write(tmp_path, text), OPTIONS, NOW)
    assert takes == [5, 5, 5, 1]  # the second chunk was prepared twice
    assert (report.created, report.merged, report.chunks) == (10, 1, 3)
    rows = db.execute("SELECT id, email FROM prospects ORDER BY id").fetchall()
    assert len(rows) == 11 and (6, "walkin@x.example") in rows
    db.close()


def test_what_an_import_made_is_freed_when_it_ends(db, frozen, tmp_path):
    """No reference cycle keeps the rows read alive after an import (a number
    phonenumbers refuses, "+999 123", used to make one through its frames): with the
    collector off, they would wait for a collection that walks them all."""
    text = "Name,Email,Phone\n" + people(50) + "Zed,zed@x.example,+999 123\n" + people(50, 50)
    was_enabled = gc.isenabled()
    gc.disable()  # nothing is collected meanwhile: what is left over shows
    try:
        report = import_prospects(db, write(tmp_path, text), OPTIONS, NOW)
        left = [o for o in gc.get_objects() if isinstance(o, Lead)]
    finally:
        if was_enabled:
            gc.enable()
    assert report.created == 101
    assert left == []


def test_a_checkpoint_that_fails_beside_the_import_is_raised_to_it(tmp_path):
    """Checkpoints run in a thread of their own (store.intake._Checkpointer); what goes
    wrong there reaches the import: at its next request, or when it is done."""
    from followup_tui.store.intake import _Checkpointer

    broken = _Checkpointer(str(tmp_path / "no such folder" / "db.sqlite"))
    broken._thread.join()  # it cannot open the file, and stops
    with pytest.raises(sqlite3.OperationalError):
        broken.request()
    assert broken.close() is None  # told once
    again = _Checkpointer(str(tmp_path / "no such folder" / "db.sqlite"))
    assert isinstance(again.close(), sqlite3.OperationalError)


def test_checkpoints_beside_the_import_leave_the_wal_copied(tmp_path, frozen, chunks_of):
    chunks_of(2)
    db = open_db(tmp_path / "db.sqlite")
    report = import_prospects(db, write(tmp_path, "Name,Email,Phone\n" + people(20)), OPTIONS, NOW)
    assert report.chunks == 10 and report.created == 20
    busy, frames, copied = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert (busy, frames) == (0, copied)
    assert [t.name for t in threading.enumerate() if t.name == "import-checkpoints"] == []
    db.close()
