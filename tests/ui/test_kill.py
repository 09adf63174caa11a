"""Crash safety, measured: the app is killed (SIGKILL, no chance to clean up) at
seeded random moments of a scripted calling session. Every outcome it had shown as
logged is in the database, and the file passes SQLite's integrity check."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from followup_tui.intake.sample import load_sample
from followup_tui.store.db import open_db

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 5
SEED = 11
START_LIMIT_S = 60.0  # a guard against a hang, never a speed check


def _session(path: Path, kill_after_s: float) -> list[str]:
    """Run the driver on `path`, SIGKILL it `kill_after_s` after it is ready; its lines."""
    env = {**os.environ, "FOLLOWUP_NOW": "2026-11-23T09:30:00-05:00", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.kill_driver", str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for text in proc.stdout:
            lines.append(text.strip())
            if text.startswith("READY"):
                ready.set()

    reader = threading.Thread(target=read)
    reader.start()
    try:
        assert ready.wait(START_LIMIT_S), "the app never started"
        time.sleep(kill_after_s)
        proc.send_signal(signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        reader.join()
    return lines


def test_sigkill_loses_no_outcome_shown_and_never_corrupts_the_file(tmp_path, frozen):
    base = tmp_path / "base.db"
    db = open_db(base)
    load_sample(db, frozen.now())
    db.close()
    chance = random.Random(SEED)
    shown_in_all = 0
    for round_ in range(ROUNDS):
        path = tmp_path / f"round{round_}.db"
        shutil.copy(base, path)
        lines = _session(path, chance.uniform(0.2, 3.0))
        logged = [line.split() for line in lines if line.startswith("LOGGED")]
        shown_in_all += len(logged)
        conn = sqlite3.connect(path)  # recovers the WAL the killed app left
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        dangling = conn.execute("SELECT count(*) FROM touches WHERE outcome IS NULL")
        assert dangling.fetchone()[0] <= 1  # at most the dial running when it was killed
        for _, touch_id, outcome in logged:
            row = conn.execute("SELECT outcome FROM touches WHERE id = ?", [int(touch_id)])
            assert row.fetchone() == (outcome,), (round_, touch_id)
        conn.close()
    assert shown_in_all > 0  # the kills came after some outcomes, not only before any
