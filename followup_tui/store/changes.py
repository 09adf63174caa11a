"""What changed while the app was open: prospects that became due since a moment."""

from __future__ import annotations

from pendulum import DateTime

from followup_tui.domain.clock import to_iso
from followup_tui.store.db import Database


def due_between(db: Database, since: DateTime, until: DateTime) -> list[int]:
    """Prospects whose next touch (or revisit date, when parked) fell in (since, until]:
    the ones the queue must take in as the clock moves on, found by index."""
    start, end = to_iso(since), to_iso(until)
    rows = db.execute(
        "SELECT id FROM prospects WHERE status = 'active' AND do_not_call = 0"
        " AND next_touch_at > ? AND next_touch_at <= ?"
        " UNION SELECT id FROM prospects WHERE status IN ('not_now', 'not_interested')"
        " AND do_not_call = 0 AND revisit_at > ? AND revisit_at <= ?",
        [start, end, start, end],
    ).fetchall()
    return [row[0] for row in rows]
