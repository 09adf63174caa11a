"""Questions and changes about prospects: the queue, finding, scheduling, research."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from pendulum import DateTime
from sqlite_utils import Database

from followup_tui.domain.caps import TouchTime
from followup_tui.domain.clock import from_iso, to_iso
from followup_tui.domain.models import NewProspect, Prospect, ProspectFile, Research
from followup_tui.domain.phones import ParsedPhone, digits_of
from followup_tui.domain.policy import Policy
from followup_tui.domain.queue import Candidate, Queue, build_queue, requeue
from followup_tui.store.db import write_transaction
from followup_tui.store.rows import (
    PROSPECT_COLUMNS,
    TOUCH_COUNT,
    prospect_from_row,
    research_from_row,
    signal_from_row,
    touch_from_row,
    zones_to_text,
)

# phone_raw with the usual separators removed, to match digits typed any way.
_RAW_DIGITS = (
    "replace(replace(replace(replace(replace(replace(p.phone_raw,"
    " ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')"
)
_CALLABLE = "p.status = 'active' AND p.do_not_call = 0 AND p.next_touch_at IS NOT NULL"
RECENT_DAYS = 8  # the caps look back 7 days; one more covers any zone's "today"
CHUNK = 500  # ids per IN (...) query, under SQLite's parameter limit


def _iso(moment: DateTime | None) -> str | None:
    return to_iso(moment) if moment is not None else None


def insert_prospect(db: Database, new: NewProspect, now: DateTime) -> int:
    """Store one prospect; the caller owns the transaction."""
    stamp = to_iso(now)
    cursor = db.execute(
        "INSERT INTO prospects (name, title, company, email, phone_raw, phone_e164, phone_ext,"
        " phone_problem, phone_bad, timezone, phone_zones, status, do_not_call, next_touch_at,"
        " next_touch_is_callback, revisit_at, source, cadence, cadence_step, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)",
        [
            new.name,
            new.title,
            new.company,
            new.email,
            new.phone_raw,
            new.phone_e164,
            new.phone_ext,
            new.phone_problem,
            new.timezone,
            zones_to_text(new.phone_zones),
            "do_not_call" if new.do_not_call else new.status,
            int(new.do_not_call),
            None if new.do_not_call else _iso(new.next_touch_at),
            _iso(new.revisit_at),
            new.source,
            new.cadence,
            new.cadence_step,
            stamp,
            stamp,
        ],
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def queue_candidates(
    db: Database, now: DateTime, limit: int | None = None, ids: Collection[int] | None = None
) -> list[Candidate]:
    """Prospects due now (next touch, or revisit date when parked), with their warm
    signals and last week's touches: what domain.queue judges. Never do-not-call.
    `ids` narrows it to those prospects (at most CHUNK of them)."""
    stamp = to_iso(now)
    params: list[object] = [stamp, stamp]
    only = ""
    if ids is not None:
        only = f" AND p.id IN ({','.join('?' * len(ids))})"
        params += list(ids)
    sql = (
        f"SELECT {PROSPECT_COLUMNS}, {TOUCH_COUNT} FROM prospects p WHERE p.do_not_call = 0 AND ("
        " (p.status = 'active' AND p.next_touch_at <= ?)"
        f" OR (p.status IN ('not_now', 'not_interested') AND p.revisit_at <= ?)){only}"
        " ORDER BY coalesce(p.next_touch_at, p.revisit_at), p.id"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    prospects = [prospect_from_row(row) for row in db.query(sql, params)]
    ids = [p.id for p in prospects]
    signals = _signals_by_prospect(db, ids)
    recent = _touch_times_by_prospect(db, ids, now.subtract(days=RECENT_DAYS))
    return [
        Candidate(p, tuple(signals.get(p.id, ())), tuple(recent.get(p.id, ()))) for p in prospects
    ]


def recent_touches(db: Database, prospect_id: int, now: DateTime) -> list[TouchTime]:
    """The prospect's logged touches of the last week, for the caps."""
    return _touch_times_by_prospect(db, [prospect_id], now.subtract(days=RECENT_DAYS)).get(
        prospect_id, []
    )


def _in_chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _signals_by_prospect(db: Database, ids: list[int]) -> dict[int, list[tuple[str, DateTime]]]:
    found: dict[int, list[tuple[str, DateTime]]] = {}
    for chunk in _in_chunks(ids):
        marks = ",".join("?" * len(chunk))
        for row in db.execute(
            f"SELECT prospect_id, kind, occurred_at FROM signals WHERE prospect_id IN ({marks})",
            chunk,
        ):
            found.setdefault(row[0], []).append((row[1], from_iso(row[2])))
    return found


def _touch_times_by_prospect(
    db: Database, ids: list[int], since: DateTime
) -> dict[int, list[TouchTime]]:
    found: dict[int, list[TouchTime]] = {}
    for chunk in _in_chunks(ids):
        marks = ",".join("?" * len(chunk))
        for row in db.execute(
            "SELECT prospect_id, started_at, channel FROM touches WHERE outcome IS NOT NULL"
            f" AND started_at >= ? AND prospect_id IN ({marks}) ORDER BY started_at",
            [to_iso(since), *chunk],
        ):
            found.setdefault(row[0], []).append(TouchTime(from_iso(row[1]), row[2] == "call"))
    return found


def parked(db: Database, limit: int = 1000) -> list[Prospect]:
    """The not-now list: parked prospects, soonest revisit first."""
    return [
        prospect_from_row(row)
        for row in db.query(
            f"SELECT {PROSPECT_COLUMNS}, {TOUCH_COUNT} FROM prospects p"
            " WHERE p.do_not_call = 0 AND p.status IN ('not_now', 'not_interested')"
            " ORDER BY p.revisit_at, p.id LIMIT ?",
            [limit],
        )
    ]


def set_timezone(db: Database, prospect_id: int, zone: str | None, now: DateTime) -> None:
    """The zone the rep knows the prospect is in (None: from the phone number again)."""
    with write_transaction(db):
        db.execute(
            "UPDATE prospects SET timezone = ?, updated_at = ? WHERE id = ?",
            [zone, to_iso(now), prospect_id],
        )


def next_due_at(db: Database, now: DateTime) -> DateTime | None:
    """When the queue gets its next prospect, for an empty queue's message."""
    row = db.execute(
        f"SELECT min(p.next_touch_at) FROM prospects p WHERE {_CALLABLE} AND p.next_touch_at > ?",
        [to_iso(now)],
    ).fetchone()
    return from_iso(row[0]) if row[0] else None


def get_prospect(db: Database, prospect_id: int) -> Prospect | None:
    rows = list(
        db.query(
            f"SELECT {PROSPECT_COLUMNS}, {TOUCH_COUNT} FROM prospects p WHERE p.id = ?",
            [prospect_id],
        )
    )
    return prospect_from_row(rows[0]) if rows else None


def prospect_file(db: Database, prospect_id: int) -> ProspectFile | None:
    """The prospect with every touch (newest first), research and warm signals."""
    prospect = get_prospect(db, prospect_id)
    if prospect is None:
        return None
    touches = [
        touch_from_row(row)
        for row in db.query(
            "SELECT * FROM touches WHERE prospect_id = ? ORDER BY started_at DESC, id DESC",
            [prospect_id],
        )
    ]
    return ProspectFile(
        prospect=prospect,
        touches=touches,
        research=get_research(db, prospect_id),
        signals=[
            signal_from_row(row)
            for row in db.query(
                "SELECT * FROM signals WHERE prospect_id = ? ORDER BY occurred_at DESC, id DESC",
                [prospect_id],
            )
        ],
    )


def find_prospects(db: Database, text: str, limit: int = 50) -> list[Prospect]:
    """Prospects whose name, company, email or phone matches `text`, best matches first."""
    needle = text.strip()
    if not needle:
        return []
    like = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    digits = digits_of(needle)
    phone_clause = ""
    params: list[object] = [like, like, like]
    if len(digits) >= 3:
        phone_clause = f" OR p.phone_e164 LIKE ? OR {_RAW_DIGITS} LIKE ?"
        params += [f"%{digits}%", f"%{digits}%"]
    params += [needle.lower() + "%", limit]
    sql = (
        f"SELECT {PROSPECT_COLUMNS}, {TOUCH_COUNT} FROM prospects p"
        " WHERE (p.name LIKE ? ESCAPE '\\' OR p.company LIKE ? ESCAPE '\\'"
        f" OR p.email LIKE ? ESCAPE '\\'{phone_clause})"
        " ORDER BY lower(p.name) LIKE ? DESC, p.name LIMIT ?"
    )
    return [prospect_from_row(row) for row in db.query(sql, params)]


def reschedule(
    db: Database, prospect_id: int, at: DateTime, now: DateTime, *, promised: bool = False
) -> None:
    """Set the next touch to a time the rep chose; `promised` marks a callback the
    prospect was told about, which comes first in the queue at that time."""
    with write_transaction(db):
        db.execute(
            "UPDATE prospects SET next_touch_at = ?, next_touch_is_callback = ?, updated_at = ?"
            " WHERE id = ? AND do_not_call = 0",
            [to_iso(at), int(promised), to_iso(now), prospect_id],
        )


def get_research(db: Database, prospect_id: int) -> Research | None:
    rows = list(db.query("SELECT * FROM research WHERE prospect_id = ?", [prospect_id]))
    return research_from_row(rows[0]) if rows else None


def save_research(db: Database, research: Research, now: DateTime) -> None:
    with write_transaction(db):
        db["research"].upsert(
            {
                "prospect_id": research.prospect_id,
                "reason_to_call": research.reason_to_call,
                "company_facts": research.company_facts,
                "pains_goals": research.pains_goals,
                "notes": research.notes,
                "updated_at": to_iso(now),
            },
            pk="prospect_id",
        )


def queue_now(db: Database, now: DateTime, policy: Policy) -> Queue:
    """The queue (ready and held) as the app shows it; `followup queue` prints the same."""
    return build_queue(queue_candidates(db, now), now, policy)


def queue_after_change(
    db: Database, queue: Queue, changed: Collection[int], now: DateTime, policy: Policy
) -> Queue:
    """`queue` with only the changed prospects read and judged again."""
    return requeue(queue, changed, queue_candidates(db, now, ids=changed), now, policy)


def update_contact(
    db: Database,
    prospect_id: int,
    *,
    name: str,
    title: str,
    company: str,
    email: str,
    phone: ParsedPhone,
    now: DateTime,
) -> None:
    """Correct contact details. A changed number is parsed afresh and no longer marked
    bad; the status, schedule and do-not-call are never touched here."""
    with write_transaction(db):
        row = db.execute("SELECT phone_raw FROM prospects WHERE id = ?", [prospect_id]).fetchone()
        if row is None:
            raise LookupError(f"no prospect with id {prospect_id}")
        new_number = row[0] != phone.raw
        db.execute(
            "UPDATE prospects SET name = ?, title = ?, company = ?, email = ?, updated_at = ?"
            " WHERE id = ?",
            [name, title, company, email, to_iso(now), prospect_id],
        )
        if new_number:
            db.execute(
                "UPDATE prospects SET phone_raw = ?, phone_e164 = ?, phone_ext = ?,"
                " phone_problem = ?, phone_zones = ?, phone_bad = 0 WHERE id = ?",
                [phone.raw, phone.e164, phone.extension, phone.problem,
                 zones_to_text(phone.zones), prospect_id],
            )  # fmt: skip
