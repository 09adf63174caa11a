"""The floor for `followup queue --format json`: the same rows by plain SQL + json.

    .venv/bin/python bench/floor_queue.py --db PATH [--now 2026-11-23T15:00:00Z]

Opens the database read-only with the plain sqlite3 module (no app imports),
selects the prospects due at NOW (next touch, or revisit date when parked; never
do-not-call) with the fields `followup queue --format json` prints, ordered by
the fields the queue orders by that SQL knows (callback first, then most
overdue), and prints them with `json.dumps(indent=2)`, as the command does. No
judging: no calling hours, caps or warmth. `bench/queue_bench.py` (and
`bench/run.py`) time this script as a subprocess beside
`followup --db PATH queue --format json`; the command may cost at most twice
what this costs on the same database in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from pathlib import Path

NOW_ISO = "2026-11-23T15:00:00Z"
DUE = (
    "p.do_not_call = 0 AND ((p.status = 'active' AND p.next_touch_at <= :now)"
    " OR (p.status IN ('not_now', 'not_interested') AND p.revisit_at <= :now))"
)


def floor(path: Path, now: str) -> str:
    """The due prospects as the command's JSON records would carry them."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(prospects)")}
        # Before migration m004 there is no maintained count: count in one aggregate.
        count, join = (
            ("p.touch_count", "")
            if "touch_count" in columns
            else (
                "coalesce(c.n, 0) AS touch_count",
                " LEFT JOIN (SELECT prospect_id, count(*) AS n FROM touches"
                " WHERE outcome IS NOT NULL GROUP BY prospect_id) c ON c.prospect_id = p.id",
            )
        )
        rows = conn.execute(
            "SELECT p.id, p.name, p.title, p.company, p.phone_e164, p.phone_ext,"
            " coalesce(p.timezone, p.phone_zones) AS timezone, p.next_touch_at,"
            f" p.next_touch_is_callback, {count}, p.status, p.cadence, p.cadence_step"
            f" FROM prospects p{join} WHERE {DUE}"
            " ORDER BY p.next_touch_is_callback DESC,"
            " coalesce(p.next_touch_at, p.revisit_at), p.id",
            {"now": now},
        )
        records = [
            {
                "id": row["id"],
                "name": row["name"],
                "title": row["title"],
                "company": row["company"],
                "phone_e164": row["phone_e164"],
                "phone_ext": row["phone_ext"],
                "timezone": row["timezone"],
                "next_touch_at": row["next_touch_at"],
                "next_touch_is_callback": bool(row["next_touch_is_callback"]),
                "touch_count": row["touch_count"],
                "status": row["status"],
                "next_step": row["cadence"],
                "cadence_step": row["cadence_step"],
            }
            for row in rows
        ]
    finally:
        conn.close()
    return json.dumps(records, indent=2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--now", default=os.environ.get("FOLLOWUP_NOW") or NOW_ISO)
    args = parser.parse_args()
    sys.stdout.write(floor(args.db, args.now) + "\n")


if __name__ == "__main__":
    main()
