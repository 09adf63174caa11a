"""`followup backup` and `followup check` underneath: a consistent private copy while
the app writes, and a health report in words."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading

import pytest

from followup_tui.store.db import SCHEMA_VERSION, StoreError, open_db
from followup_tui.store.engine import Store
from followup_tui.store.maintenance import backup, check


def _add_touches(store: Store, stop: threading.Event, written: list[int]) -> None:
    while not stop.is_set():
        with store.writing() as db:
            db.execute(
                "INSERT INTO touches (prospect_id, channel, outcome, started_at, notes,"
                " decision_maker, created_at) VALUES (1, 'call', 'no_answer', 'x', ?, 0, 'x')",
                ["n" * 2000],
            )
        written.append(1)
    store.close_thread()


def test_a_backup_taken_while_a_writer_runs_is_whole(tmp_path):
    before = os.umask(0o022)
    try:
        path = tmp_path / "followup.db"
        db = open_db(path)
        db.execute(
            "INSERT INTO prospects (id, name, created_at, updated_at) VALUES (1, 'A', 'x', 'x')"
        )
        db.close()
        store, stop, written = Store(path), threading.Event(), []
        writer = threading.Thread(target=_add_touches, args=(store, stop, written))
        writer.start()
        copies = []
        try:
            while len(copies) < 5:
                if len(written) > 20 * (len(copies) + 1):  # the writer is well under way
                    copies.append(backup(path, tmp_path / f"copy{len(copies)}.db"))
        finally:
            stop.set()
            writer.join()
        for copy in copies:
            assert stat.S_IMODE(copy.stat().st_mode) == 0o600
            conn = sqlite3.connect(copy)
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            count, touch_count = conn.execute(
                "SELECT (SELECT count(*) FROM touches), touch_count FROM prospects"
            ).fetchone()
            assert count == touch_count > 0  # one moment: trigger and rows agree
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            conn.close()
        assert check(copies[-1]).ok
    finally:
        os.umask(before)


def test_a_backup_never_overwrites_nor_creates_a_database(tmp_path):
    path = tmp_path / "followup.db"
    open_db(path).close()
    taken = tmp_path / "taken.db"
    taken.write_text("mine")
    with pytest.raises(StoreError, match="already exists"):
        backup(path, taken)
    with pytest.raises(StoreError, match="no database at"):
        backup(tmp_path / "typo.db", tmp_path / "out.db")
    assert not (tmp_path / "typo.db").exists() and not (tmp_path / "out.db").exists()
    dated = backup(path)
    assert dated.parent == tmp_path / "backups" and dated.suffix == ".db"
    assert stat.S_IMODE(dated.parent.stat().st_mode) == 0o700


def test_backups_without_a_name_in_one_second_each_get_a_free_one(tmp_path, frozen):
    path = tmp_path / "team.db"
    open_db(path).close()
    stamp = frozen.now().format("YYYYMMDD-HHmmss")
    first, second, third = backup(path), backup(path), backup(path)
    assert first == tmp_path / "backups" / f"team-{stamp}.db"  # named after the database
    assert (second.name, third.name) == (f"team-{stamp}-2.db", f"team-{stamp}-3.db")
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    assert backup(path, folder).name == f"team-{stamp}.db"
    assert backup(path, folder).name == f"team-{stamp}-2.db"
    with pytest.raises(StoreError, match="already exists"):  # a name the rep gave is theirs
        backup(path, first)


def test_check_says_a_sound_file_is_sound(tmp_path):
    path = tmp_path / "followup.db"
    open_db(path).close()
    health = check(path)
    assert health.ok
    text = "\n".join(health.lines())
    assert (
        "The file is sound" in text
        and f"schema version {SCHEMA_VERSION} of {SCHEMA_VERSION}" in text
    )


def test_check_names_rows_that_point_at_nothing(tmp_path):
    path = tmp_path / "followup.db"
    open_db(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO touches (prospect_id, channel, started_at, decision_maker, created_at)"
        " VALUES (99, 'call', 'x', 0, 'x')"
    )  # foreign keys are off on a plain connection
    conn.commit()
    conn.close()
    os.chmod(path, 0o644)
    health = check(path)
    assert not health.ok
    text = "\n".join(health.lines())
    assert "touches row 1 points to a missing prospects row" in text
    assert "chmod 600" in text
