"""How long the queue takes on a large database (not a test; not run by CI).

    FOLLOWUP_NOW=2026-11-23T15:00:00Z .venv/bin/python bench/queue_bench.py \\
        --db /tmp/followup-bench/large.db [--runs 3]
    .venv/bin/python bench/queue_bench.py [--prospects 100000]   # a database built here

Works on a copy of --db in a temporary folder (the master is never opened by the
app, which would migrate it in place). Prints medians of --runs runs:

- queue_now: the full queue the app builds in a worker (start-up, and a refresh);
- queue_head: the first page the app paints at start-up before the full queue;
- queue_after_change: one prospect read and judged again after an outcome;
- `followup queue --format json` beside its floor, bench/floor_queue.py (the same
  rows by plain SQL + json), both as subprocesses on the same copy, alternated.

The copy is migrated once first (the one-time cost is printed apart), so every
figure is what a rep sees on the second start and after.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pendulum

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from followup_tui.domain.clock import parse_instant, to_iso
from followup_tui.domain.policy import Policy
from followup_tui.store.db import open_db, write_transaction
from followup_tui.store.prospects import queue_after_change, queue_head, queue_now

NOW_ISO = "2026-11-23T15:00:00Z"
BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PHONES = [
    ("+1312555{:04d}", "America/Chicago"),
    ("+1212555{:04d}", "America/New_York"),
    ("+4420794{:05d}", "Europe/London"),
    ("+1415555{:04d}", "America/Los_Angeles"),
]


def build(path: Path, count: int, now: pendulum.DateTime, seed: int = 7) -> None:
    """Invented prospects (a third due now) with warm signals and recent touches."""
    rng = random.Random(seed)
    db = open_db(path)
    stamp = to_iso(now)
    with write_transaction(db):
        db.conn.executemany(
            "INSERT INTO prospects (id, name, company, phone_e164, phone_zones, status,"
            " do_not_call, next_touch_at, cadence_step, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, 'active', 0, ?, ?, ?, ?)",
            (
                (i, f"Prospect {i}", f"Company {i % 5000}",
                 PHONES[i % 4][0].format(i % 10000), PHONES[i % 4][1],
                 to_iso(now.subtract(hours=rng.randint(-24 * 20, 24 * 10))),
                 rng.randint(0, 11), stamp, stamp)
                for i in range(1, count + 1)
            ),
        )  # fmt: skip
        db.conn.executemany(
            "INSERT INTO touches (prospect_id, channel, outcome, started_at, created_at)"
            " VALUES (?, 'call', 'no_answer', ?, ?)",
            ((rng.randint(1, count), to_iso(now.subtract(hours=rng.randint(1, 24 * 30))), stamp)
             for _ in range(count * 2)),
        )  # fmt: skip
        db.conn.executemany(
            "INSERT INTO signals (prospect_id, kind, occurred_at) VALUES (?, ?, ?)",
            ((rng.randint(1, count), rng.choice(["webinar", "ebook_download", "rfp"]),
              to_iso(now.subtract(days=rng.randint(1, 120)))) for _ in range(count // 2)),
        )  # fmt: skip
    db.close()


def median_ms(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def subprocess_s(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(path: Path, now: pendulum.DateTime, runs: int) -> None:
    started = time.perf_counter()
    db = open_db(path)  # migrates the copy once
    print(f"open (and migrate the copy once): {time.perf_counter() - started:.2f} s")
    policy = Policy()
    queue = queue_now(db, now, policy)
    print(f"queue: {len(queue.ready):,} ready, {len(queue.held):,} held")
    full = median_ms(runs, lambda: queue_now(db, now, policy))
    gc.freeze()  # what the app may do once its queue is loaded
    frozen = median_ms(runs, lambda: queue_now(db, now, policy))
    gc.unfreeze()
    gc.disable()
    no_gc = median_ms(runs, lambda: queue_now(db, now, policy))
    gc.enable()
    print(f"queue_now: {full:,.0f} ms (after gc.freeze(): {frozen:,.0f} ms;"
          f" with no collection: {no_gc:,.0f} ms)")  # fmt: skip
    head = median_ms(max(runs, 5), lambda: queue_head(db, now, policy))
    first = queue_head(db, now, policy)
    same = [e.prospect.id for e in first.ready] == [e.prospect.id for e in queue.ready[:200]]
    print(f"queue_head(limit=200): {head:,.1f} ms; its ready rows are queue_now's first 200:"
          f" {same}")  # fmt: skip
    changes = []
    for entry in queue.ready[:50]:
        started = time.perf_counter()
        queue_after_change(db, queue, [entry.prospect.id], now, policy)
        changes.append((time.perf_counter() - started) * 1000)
    after = statistics.median(changes)
    print(f"queue_after_change (one prospect): {after:,.2f} ms")
    tracemalloc.start()
    queue_now(db, now, policy)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"queue_now peak traced memory: {peak:,.0f} MiB")
    db.close()
    env = {**os.environ, "FOLLOWUP_NOW": to_iso(now)}
    app = [sys.executable, "-m", "followup_tui.cli", "--db", str(path), "queue", "--format", "json"]
    floor = [sys.executable, str(BENCH / "floor_queue.py"), "--db", str(path), "--now", to_iso(now)]
    apps, floors = [], []
    for _ in range(runs):
        floors.append(subprocess_s(floor, env))
        apps.append(subprocess_s(app, env))
    app_s, floor_s = statistics.median(apps), statistics.median(floors)
    print(f"followup queue --format json: {app_s:.2f} s; floor (bench/floor_queue.py):"
          f" {floor_s:.2f} s; ratio {app_s / floor_s:.2f}x (target <= 2x)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a database to copy and measure")
    parser.add_argument("--prospects", type=int, default=100_000, help="without --db: build")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    now = parse_instant(os.environ.get("FOLLOWUP_NOW") or NOW_ISO)
    with tempfile.TemporaryDirectory(prefix="queue-bench-") as folder:
        path = Path(folder) / "bench.db"
        if args.db is not None:
            shutil.copyfile(args.db, path)
        else:
            started = time.perf_counter()
            build(path, args.prospects, now)
            print(f"built {args.prospects:,} prospects in {time.perf_counter() - started:.1f} s")
        measure(path, now, args.runs)


if __name__ == "__main__":
    main()
