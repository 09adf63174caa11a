"""`followup backup` and `followup check`: a consistent copy, and a health report.

Both open the database read-only (they never create or migrate it). A backup
uses SQLite's online backup API from one read transaction: in WAL mode the app
keeps writing meanwhile, and the copy is the database as it was at one moment.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import tempfile
from pathlib import Path

from msgspec import Struct, field

from followup_tui.store.db import (
    BUSY_TIMEOUT_MS,
    SCHEMA_VERSION,
    StoreError,
    check_ours,
    must_exist,
)

SHOWN_PROBLEMS = 10  # the first few problems are named; the rest are counted


def _connect_read_only(path: Path) -> sqlite3.Connection:
    must_exist(path)
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
        check_ours(conn, path)
    except sqlite3.DatabaseError as err:
        raise StoreError(f"cannot open {path} as a followup database: {err}") from err
    return conn


def backup(source: Path, target: Path | None = None) -> Path:
    """Copy the database at `source` to `target` (a new file, 0600, never one that
    exists; a folder gets a dated file inside it, a free name of its own; None: the
    `backups` folder beside the database). Returns the file written."""
    _connect_read_only(source).close()  # a missing or foreign file: before any folder is made
    if target is None:
        target = source.parent / "backups"
        target.mkdir(mode=0o700, exist_ok=True)
    if target.is_dir():
        target = free_backup_path(target, source)
    if target.exists():
        raise StoreError(f"{target} already exists: pick a new name (a backup never overwrites)")
    if target.resolve() == source.resolve():
        raise StoreError("the backup must go to another file than the database")
    src = _connect_read_only(source)
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}-", dir=target.parent)  # 0600
        os.close(handle)
        try:
            dst = sqlite3.connect(temp)
            try:
                src.backup(dst)  # every page in one step: one read snapshot
                dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                dst.close()
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except sqlite3.DatabaseError as err:
        raise StoreError(f"the backup failed, nothing was written: {err}") from err
    except OSError as err:
        raise StoreError(f"cannot write {target}: {err.strerror or err}") from err
    finally:
        src.close()
    return target


def default_backup_name(source: Path, suffix: str = "") -> str:
    """'followup-20261123-150000.db': named after the database file, so backups of
    several databases in one folder tell which is which."""
    from followup_tui.domain import clock

    return f"{source.stem}-{clock.now().format('YYYYMMDD-HHmmss')}{suffix}.db"


def free_backup_path(folder: Path, source: Path) -> Path:
    """The dated name in `folder`, or with -2, -3, ... when a backup already took it
    in the same second: the rep named no file, so none is theirs to pick."""
    target = folder / default_backup_name(source)
    second = 2
    while target.exists():
        target = folder / default_backup_name(source, f"-{second}")
        second += 1
    return target


class Health(Struct):
    """What `followup check` found."""

    path: Path
    version: int = 0
    integrity: list[str] = field(default_factory=list)  # empty: the file is sound
    orphans: list[str] = field(default_factory=list)  # rows pointing at nothing
    notes: list[str] = field(default_factory=list)  # advice that is not a fault

    @property
    def ok(self) -> bool:
        return not self.integrity and not self.orphans

    def lines(self) -> list[str]:
        out = [f"{self.path}: schema version {self.version} of {SCHEMA_VERSION}."]
        if self.integrity:
            out.append(f"The file is damaged: {_count(self.integrity, 'problem')} found.")
            out += [f"  {p}" for p in self.integrity[:SHOWN_PROBLEMS]]
            out += _more(self.integrity)
        else:
            out.append("The file is sound: SQLite's integrity check found nothing wrong.")
        if self.orphans:
            out.append(
                f"{_count(self.orphans, 'row')} point to something that does not exist"
                " (foreign key check):"
            )
            out += [f"  {p}" for p in self.orphans[:SHOWN_PROBLEMS]]
            out += _more(self.orphans)
        else:
            out.append("Every touch, signal and note belongs to a prospect that exists.")
        out += [f"Note: {note}" for note in self.notes]
        if not self.ok:
            out.append("Restore a backup (followup backup makes one), or ask for help.")
        return out


def _count(items: list[str], word: str) -> str:
    return f"{len(items):,} {word}" + ("" if len(items) == 1 else "s")


def _more(items: list[str]) -> list[str]:
    rest = len(items) - SHOWN_PROBLEMS
    return [f"  … and {rest:,} more"] if rest > 0 else []


def check(path: Path) -> Health:
    """SQLite's integrity_check and foreign_key_check, and whether others may read it."""
    conn = _connect_read_only(path)
    try:
        health = Health(path, version=len(check_ours(conn, path)))
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        health.integrity = [str(r[0]) for r in rows if r[0] != "ok"]
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchall():
            health.orphans.append(f"{table} row {rowid} points to a missing {parent} row")
    except sqlite3.DatabaseError as err:
        health = Health(path, integrity=[f"SQLite could not read it: {err}"])
    finally:
        conn.close()
    mode = path.stat().st_mode
    if mode & (stat.S_IRGRP | stat.S_IROTH):
        health.notes.append(
            f"other users of this computer may read it (mode {stat.filemode(mode)});"
            f" chmod 600 {path} keeps it yours"
        )
    return health
