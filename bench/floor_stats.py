"""The floor for `followup stats`: fetch every touch and count in SQL, nothing more.

    .venv/bin/python bench/floor_stats.py --db PATH

Opens the database read-only with the plain sqlite3 module (no app imports),
iterates every touch through a cursor, then counts dials, connects, meetings and
talk time with one GROUP BY. `bench/run.py` times this script as a subprocess
beside `followup --db PATH stats --format json`; the app's stats may cost at
most twice what this costs on the same database in the same run.
"""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

CONVERSATIONS = "('connected', 'meeting', 'not_interested', 'do_not_call')"


def floor(path: Path) -> str:
    """One line: touches fetched, then dials, connects, meetings and talk time."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        fetched = 0
        cursor = conn.execute(
            "SELECT prospect_id, channel, outcome, started_at, duration_s, decision_maker"
            " FROM touches"
        )
        for _row in cursor:
            fetched += 1
        rows = conn.execute(
            "SELECT channel = 'call' AND outcome IS NOT NULL, count(*),"
            f" sum(outcome IN {CONVERSATIONS}), sum(outcome = 'meeting'),"
            f" sum(CASE WHEN outcome IN {CONVERSATIONS} THEN coalesce(duration_s, 0) END)"
            " FROM touches GROUP BY 1"
        ).fetchall()
    finally:
        conn.close()
    dials = connects = meetings = talk = 0
    for is_dial, count, conversations, meets, talk_s in rows:
        if is_dial:
            dials, connects = count, conversations or 0
        meetings += meets or 0
        talk += talk_s or 0
    return (
        f"touches {fetched} dials {dials} connects {connects} meetings {meetings}"
        f" talk_time_s {talk}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a followup database file")
    args = parser.parse_args()
    if not args.db.is_file():
        parser.error(f"no database at {args.db}")
    print(floor(args.db))


if __name__ == "__main__":
    main()
