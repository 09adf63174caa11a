"""Warm signals: what a prospect did that shows interest."""

from __future__ import annotations

from pendulum import DateTime

from followup_tui.domain.clock import to_iso
from followup_tui.store.db import Database


def add_signal(
    db: Database,
    prospect_id: int,
    kind: str,
    occurred_at: DateTime,
    detail: str = "",
    source: str = "",
) -> int:
    """Attach one signal; the caller owns the transaction."""
    cursor = db.execute(
        "INSERT INTO signals (prospect_id, kind, occurred_at, detail, source)"
        " VALUES (?, ?, ?, ?, ?)",
        [prospect_id, kind, to_iso(occurred_at), detail, source],
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid
