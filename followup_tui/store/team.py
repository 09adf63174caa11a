"""A team on one lead pool: who did what, claims, ownership. Both engines.

A connection knows its rep (`set_rep`), and every touch, block, undo entry and
do-not-call change it writes records that rep by itself, so no write function
needs to be told. A claim is a lease on one prospect: taken atomically (an
upsert that only wins when the prospect is free, already this rep's, or its
lease ran out), renewed while the rep works, released when they move on.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from msgspec import Struct
from pendulum import DateTime

from followup_tui.domain.clock import to_iso

if TYPE_CHECKING:  # the CLI loads this module; the queue's judging only when asked
    from followup_tui.domain.queue import Queue

CLAIM_SECONDS = 60
"""A claim's lease: the session renews it every few seconds; a rep whose app
died leaves their prospect to the others after this long."""

_REP_TABLES = ("touches", "call_blocks", "undo_log", "dnc_log")


def default_rep() -> str:
    """FOLLOWUP_REP, else the login name."""
    chosen = os.environ.get("FOLLOWUP_REP", "").strip()
    if chosen:
        return chosen
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without passwd entry)
        return "rep"


def is_postgres(db: Any) -> bool:
    return getattr(db, "engine", "sqlite") == "postgresql"


def set_rep(db: Any, rep: str) -> None:
    """What this connection writes from now on is `rep`'s. PostgreSQL: a session
    setting the columns' defaults read; SQLite: temporary triggers (this
    connection's only) that fill `rep` in where an insert left it empty."""
    if is_postgres(db):
        db.execute("SELECT set_config('followup.rep', ?, false)", [rep])
        return
    quoted = "'" + rep.replace("'", "''") + "'"
    for table in _REP_TABLES:
        db.execute(f"DROP TRIGGER IF EXISTS temp.followup_rep_{table}")
        db.execute(
            f"CREATE TEMP TRIGGER followup_rep_{table} AFTER INSERT ON main.{table}"
            f" WHEN NEW.rep IS NULL BEGIN UPDATE {table} SET rep = {quoted}"
            " WHERE id = NEW.id; END"
        )


def register_rep(db: Any, rep: str, now: DateTime) -> None:
    """`rep` works here (for `followup rep list`)."""
    stamp = to_iso(now)
    db.execute(
        "INSERT INTO reps (name, first_seen, last_seen) VALUES (?, ?, ?)"
        " ON CONFLICT (name) DO UPDATE SET last_seen = excluded.last_seen",
        [rep, stamp, stamp],
    )


class RepLine(Struct, frozen=True):
    name: str
    touches: int
    last_seen: str | None


def team(db: Any) -> list[RepLine]:
    """Every rep who opened the app here or logged a touch, with their touch counts."""
    rows = db.execute(
        "SELECT name, sum(n), max(seen) FROM ("
        " SELECT name, 0 AS n, last_seen AS seen FROM reps"
        " UNION ALL SELECT rep AS name, count(*) AS n, max(started_at) AS seen FROM touches"
        "  WHERE rep IS NOT NULL GROUP BY rep) AS everyone GROUP BY name ORDER BY name"
    ).fetchall()
    return [RepLine(name, int(n or 0), seen) for name, n, seen in rows]


# -- claims ---------------------------------------------------------------------------


def claim(db: Any, prospect_id: int, rep: str, now: DateTime, seconds: int = CLAIM_SECONDS) -> str:
    """Claim the prospect for `rep`: '' when it is theirs now, else who holds it.
    Atomic on both engines: the upsert's WHERE is judged on the latest row."""
    cursor = db.execute(
        "INSERT INTO claims (prospect_id, rep, expires_at) VALUES (?, ?, ?)"
        " ON CONFLICT (prospect_id) DO UPDATE SET rep = excluded.rep,"
        " expires_at = excluded.expires_at"
        " WHERE claims.rep = excluded.rep OR claims.expires_at <= ?",
        [prospect_id, rep, to_iso(now.add(seconds=seconds)), to_iso(now)],
    )
    if cursor.rowcount:
        return ""
    row = db.execute("SELECT rep FROM claims WHERE prospect_id = ?", [prospect_id]).fetchone()
    return str(row[0]) if row else ""


def renew_claims(db: Any, rep: str, now: DateTime, seconds: int = CLAIM_SECONDS) -> None:
    """The rep is still at it: their claims run `seconds` from now."""
    db.execute(
        "UPDATE claims SET expires_at = ? WHERE rep = ?", [to_iso(now.add(seconds=seconds)), rep]
    )


def release_claims(db: Any, rep: str, keep: Collection[int] = ()) -> None:
    """The rep moved on: their claims go, but for `keep`."""
    listed = ",".join(str(int(pid)) for pid in keep)
    db.execute(
        "DELETE FROM claims WHERE rep = ?"
        + (f" AND prospect_id NOT IN ({listed})" if keep else ""),
        [rep],
    )


def claimed_by_others(db: Any, rep: str, now: DateTime) -> frozenset[int]:
    """Prospects another rep is working now (their lease still runs)."""
    return frozenset(
        row[0]
        for row in db.execute(
            "SELECT prospect_id FROM claims WHERE rep <> ? AND expires_at > ?", [rep, to_iso(now)]
        ).fetchall()
    )


# -- ownership --------------------------------------------------------------------------


def not_mine(db: Any, rep: str) -> frozenset[int]:
    """Prospects another rep owns (the pool and the rep's own are theirs to call), and
    callbacks promised for another rep (a callback is one only while the prospect is
    active, domain.queue). Two indexed reads: as one OR, SQLite reads every prospect
    (80 ms on 100,000, before the first rows are painted)."""
    return frozenset(
        row[0]
        for row in db.execute(
            "SELECT id FROM prospects WHERE owner IS NOT NULL AND owner <> ?"
            " UNION SELECT id FROM prospects INDEXED BY idx_prospects_callback_for"
            " WHERE callback_for IS NOT NULL AND callback_for <> ?"
            " AND next_touch_is_callback = 1 AND status = 'active' AND do_not_call = 0",
            [rep, rep],
        ).fetchall()
    )


def without(queue: Queue, hidden: Collection[int]) -> Queue:
    """`queue` without the prospects in `hidden` (other reps' claims and prospects)."""
    if not hidden:
        return queue
    return type(queue)(
        [e for e in queue.ready if e.prospect.id not in hidden],
        [e for e in queue.held if e.prospect.id not in hidden],
    )


class Assignment(Struct, frozen=True):
    """What `assign` did, so the rep is told only real moves: how many changed owner,
    how many matched but were already there, and of the ids the rep named, those with
    no prospect and those another criterion left out."""

    moved: int
    already: int
    already_ids: tuple[int, ...] = ()  # of the named ids: already there
    missing: tuple[int, ...] = ()  # named ids no prospect has
    unmatched: tuple[int, ...] = ()  # named ids whose prospect misses another criterion


def assign(
    db: Any,
    owner: str | None,
    *,
    from_rep: str | None = None,
    pool: bool = False,
    source: str | None = None,
    area_code: str | None = None,
    country: str | None = None,
    ids: Collection[int] = (),
) -> Assignment:
    """Give the prospects that match every criterion to `owner` (None: the shared
    pool). `from_rep`: owned by that rep; `pool`: in the pool; `area_code`: a North
    American number's area code; `country`: the calling code (e.g. 44). Run it in one
    transaction: what it reports is read before it writes."""
    where: list[str] = ["1 = 1"]
    params: list[object] = []
    if from_rep is not None:
        where.append("owner = ?")
        params.append(from_rep)
    if pool:
        where.append("owner IS NULL")
    if source is not None:
        where.append("source = ?")
        params.append(source)
    if area_code is not None:
        where.append("phone_e164 LIKE ?")
        params.append(f"+1{area_code}%")
    if country is not None:
        where.append("phone_e164 LIKE ?")
        params.append(f"+{country.lstrip('+')}%")
    named = sorted({int(i) for i in ids})
    if named:
        where.append(f"id IN ({','.join(map(str, named))})")
    matching = " AND ".join(f"({w})" for w in where)
    there, there_params = ("owner IS NULL", []) if owner is None else ("owner = ?", [owner])
    if named:
        already_ids = _ids(db, f"{matching} AND {there}", [*params, *there_params])
        matched = _ids(db, matching, params)
        existing = _ids(db, f"id IN ({','.join(map(str, named))})", [])
        already = len(already_ids)
    else:
        already_ids = matched = existing = ()
        row = db.execute(
            f"SELECT count(*) FROM prospects WHERE {matching} AND {there}",
            [*params, *there_params],
        ).fetchone()
        already = int(row[0])
    elsewhere = "owner IS NOT NULL" if owner is None else "(owner IS NULL OR owner <> ?)"
    cursor = db.execute(
        f"UPDATE prospects SET owner = ? WHERE {matching} AND {elsewhere}",
        [owner, *params, *there_params],
    )
    return Assignment(
        moved=int(cursor.rowcount),
        already=already,
        already_ids=already_ids,
        missing=tuple(i for i in named if i not in existing),
        unmatched=tuple(i for i in existing if i not in matched),
    )


def _ids(db: Any, where: str, params: list[object]) -> tuple[int, ...]:
    rows = db.execute(f"SELECT id FROM prospects WHERE {where} ORDER BY id", params)
    return tuple(int(row[0]) for row in rows.fetchall())
