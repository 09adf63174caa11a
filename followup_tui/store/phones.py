"""A prospect's numbers (the phones table, m006), and the one function that keeps
the main number mirrored in prospects.phone_* (`sync_main`).

Every function that writes leaves the transaction to its caller.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from followup_tui.domain.models import PhoneNumber, Prospect
from followup_tui.domain.numbers import main_number, no_good_number_left
from followup_tui.store.rows import zones_from_text, zones_to_text

if TYPE_CHECKING:
    from followup_tui.store.db import Reading

PHONE_COLUMNS = (
    "id, prospect_id, label, raw, e164, ext, zones, problem, bad, source, position, main"
)
CHUNK = 500  # ids per IN (...)


def _number(row: Sequence[Any]) -> PhoneNumber:
    (pid, _, label, raw, e164, ext, zones, problem, bad, source, position, main) = row
    return PhoneNumber(label, raw or "", e164, ext, zones_from_text(zones), problem, bool(bad),
                       source or "", pid, position, bool(main))  # fmt: skip


def numbers_of(db: Reading, prospect_id: int) -> tuple[PhoneNumber, ...]:
    """The prospect's numbers, in the order they were added."""
    return tuple(
        _number(row)
        for row in db.execute(
            f"SELECT {PHONE_COLUMNS} FROM phones WHERE prospect_id = ? ORDER BY position, id",
            [prospect_id],
        )
    )


def numbers_by_prospect(
    db: Reading, ids: Collection[int] | None = None, keep: Collection[int] | None = None
) -> dict[int, tuple[PhoneNumber, ...]]:
    """By prospect id, every number of the prospects that have more than one (of those
    in `ids`, read by id; or of all, kept when in `keep`): what the queue needs beyond
    the phone_* columns. Found by the partial index of the numbers besides the main
    ones, which only prospects with several numbers have."""
    found: dict[int, list[PhoneNumber]] = {}
    several = "SELECT prospect_id FROM phones WHERE main = 0"
    if ids is not None:
        listed = ",".join(str(int(i)) for i in ids)
        if not listed:
            return {}
        several += f" AND prospect_id IN ({listed})"
    for row in db.execute(
        f"SELECT {PHONE_COLUMNS} FROM phones WHERE prospect_id IN ({several})"
        " ORDER BY prospect_id, position, id"
    ):
        if keep is None or row[1] in keep:
            found.setdefault(row[1], []).append(_number(row))
    return {pid: tuple(numbers) for pid, numbers in found.items()}


def with_numbers(prospects: list[Prospect], numbers: dict[int, tuple[PhoneNumber, ...]]) -> (
    list[Prospect]
):  # fmt: skip
    """`prospects`, those with several numbers carrying them."""
    if not numbers:
        return prospects
    from msgspec.structs import replace

    return [replace(p, numbers=numbers[p.id]) if p.id in numbers else p for p in prospects]


def other_e164s(db: Reading) -> Iterable[tuple[int, str]]:
    """(prospect id, E.164) of every dialable number besides the main ones: an import
    knows a person by any of their numbers."""
    yield from db.execute(
        "SELECT prospect_id, e164 FROM phones WHERE main = 0 AND e164 IS NOT NULL"
    )


def numbers_for_export(db: Reading, ids: Sequence[int]) -> dict[int, list[PhoneNumber]]:
    found: dict[int, list[PhoneNumber]] = {}
    for start in range(0, len(ids), CHUNK):
        listed = ",".join(str(int(i)) for i in ids[start : start + CHUNK])
        for row in db.execute(
            f"SELECT {PHONE_COLUMNS} FROM phones WHERE prospect_id IN ({listed})"
            " ORDER BY prospect_id, position, id"
        ):
            found.setdefault(row[1], []).append(_number(row))
    return found


def insert_numbers(db: Any, rows: Iterable[tuple[int, PhoneNumber]], stamp: str) -> None:
    """(prospect id, number) pairs: numbers added (the caller sets `main` right, or
    calls sync_main after)."""
    db.conn.executemany(
        "INSERT INTO phones (prospect_id, label, raw, e164, ext, zones, problem, bad, source,"
        " position, main, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (pid, n.label, n.raw, n.e164, n.ext, zones_to_text(n.zones), n.problem, int(n.bad),
             n.source, n.position, int(n.main), stamp)
            for pid, n in rows
        ],
    )  # fmt: skip


def insert_rows(db: Any, rows: Sequence[tuple[Any, ...]]) -> None:
    """(prospect id, label, raw, e164, ext, zones text, problem, bad, source, position,
    main, created_at) rows, as an import makes them."""
    db.conn.executemany(
        "INSERT INTO phones (prospect_id, label, raw, e164, ext, zones, problem, bad, source,"
        " position, main, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def adopt_number(db: Any, prospect_id: int) -> None:
    """A number held only in the prospect's phone_* columns (written there by a
    script, or by a tool that knows no phones table) becomes its one phones row,
    labelled direct, as m006 made one for every prospect. Called before the rows are
    changed: sync_main would otherwise read no row and clear the columns."""
    if db.execute("SELECT 1 FROM phones WHERE prospect_id = ? LIMIT 1", [prospect_id]).fetchone():
        return
    db.execute(
        "INSERT INTO phones (prospect_id, label, raw, e164, ext, zones, problem, bad, main,"
        " position, created_at) SELECT id, 'direct', coalesce(phone_raw, ''), phone_e164,"
        " phone_ext, coalesce(phone_zones, ''), phone_problem, phone_bad, 1, 0, created_at"
        " FROM prospects WHERE id = ?"
        " AND (coalesce(phone_raw, '') != '' OR phone_e164 IS NOT NULL)",
        [prospect_id],
    )


def add_number(db: Any, prospect_id: int, number: PhoneNumber, stamp: str) -> int:
    """Add one number after the prospect's others; its id. Then sync_main."""
    adopt_number(db, prospect_id)
    row = db.execute(
        "SELECT coalesce(max(position) + 1, 0) FROM phones WHERE prospect_id = ?", [prospect_id]
    ).fetchone()
    cursor = db.execute(
        "INSERT INTO phones (prospect_id, label, raw, e164, ext, zones, problem, bad, source,"
        " position, main, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 0, ?)",
        [prospect_id, number.label, number.raw, number.e164, number.ext,
         zones_to_text(number.zones), number.problem, number.source, row[0], stamp],
    )  # fmt: skip
    sync_main(db, prospect_id)
    return int(cursor.lastrowid)


def replace_number(db: Any, phone_id: int, number: PhoneNumber) -> None:
    """A number the rep corrected: its new text (no longer marked wrong), label kept
    unless given. Then sync_main."""
    db.execute(
        "UPDATE phones SET label = ?, raw = ?, e164 = ?, ext = ?, zones = ?, problem = ?,"
        " bad = 0 WHERE id = ?",
        [number.label, number.raw, number.e164, number.ext, zones_to_text(number.zones),
         number.problem, phone_id],
    )  # fmt: skip


def mark_bad(db: Any, phone_id: int, bad: bool = True) -> int | None:
    """Mark one number wrong (or not); the prospect it belongs to. Then sync_main."""
    db.execute("UPDATE phones SET bad = ? WHERE id = ?", [int(bad), phone_id])
    row = db.execute("SELECT prospect_id FROM phones WHERE id = ?", [phone_id]).fetchone()
    return row[0] if row else None


def sync_main(db: Any, prospect_id: int) -> PhoneNumber | None:
    """Mirror the prospect's main number (domain.numbers.main_number) in its phone_*
    columns and mark it `main`; phone_bad says no good number is left. The one place
    that keeps the two tables agreeing; returns the main number."""
    numbers = numbers_of(db, prospect_id)
    main = main_number(numbers)
    if main is None:
        db.execute(
            "UPDATE prospects SET phone_raw = '', phone_e164 = NULL, phone_ext = NULL,"
            " phone_problem = NULL, phone_zones = '', phone_bad = 0 WHERE id = ?",
            [prospect_id],
        )
        return None
    db.execute(
        "UPDATE prospects SET phone_raw = ?, phone_e164 = ?, phone_ext = ?, phone_problem = ?,"
        " phone_zones = ?, phone_bad = ? WHERE id = ?",
        [main.raw, main.e164, main.ext, main.problem, zones_to_text(main.zones),
         int(no_good_number_left(numbers)), prospect_id],
    )  # fmt: skip
    if not main.main or sum(n.main for n in numbers) != 1:
        db.execute(
            "UPDATE phones SET main = CASE WHEN id = ? THEN 1 ELSE 0 END WHERE prospect_id = ?",
            [main.id, prospect_id],
        )
    return main
