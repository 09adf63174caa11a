"""How long the queue takes on a large database (not a test; not run by CI).

    .venv/bin/python bench/queue_bench.py [--prospects 100000]

Builds a temporary database of invented prospects (a third due now, with warm
signals and recent touches), then times what the app does on start-up and once
a minute (queue_now: candidates + domain ordering), after every outcome
(queue_after_change: one prospect judged again) and on every move in the list
(prospect_file).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import tracemalloc
from pathlib import Path

import pendulum

from followup_tui.domain.clock import to_iso
from followup_tui.domain.policy import Policy
from followup_tui.store.db import open_db, write_transaction
from followup_tui.store.prospects import prospect_file, queue_after_change, queue_now

NOW = pendulum.datetime(2026, 11, 23, 16, tz="UTC")
PHONES = [
    ("+1312555{:04d}", "America/Chicago"),
    ("+1212555{:04d}", "America/New_York"),
    ("+4420794{:05d}", "Europe/London"),
    ("+1415555{:04d}", "America/Los_Angeles"),
]


def build(path: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    db = open_db(path)
    stamp = to_iso(NOW)
    with write_transaction(db):
        db.conn.executemany(
            "INSERT INTO prospects (id, name, company, phone_e164, phone_zones, status,"
            " do_not_call, next_touch_at, cadence_step, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, 'active', 0, ?, ?, ?, ?)",
            (
                (i, f"Prospect {i}", f"Company {i % 5000}",
                 PHONES[i % 4][0].format(i % 10000), PHONES[i % 4][1],
                 to_iso(NOW.subtract(hours=rng.randint(-24 * 20, 24 * 10))),
                 rng.randint(0, 11), stamp, stamp)
                for i in range(1, count + 1)
            ),
        )  # fmt: skip
        db.conn.executemany(
            "INSERT INTO touches (prospect_id, channel, outcome, started_at, created_at)"
            " VALUES (?, 'call', 'no_answer', ?, ?)",
            ((rng.randint(1, count), to_iso(NOW.subtract(hours=rng.randint(1, 24 * 30))), stamp)
             for _ in range(count * 2)),
        )  # fmt: skip
        db.conn.executemany(
            "INSERT INTO signals (prospect_id, kind, occurred_at) VALUES (?, ?, ?)",
            ((rng.randint(1, count), rng.choice(["webinar", "ebook_download", "rfp"]),
              to_iso(NOW.subtract(days=rng.randint(1, 120)))) for _ in range(count // 2)),
        )  # fmt: skip
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--prospects", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        started = time.perf_counter()
        build(path, args.prospects)
        print(f"built {args.prospects:,} prospects in {time.perf_counter() - started:.1f} s")
        db = open_db(path)
        started = time.perf_counter()
        queue = queue_now(db, NOW, Policy())
        took = time.perf_counter() - started
        tracemalloc.start()  # a second run for memory: tracing slows it down
        queue_now(db, NOW, Policy())
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        print(f"queue_now: {len(queue.ready):,} ready, {len(queue.held):,} held "
              f"in {took:.2f} s, peak {peak:.0f} MiB")  # fmt: skip
        started = time.perf_counter()
        for entry in queue.ready[:100]:
            queue = queue_after_change(db, queue, [entry.prospect.id], NOW, Policy())
        print(f"queue_after_change: {(time.perf_counter() - started) * 10:.1f} ms each")
        started = time.perf_counter()
        for entry in queue.ready[:100]:
            prospect_file(db, entry.prospect.id)
        print(f"prospect_file: {(time.perf_counter() - started) * 10:.1f} ms each")


if __name__ == "__main__":
    main()
