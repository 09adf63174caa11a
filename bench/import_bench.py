"""How fast `followup import` takes a 100,000-row messy export, beside its floor.

    python bench/import_bench.py [--rows 100000] [--runs 3] [--again] [--touches N] [--profile]

Makes the export with make_export.py (deterministic) in a temporary folder,
then, `--runs` times: measures the floor, and imports the file into a fresh
temporary database with the same code the command runs (reading every row,
then saving in chunks of short transactions). Prints the median of each and
their ratio, which is what to compare across machines (the machine is shared
and absolute timings vary by a third from run to run).

The floor is the phonenumbers work alone: every phone number of every non-blank
row (an import keeps all of a prospect's numbers: direct, mobile, office)
through `phonenumbers.parse`, `is_valid_number`, `format_number` (E.164) and
`timezone.time_zones_for_number`, the texts read beforehand. An import does
that and everything else (reading the CSV, matching people, saving), so the
target is a ratio of at least 0.8.

`--again` also times importing the same file a second time (every row a
merge that changes nothing). `--touches N` then times `import-touches` of N
call-history rows for the imported prospects (touches fire the schema's
triggers). `--profile` prints where the time of one import goes.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import pstats
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pendulum
import phonenumbers
from phonenumbers import PhoneNumberFormat
from phonenumbers import timezone as phone_timezone

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from make_export import HEADER, make_export

from followup_tui.intake.csv_import import import_prospects
from followup_tui.intake.importing import ImportOptions
from followup_tui.intake.report import ImportReport
from followup_tui.intake.touch_import import import_touches
from followup_tui.store.db import open_db

NOW = pendulum.datetime(2026, 11, 23, 14, 30, tz="UTC")
OPTIONS = ImportOptions(region="US", rep_zone="America/New_York")
PHONE_COLUMNS = [HEADER.index(c) for c in ("Work Direct Phone", "Mobile Phone", "Corporate Phone")]
TARGET = 0.8


def row_phones(path: Path) -> list[str]:
    """Every phone text of every non-blank row, as the import reads them."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        texts = []
        for row in reader:
            if not "".join(row).strip():
                continue
            for i in PHONE_COLUMNS:
                cell = row[i] if i < len(row) else ""
                texts.extend(part.strip() for part in cell.split(";") if part.strip())
    return texts


def floor_seconds(texts: list[str]) -> float:
    """phonenumbers parse + validate + format + zones, every number of every row."""
    cpu = time.process_time()
    start = time.perf_counter()
    for text in texts:
        if not text:
            continue
        try:
            number = phonenumbers.parse(text, "US")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            phonenumbers.format_number(number, PhoneNumberFormat.E164)
            phone_timezone.time_zones_for_number(number)
    floor_cpu.append(time.process_time() - cpu)
    return time.perf_counter() - start


floor_cpu: list[float] = []
import_cpu: list[float] = []


def timed(work: Callable[[], ImportReport], profile: bool) -> tuple[float, ImportReport]:
    profiler = cProfile.Profile() if profile else None
    cpu = time.process_time()
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    report = work()
    if profiler:
        profiler.disable()
    elapsed = time.perf_counter() - start
    import_cpu.append(time.process_time() - cpu)
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    return elapsed, report


def touches_file(path: Path, emails: list[str], count: int) -> Path:
    """`count` logged calls of the imported prospects, as `followup export touches` writes."""
    rng = random.Random(11)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["Email", "Channel", "Outcome", "Started At", "Duration (s)", "Notes"])
    outcomes = ["no_answer", "voicemail", "connected", "not_interested", "meeting"]
    for n in range(count):
        start = NOW.subtract(minutes=n * 7 + rng.randint(0, 6))
        writer.writerow(
            [
                rng.choice(emails),
                "call",
                rng.choice(outcomes),
                start.isoformat(),
                rng.randint(0, 600),
                "",
            ]
        )
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="medians of this many runs")
    parser.add_argument("--again", action="store_true", help="also time a second import")
    parser.add_argument("--touches", type=int, default=0, metavar="N", help="also import N touches")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="followup-bench-") as name:
        folder = Path(name)
        path = make_export(folder / "export.csv", args.rows)
        texts = row_phones(path)
        floors, imports = [], []
        report: ImportReport | None = None
        for run in range(args.runs):
            floors.append(floor_seconds(texts))
            target = folder / f"bench-{run}.db"
            db = open_db(target)
            last = run == args.runs - 1
            elapsed, report = timed(
                partial(import_prospects, db, path, OPTIONS, NOW), args.profile and last
            )
            imports.append(elapsed)
            if last and args.again:
                again, second = timed(partial(import_prospects, db, path, OPTIONS, NOW), False)
                print(
                    f"second import: {second.read:,} rows in {again:.2f} s ="
                    f" {second.read / again:,.0f} rows/s  (unchanged {second.unchanged:,},"
                    f" created {second.created:,})"
                )
            if last and args.touches:
                emails = [e for (e,) in db.execute("SELECT email FROM prospects WHERE email != ''")]
                tpath = touches_file(folder / "touches.csv", emails, args.touches)
                took, treport = timed(partial(import_touches, db, tpath, OPTIONS), False)
                print(
                    f"touches import: {treport.read:,} rows in {took:.2f} s ="
                    f" {treport.read / took:,.0f} rows/s  (added {treport.created:,})"
                )
            db.close()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
        assert report is not None
        rows = report.read
        floor_rate = rows / statistics.median(floors)  # the same rows' numbers, parsed alone
        rate = rows / statistics.median(imports)
        print(
            f"import runs: {', '.join(f'{s:.2f}' for s in imports)} s; floor runs:"
            f" {', '.join(f'{s:.2f}' for s in floors)} s  ({rows:,} rows: created"
            f" {report.created:,}, merged {report.merged:,}, flagged {report.flagged:,},"
            f" rejected {report.rejected:,})"
        )
        cpu_ratio = statistics.median(floor_cpu) / statistics.median(import_cpu[: args.runs])
        print(
            f"CPU time (less sensitive to other load on the machine): import"
            f" {statistics.median(import_cpu[: args.runs]):.2f} s, floor"
            f" {statistics.median(floor_cpu):.2f} s, ratio {cpu_ratio:.2f}x"
        )
        print(
            f"import: {rate:,.0f} rows/s; floor {floor_rate:,.0f} rows/s;"
            f" ratio {rate / floor_rate:.2f}x (target >= {TARGET}x)"
        )
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of the process): {peak_mib:,.0f} MiB")


if __name__ == "__main__":
    main()
