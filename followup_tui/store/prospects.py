"""Questions and changes about prospects: the queue, finding, scheduling, research."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import UTC, datetime
from itertools import islice
from typing import TYPE_CHECKING

from msgspec.structs import replace
from pendulum import DateTime

from followup_tui.domain.calling_hours import region_key
from followup_tui.domain.caps import TouchTime
from followup_tui.domain.clock import from_iso, to_iso
from followup_tui.domain.models import NewProspect, PhoneNumber, Prospect, ProspectFile, Research
from followup_tui.domain.numbers import number_from, same_number
from followup_tui.domain.phones import ParsedPhone, digits_of
from followup_tui.domain.policy import Policy
from followup_tui.domain.queue import (
    CALLBACK_STEP,
    Candidate,
    Judging,
    Queue,
    QueueEntry,
    held_order,
    judge_due,
    ready_order,
    requeue,
)
from followup_tui.store import phones
from followup_tui.store.db import Reading, write_transaction
from followup_tui.store.rows import (
    PROSPECT_COLUMNS,
    TOUCH_COUNT,
    prospect_from_row,
    prospect_from_tuple,
    research_from_row,
    signal_from_row,
    touch_from_row,
    utc_from_text,
    zones_from_text,
    zones_to_text,
)

if TYPE_CHECKING:
    from followup_tui.store.db import Database


# phone_raw with the usual separators removed, to match digits typed any way.
def _digits_sql(column: str) -> str:
    """SQL for the digits of a phone number as it was typed (what a search compares)."""
    return (
        f"replace(replace(replace(replace(replace(replace({column},"
        " ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')"
    )


_RAW_DIGITS = _digits_sql("p.phone_raw")
_CALLABLE = "p.status = 'active' AND p.do_not_call = 0 AND p.next_touch_at IS NOT NULL"
RECENT_DAYS = 8  # the caps look back 7 days; one more covers any zone's "today"


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
    if new.phone_raw or new.phone_e164:
        main = PhoneNumber(
            "direct",
            new.phone_raw,
            new.phone_e164,
            new.phone_ext,
            new.phone_zones,
            new.phone_problem,
            source=new.source,
            main=True,
        )
        phones.insert_numbers(db, [(cursor.lastrowid, main)], stamp)  # fmt: skip
    return cursor.lastrowid


_DUE = (
    "p.do_not_call = 0 AND ((p.status = 'active' AND p.next_touch_at <= :now)"
    " OR (p.status IN ('not_now', 'not_interested') AND p.revisit_at <= :now))"
)
"""Due now: the next touch, or the revisit date when parked; never do-not-call."""
_DUE_BY_ID = _DUE.replace("p.", "+p.")
"""The same test with no index on its columns (a unary +), for rows found by id."""
_DUE_ORDER = "coalesce(p.next_touch_at, p.revisit_at), p.id"


def queue_candidates(
    db: Database, now: DateTime, limit: int | None = None, ids: Collection[int] | None = None
) -> list[Candidate]:
    """Prospects due now (next touch, or revisit date when parked), with their warm
    signals and last week's touches: what domain.queue judges. Never do-not-call.
    `ids` narrows it to those prospects. Most overdue first
    only with a `limit`: the queue orders what it judges itself."""
    prospects = _due_prospects(db, now, limit, ids)
    few = ids is not None or limit is not None
    signals, touches = _signals_and_touches(db, prospects, now, few=few)
    return [
        Candidate(
            p,
            tuple(signals.get(p.id, ())),
            tuple(
                TouchTime(datetime.fromtimestamp(at, UTC), call)
                for at, call in touches.get(p.id, ())
            ),
        )
        for p in prospects
    ]


def _due_prospects(
    db: Reading,
    now: DateTime,
    limit: int | None = None,
    ids: Collection[int] | None = None,
    order: str | None = None,
) -> list[Prospect]:
    params: dict[str, object] = {"now": to_iso(now)}
    sql = f"SELECT {PROSPECT_COLUMNS}, {TOUCH_COUNT} FROM prospects p WHERE {_DUE}"
    if ids is not None:  # by primary key: the date indexes would walk every due row
        listed = ",".join(str(int(i)) for i in ids)
        sql = f"SELECT {PROSPECT_COLUMNS}, {TOUCH_COUNT} FROM prospects p WHERE {_DUE_BY_ID}"
        sql += f" AND p.id IN ({listed})"
    if limit is not None:
        sql += f" ORDER BY {order or _DUE_ORDER} LIMIT :limit"
        params["limit"] = limit
    found = [prospect_from_tuple(row) for row in db.execute(sql, params)]
    if ids is not None or limit is not None:
        return phones.with_numbers(found, phones.numbers_by_prospect(db, [p.id for p in found]))
    return phones.with_numbers(found, phones.numbers_by_prospect(db, keep={p.id for p in found}))


def _signals_and_touches(
    db: Reading, prospects: list[Prospect], now: DateTime, *, few: bool
) -> tuple[dict[int, list[tuple[str, datetime]]], dict[int, list[tuple[float, bool]]]]:
    """By prospect id, the signals and the touches of the last RECENT_DAYS (as POSIX
    timestamps and whether each was a call; a dial never logged counts: the phone
    rang) of `prospects`, all due now. When they are `few` these are read by id (ids
    are whole numbers written into the SQL, so no parameter limit applies); otherwise
    for every due prospect at once."""
    signals: dict[int, list[tuple[str, datetime]]] = {}
    touches: dict[int, list[tuple[float, bool]]] = {}
    if not prospects:
        return signals, touches
    wanted = {p.id for p in prospects}
    since = to_iso(now.subtract(days=RECENT_DAYS))
    if few:
        listed = ",".join(str(pid) for pid in wanted)
        signal_rows = db.execute(
            f"SELECT prospect_id, kind, occurred_at FROM signals WHERE prospect_id IN ({listed})"
        )
        touch_rows = db.execute(
            "SELECT prospect_id, started_at, channel = 'call' FROM touches"
            f" WHERE prospect_id IN ({listed}) AND started_at >= ?",
            [since],
        )
    else:
        signal_rows = db.execute(
            "SELECT s.prospect_id, s.kind, s.occurred_at FROM signals s"
            f" JOIN prospects p ON p.id = s.prospect_id WHERE {_DUE}",
            {"now": to_iso(now)},
        )
        touch_rows = db.execute(
            "SELECT prospect_id, started_at, channel = 'call' FROM touches WHERE started_at >= ?",
            [since],
        )
    for pid, kind, occurred_at in signal_rows:
        if pid in wanted:
            signals.setdefault(pid, []).append((kind, utc_from_text(occurred_at)))
    parse = datetime.fromisoformat
    for pid, started_at, is_call in touch_rows:
        if pid in wanted:
            try:  # the stored form, read inline: this runs for every touch of the week
                at = parse(started_at)
            except ValueError:
                at = utc_from_text(started_at)
            if at.tzinfo is None:
                at = utc_from_text(started_at)
            touches.setdefault(pid, []).append((at.timestamp(), bool(is_call)))
    return signals, touches


def recent_touches(db: Database, prospect_id: int, now: DateTime) -> list[TouchTime]:
    """The prospect's touches of the last week, for the caps: a dial that was never
    logged counts too, since the phone rang."""
    return [
        TouchTime(utc_from_text(started_at), channel == "call")
        for started_at, channel in db.execute(
            "SELECT started_at, channel FROM touches WHERE prospect_id = ?"
            " AND started_at >= ? ORDER BY started_at",
            [prospect_id, to_iso(now.subtract(days=RECENT_DAYS))],
        )
    ]


def parked(db: Database) -> list[Prospect]:
    """The not-now list: every parked prospect, soonest revisit first. All of them:
    cut at a thousand, the list and its count hid the rest (11,111 on the large
    benchmark database, read in about 80 ms, in a worker)."""
    return [
        prospect_from_tuple(row)
        for row in db.execute(
            f"SELECT {PROSPECT_COLUMNS}, {TOUCH_COUNT} FROM prospects p"
            " WHERE p.do_not_call = 0 AND p.status IN ('not_now', 'not_interested')"
            " ORDER BY p.revisit_at, p.id"
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
    """The prospect with every number it has."""
    rows = list(
        db.query(
            f"SELECT {PROSPECT_COLUMNS}, {TOUCH_COUNT} FROM prospects p WHERE p.id = ?",
            [prospect_id],
        )
    )
    if not rows:
        return None
    return replace(prospect_from_row(rows[0]), numbers=phones.numbers_of(db, prospect_id))


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
    """Prospects whose name, company, email or any of their phone numbers matches
    `text`, best matches first."""
    needle = text.strip()
    if not needle:
        return []
    like = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    digits = digits_of(needle)
    phone_clause = ""
    params: list[object] = [like, like, like]
    if len(digits) >= 3:  # the main number, or any other (a mobile, the switchboard)
        phone_clause = (
            f" OR p.phone_e164 LIKE ? OR {_RAW_DIGITS} LIKE ?"
            " OR p.id IN (SELECT prospect_id FROM phones WHERE main = 0"
            f" AND (e164 LIKE ? OR {_digits_sql('raw')} LIKE ?))"
        )
        params += [f"%{digits}%"] * 4
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
    """A prospect's research, added or replaced (SQL both engines read)."""
    fields = {
        "prospect_id": research.prospect_id,
        "reason_to_call": research.reason_to_call,
        "company_facts": research.company_facts,
        "pains_goals": research.pains_goals,
        "notes": research.notes,
        "updated_at": to_iso(now),
    }
    updates = ", ".join(f"{name} = excluded.{name}" for name in fields if name != "prospect_id")
    with write_transaction(db):
        db.execute(
            f"INSERT INTO research ({', '.join(fields)}) VALUES ({', '.join('?' * len(fields))})"
            f" ON CONFLICT (prospect_id) DO UPDATE SET {updates}",
            list(fields.values()),
        )


def queue_now(db: Reading, now: DateTime, policy: Policy) -> Queue:
    """The queue (ready and held) as the app shows it; `followup queue` prints the same.
    Three set-based reads, then one judging pass (domain.queue.judge_due)."""
    prospects = _due_prospects(db, now)
    signals, touches = _signals_and_touches(db, prospects, now, few=False)
    return judge_due(prospects, signals, touches, now, policy)


def queue_after_change(
    db: Database, queue: Queue, changed: Collection[int], now: DateTime, policy: Policy
) -> Queue:
    """`queue` with only the changed prospects read and judged again."""
    return requeue(queue, changed, queue_candidates(db, now, ids=changed), now, policy)


WARM_DAYS = 120  # a signal older than this adds less than 0.5 to a warm score
_HEAD_SOURCES = (
    # Due callbacks, by the time promised: they come first.
    "FROM prospects p INDEXED BY idx_prospects_callbacks WHERE p.status = 'active'"
    " AND p.do_not_call = 0 AND p.next_touch_is_callback = 1 AND p.next_touch_at <= :now"
    " ORDER BY p.next_touch_at, p.id",
    # Then the most overdue, active and parked, each in its index's order.
    "FROM prospects p WHERE p.status = 'active' AND p.do_not_call = 0"
    " AND p.next_touch_at <= :now ORDER BY p.next_touch_at, p.id",
    "FROM prospects p WHERE p.status IN ('not_now', 'not_interested') AND p.do_not_call = 0"
    " AND p.revisit_at <= :now ORDER BY p.revisit_at, p.id",
)


def any_prospect(db: Reading) -> bool:
    """Whether the database has a prospect at all (a first run has none)."""
    return bool(db.execute("SELECT EXISTS (SELECT 1 FROM prospects)").fetchone()[0])


def queue_head(db: Database, now: DateTime, policy: Policy, limit: int = 200) -> Queue:
    """The first `limit` ready rows of queue_now, for painting at start-up, read by
    index in a few milliseconds rather than judging every due prospect: due callbacks
    in time order until `limit` of them may be called (those a window, number or zone
    holds are told apart from a few columns); if fewer, every due prospect
    with a signal in the last WARM_DAYS, then the most overdue (active, and parked)
    until enough of those may be called. Exact but for a lead warm only from signals
    older than WARM_DAYS. The held rows are a sample (at most `limit`). The full
    queue replaces it once a worker has built it."""
    stamp = to_iso(now)
    found: dict[int, QueueEntry] = {}
    judging = Judging(now, policy)

    def judged(sql: str, params: dict[str, object]) -> list[QueueEntry]:
        prospects = [prospect_from_tuple(row) for row in db.execute(sql, params)]
        prospects = phones.with_numbers(
            prospects, phones.numbers_by_prospect(db, [p.id for p in prospects])
        )
        signals, touches = _signals_and_touches(db, prospects, now, few=True)
        queue = judge_due(prospects, signals, touches, now, policy, judging)
        entries = queue.ready + queue.held
        found.update((e.prospect.id, e) for e in entries)
        return entries

    def read_until(source: str, enough: int, counts: Callable[[QueueEntry], bool]) -> int:
        """Read `source` in its order, in growing batches, until `enough` entries
        that `counts` are found; how many were."""
        counted, offset, size = 0, 0, max(2 * enough, 50)
        while counted < enough:
            sql = f"SELECT {PROSPECT_COLUMNS}, {TOUCH_COUNT} {source} LIMIT :size OFFSET :offset"
            entries = judged(sql, {"now": stamp, "size": size, "offset": offset})
            counted += sum(1 for e in entries if counts(e))
            if len(entries) < size:
                break
            offset, size = offset + size, size * 2
        return counted

    # Callbacks are calls: those whose number, zone or window holds them now are
    # found from five narrow columns, and only the others are read and judged fully.
    # Held ones with several numbers are judged fully: another number may be open.
    # A call to the main number alone is held or not by its zones and its number's
    # region (region_key): judged once per such kind, not once per callback. They
    # are read in time order, a chunk at a time, only until `limit` may be called
    # (a territory's 2,000 due callbacks cost 4 ms of the start-up read in full).
    due = iter(
        db.execute(
            f"SELECT p.id, p.timezone, p.phone_zones, p.phone_e164, p.phone_bad {_HEAD_SOURCES[0]}",
            {"now": stamp},
        )
    )
    open_now: dict[tuple[object, ...], bool] = {}
    callbacks, size = 0, limit + limit // 2
    while callbacks < limit:
        chunk = list(islice(due, size))
        if not chunk:
            break
        callable_ids: list[int] = []
        held_ids: list[int] = []
        for pid, zone, zones, e164, bad in chunk:
            kind = (zone, zones, bool(bad), region_key(e164) if e164 else None)
            may_call = open_now.get(kind)
            if may_call is None:
                main_only = Prospect(pid, "", phone_e164=e164, phone_bad=bool(bad),
                                     timezone=zone, phone_zones=zones_from_text(zones))  # fmt: skip
                may_call = open_now[kind] = judging.hold(main_only, CALLBACK_STEP, ()) is None
            (callable_ids if may_call else held_ids).append(pid)
        if held_ids:
            several = phones.numbers_by_prospect(db, held_ids)
            callable_ids += [pid for pid in held_ids if pid in several]
        allowed = 0
        if callable_ids:
            entries = judged(
                f"SELECT {PROSPECT_COLUMNS}, {TOUCH_COUNT} FROM prospects p WHERE {_DUE_BY_ID}"
                f" AND p.id IN ({','.join(str(int(pid)) for pid in callable_ids)})",
                {"now": stamp},
            )
            allowed = sum(1 for e in entries if not e.held)
            callbacks += allowed
        # The next chunk as large as the share the holds and caps let through says.
        size = max(50, (limit - callbacks) * len(chunk) * 5 // (4 * max(allowed, 1)))
    if callbacks < limit:
        judged(
            f"SELECT {PROSPECT_COLUMNS}, {TOUCH_COUNT} FROM prospects p WHERE {_DUE}"
            " AND p.id IN (SELECT prospect_id FROM signals WHERE occurred_at >= :warm)",
            {"now": stamp, "warm": to_iso(now.subtract(days=WARM_DAYS))},
        )
        need = limit - callbacks
        for source in _HEAD_SOURCES[1:]:
            read_until(source, need, lambda e: not e.held and not e.callback and not e.warm)
    ready = sorted((e for e in found.values() if not e.held), key=ready_order)
    held = sorted((e for e in found.values() if e.held), key=held_order)
    return Queue(ready[:limit], held[:limit])


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
    added: tuple[tuple[str, ParsedPhone], ...] = (),
) -> None:
    """Correct contact details. A changed main number is parsed afresh and no longer
    marked bad (its label kept); `added` are (label, number) pairs the rep typed,
    added after the others. The status, schedule and do-not-call are never touched."""
    stamp = to_iso(now)
    with write_transaction(db):
        row = db.execute("SELECT phone_raw FROM prospects WHERE id = ?", [prospect_id]).fetchone()
        if row is None:
            raise LookupError(f"no prospect with id {prospect_id}")
        db.execute(
            "UPDATE prospects SET name = ?, title = ?, company = ?, email = ?, updated_at = ?"
            " WHERE id = ?",
            [name, title, company, email, stamp, prospect_id],
        )
        phones.adopt_number(db, prospect_id)
        numbers = phones.numbers_of(db, prospect_id)
        main = next((n for n in numbers if n.main), None)
        if row[0] != phone.raw:
            if main is not None and main.id is not None:
                phones.replace_number(db, main.id, number_from(phone, main.label))
            elif phone.raw:
                phones.add_number(db, prospect_id, number_from(phone, "direct", "rep"), stamp)
        for label, parsed in added:
            if parsed.raw and not any(
                same_number(n, parsed.e164, digits_of(parsed.raw)) for n in numbers
            ):
                phones.add_number(db, prospect_id, number_from(parsed, label, "rep"), stamp)
        phones.sync_main(db, prospect_id)
