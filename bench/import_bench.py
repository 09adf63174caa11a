"""How fast `followup import` takes a 100,000-row messy export.

    python bench/import_bench.py [--rows 100000] [--again] [--profile]

Makes the export with make_export.py (deterministic) in a temporary folder,
imports it into a fresh temporary database with the same code the command
runs, and prints rows per second and the peak memory of the process.
`--again` also times importing the same file a second time (every row a
merge that changes nothing). `--profile` prints where the time goes.
Target: 20,000 rows per second or more on a 2-core machine (measured: about
22,000-23,000, 100,000 rows in about 4.4 s, peak RSS about 230 MiB). The
machine is shared and timings vary by a third from run to run: take the best
of a few.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import sys
import tempfile
import time
from pathlib import Path

import pendulum

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_export import make_export

from followup_tui.intake.csv_import import import_prospects
from followup_tui.intake.importing import ImportOptions
from followup_tui.store.db import open_db

NOW = pendulum.datetime(2026, 11, 23, 14, 30, tz="UTC")
OPTIONS = ImportOptions(region="US", rep_zone="America/New_York")


def timed_import(db, path: Path, profile: bool, options: ImportOptions) -> tuple[float, object]:
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    report = import_prospects(db, path, options, NOW)
    if profiler:
        profiler.disable()
    elapsed = time.perf_counter() - start
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return elapsed, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--again", action="store_true", help="also time a second import")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="followup-bench-") as folder:
        path = make_export(Path(folder) / "export.csv", args.rows)
        db = open_db(Path(folder) / "bench.db")
        elapsed, report = timed_import(db, path, args.profile, OPTIONS)
        print(
            f"first import:  {report.read:,} rows in {elapsed:.2f} s ="
            f" {report.read / elapsed:,.0f} rows/s"
            f"  (created {report.created:,}, merged {report.merged:,},"
            f" flagged {report.flagged:,}, rejected {report.rejected:,})"
        )
        if args.again:
            elapsed, report = timed_import(db, path, args.profile, OPTIONS)
            print(
                f"second import: {report.read:,} rows in {elapsed:.2f} s ="
                f" {report.read / elapsed:,.0f} rows/s  (unchanged {report.unchanged:,})"
            )
        db.close()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of the process): {peak_mib:,.0f} MiB")


if __name__ == "__main__":
    main()
