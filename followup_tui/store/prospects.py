"""Questions and changes about prospects: the queue, finding, scheduling, research."""

from __future__ import annotations

from pendulum import DateTime
from sqlite_utils import Database

from followup_tui.domain.clock import from_iso, to_iso
from followup_tui.domain.models import NewProspect, Prospect, ProspectFile, Research
from followup_tui.domain.phones import digits_of
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


def _iso(moment: DateTime | None) -> str | None:
    return to_iso(moment) if moment is not None else None


def insert_prospect(db: Database, new: NewProspect, now: DateTime) -> int:
    """Store one prospect; the caller owns the transaction."""
    stamp = to_iso(now)
    cursor = db.execute(
        "INSERT INTO prospects (name, title, company, email, phone_raw, phone_e164, phone_ext,"
        " phone_problem, phone_bad, timezone, phone_zones, status, do_not_call, next_touch_at,"
        " next_touch_is_callback, revisit_at, source, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)",
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
            stamp,
            stamp,
        ],
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def due_queue(db: Database, now: DateTime, limit: int | None = None) -> list[Prospect]:
    """Prospects whose next touch is due, most overdue first. Do-not-call never appears."""
    sql = (
        f"SELECT {PROSPECT_COLUMNS}, {TOUCH_COUNT} FROM prospects p"
        f" WHERE {_CALLABLE} AND p.next_touch_at <= ?"
        " ORDER BY p.next_touch_at, p.id"
    )
    params: list[object] = [to_iso(now)]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [prospect_from_row(row) for row in db.query(sql, params)]


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


def count_prospects(db: Database) -> int:
    return db.execute("SELECT count(*) FROM prospects").fetchone()[0]
