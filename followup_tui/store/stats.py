"""Counting the rep's numbers in SQL (domain/stats.py says what they mean).

`stats_for` never builds a Python object per touch. Two scans, run at once on
two connections when the database is a file: one strings a character per touch
(its day in the rep's zone and its kind) and per dial (its hour of the week on
the prospect's clock), which Python counts with `Counter`; the other sorts every
touch once and strings each prospect's history, one character per touch in time
order, which `domain.stats.tally_histories` reads. GROUP BY would sort a million
rows per grouping. Local days and hours are integer arithmetic on Unix times,
each zone's UTC offsets over the window written into the SQL as ranges, so a day
or an hour is right on both sides of a DST change, half-hour zones included.

`touch_facts` and `prospect_facts` read the same history one row per touch and
per prospect, for `domain.stats.rep_numbers`, the plain definition the fast
path is tested against.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, time
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup_tui.domain.clock import from_iso
from followup_tui.domain.local_time import zone_of
from followup_tui.domain.models import Prospect
from followup_tui.domain.stats import (
    CALL_FLAG,
    CODE_BASE,
    CONVERSATION_FLAG,
    DECISION_MAKER_FLAG,
    IN_WINDOW_FLAG,
    LOGGED_FLAG,
    DayTally,
    HistoryTally,
    HourTally,
    ProspectFact,
    RetiredProspect,
    Stats,
    StatsTallies,
    TouchFact,
    conversation_outcomes,
    numbers_from_tallies,
    plain_utc,
    rep_numbers,
    retired_statuses,
    tally_histories,
    touch_flags,
    utc_offsets,
)
from followup_tui.domain.vocabulary import Channel, Outcome, Status
from followup_tui.store.db import Reader, Reading
from followup_tui.store.rows import zones_from_text

# Unix seconds of a stored time (unixepoch() from SQLite 3.38; strftime before).
_EPOCH = (
    "unixepoch(started_at)"
    if sqlite3.sqlite_version_info >= (3, 38)
    else "CAST(strftime('%s', started_at) AS INTEGER)"
)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


_CONVERSATION_SQL = "(" + ", ".join(_literal(o) for o in conversation_outcomes()) + ")"
# A touch's domain flags, computed per row (never NULL): one CASE over the outcomes
# that carry more than LOGGED_FLAG, as `touch_flags` says.
_OUTCOME_FLAGS = " ".join(
    f"WHEN {_literal(outcome)} THEN {touch_flags('', outcome, False)}"
    for outcome in sorted({*conversation_outcomes(), Outcome.MEETING.value})
)
_FLAGS = (
    f"(CASE outcome {_OUTCOME_FLAGS} ELSE (outcome IS NOT NULL) * {LOGGED_FLAG} END"
    f" + (channel = {_literal(Channel.CALL.value)}) * {CALL_FLAG}"
    f" + CASE WHEN decision_maker THEN {DECISION_MAKER_FLAG} ELSE 0 END)"
)


def stats_for(
    db: Reading, now: datetime, rep_zone: str, since: date | None = None, rep: str | None = None
) -> Stats:
    """The numbers from `since` (a day in the rep's zone; None: all history) to `now`:
    every touch's, or `rep`'s only. On PostgreSQL, and for one rep of a team, they
    come from the plain definition over one row per touch (`stats_from_facts`)."""
    if rep is not None or getattr(db, "engine", "sqlite") == "postgresql":
        return stats_from_facts(db, now, rep_zone, since, rep)
    return numbers_from_tallies(stats_tallies(db, now, rep_zone, since), now, rep_zone, since)


def stats_from_facts(
    db: Reading, now: datetime, rep_zone: str, since: date | None = None, rep: str | None = None
) -> Stats:
    """`domain.stats.rep_numbers` over the touches (`rep`'s only, with the prospects
    they touched, when given); a zone tzdata does not know counts as unknown, as in SQL."""
    touches = touch_facts(db, rep)
    return _numbers(touches, prospect_facts(db), now, rep_zone, since, rep is not None)


def team_stats(
    db: Reading, now: datetime, rep_zone: str, since: date | None = None
) -> dict[str, Stats]:
    """Each rep's numbers (touches nobody recorded a rep for: under ''), read once."""
    by_rep: dict[str, list[TouchFact]] = {}
    for rep, fact in _touch_rows(db, None):
        by_rep.setdefault(rep or "", []).append(fact)
    prospects = prospect_facts(db)
    return {
        rep: _numbers(touches, prospects, now, rep_zone, since, True)
        for rep, touches in sorted(by_rep.items())
    }


def _numbers(
    touches: list[TouchFact],
    prospects: list[ProspectFact],
    now: datetime,
    rep_zone: str,
    since: date | None,
    theirs_only: bool,
) -> Stats:
    if theirs_only:
        touched = {t.prospect_id for t in touches}
        prospects = [p for p in prospects if p.prospect_id in touched]
    known = [p if p.zone is None or _loadable(p.zone) else replace(p, zone=None) for p in prospects]
    return rep_numbers(touches, known, now, rep_zone, since)


def stats_tallies(
    db: Reading, now: datetime, rep_zone: str, since: date | None = None
) -> StatsTallies:
    """The plain counts behind the numbers, for the window from `since` to `now`."""
    end = int(plain_utc(now).timestamp())
    if since is not None:
        start = int(datetime.combine(since, time.min, ZoneInfo(rep_zone)).timestamp())
    else:
        first = db.execute(
            f"SELECT {_EPOCH.replace('started_at', 'min(started_at)')} FROM touches"
        ).fetchone()[0]
        start = first if first is not None else end
    window = (start, end)
    with _reader_beside(db) as other:
        if other is None:
            days, hours = _window_tallies(db, rep_zone, window)
            history = _history(db, window)
        else:  # the two scans at once, on a second connection (SQLite frees the GIL)
            with ThreadPoolExecutor(1, thread_name_prefix="followup-stats") as pool:
                window_job = pool.submit(_window_tallies, other, rep_zone, window)
                history = _history(db, window)
                days, hours = window_job.result()
    return StatsTallies(days=days, hours=hours, history=history, retired=_retired(db))


@contextmanager
def _reader_beside(db: Reading) -> Iterator[Reading | None]:
    """A read-only connection to the same database file, for a second thread; None
    for an in-memory database or when the file cannot be opened again."""
    path = next(
        (file for _, name, file in db.execute("PRAGMA database_list").fetchall() if name == "main"),
        "",
    )
    if not path or db.conn.in_transaction:  # a second connection would not see the writes
        yield None
        return
    try:
        conn = sqlite3.connect(
            f"{Path(path).as_uri()}?mode=ro", uri=True, timeout=30, check_same_thread=False
        )
    except sqlite3.Error:
        yield None
        return
    try:
        yield Reader(conn)
    finally:
        conn.close()


def _history(db: Reading, window: tuple[int, int]) -> HistoryTally:
    signal_kinds = dict(
        db.execute(
            "SELECT prospect_id, count(DISTINCT kind) FROM signals GROUP BY prospect_id"
        ).fetchall()
    )
    return tally_histories(_histories(db, window), signal_kinds)


def _offset_sql(segments: Sequence[tuple[int, int]], epoch: str) -> str:
    """A SQL expression for the UTC offset at `epoch`, from `utc_offsets` ranges."""
    if len(segments) == 1:
        return str(segments[0][1])
    ranges = " ".join(
        f"WHEN {epoch} < {until} THEN {offset}" for (_, offset), (until, _) in pairwise(segments)
    )
    return f"CASE {ranges} ELSE {segments[-1][1]} END"


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
# A subquery with a LIMIT is not flattened into an aggregate query, so its columns
# (e, flags, z) are computed once per row, not once per mention in the CASEs.
_ONCE = "LIMIT -1"


def _zones(db: Reading) -> tuple[bytes, list[str]]:
    """Where each prospect's phone rings, for SQL without a join: byte `id` of the
    map is 48 + the number of their zone in the list (zones most prospects ring
    in first, so the SQL CASE finds them soonest), 127 when unknown."""
    rows = db.execute(
        "SELECT id, coalesce(timezone, ''), coalesce(phone_zones, '') FROM prospects"
    ).fetchall()
    by_pair: dict[tuple[str, str], str | None] = {}
    prospects: Counter[str] = Counter()
    for _, timezone, phone_zones in rows:
        pair = (timezone, phone_zones)
        if pair not in by_pair:
            zone = zone_of(
                Prospect(0, "", timezone=timezone or None, phone_zones=zones_from_text(phone_zones))
            )
            by_pair[pair] = zone if zone and _loadable(zone) else None
        zone = by_pair[pair]
        if zone is not None:
            prospects[zone] += 1
    zones = [zone for zone, _ in prospects.most_common(_UNKNOWN_BYTE - 48)]
    number = {zone: 48 + n for n, zone in enumerate(zones)}
    codes = {
        pair: number.get(zone, _UNKNOWN_BYTE) if zone else _UNKNOWN_BYTE
        for pair, zone in by_pair.items()
    }
    zone_map = bytearray([_UNKNOWN_BYTE]) * (max((row[0] for row in rows), default=0) + 1)
    for pid, timezone, phone_zones in rows:
        zone_map[pid] = codes[(timezone, phone_zones)]
    return bytes(zone_map), zones


_UNKNOWN_BYTE = 127


def _loadable(zone: str) -> bool:
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


_DAY_BASE = 0xE000  # day codes: chr(_DAY_BASE + day * 32 + flags), past the surrogates
_HOUR_BASE = 0x100  # hour codes: chr(_HOUR_BASE + hour_of_week * 2 + connected)
_UNKNOWN_ZONE = 168 * 2  # the hour code of a dial to a prospect whose zone is unknown


def _window_tallies(
    db: Reading, rep_zone: str, window: tuple[int, int]
) -> tuple[list[DayTally], list[HourTally]]:
    """Touches in the window by the rep's day and kind (with their talk time), and
    dials by the hour of the week on the prospect's clock.

    One scan and no sort: SQLite strings one character per touch (and one per
    dial) and Python counts the characters; GROUP BY would sort a million rows.
    """
    start = window[0]
    first_day = (start + utc_offsets(rep_zone, start, start)[0][1]) // 86_400
    day = f"((e + {_offset_sql(utc_offsets(rep_zone, *window), 'e')}) / 86400 - {first_day})"
    zone_map, zones = _zones(db)
    # The zone's number, from byte prospect_id of the map (past its end: unknown),
    # looked up for dials only, once: a CASE on it with no ELSE is NULL when unknown.
    zone_number = "unicode(CAST(substr(?1, prospect_id + 1, 1) AS TEXT)) - 48"
    offsets = " ".join(
        f"WHEN {n} THEN {_offset_sql(utc_offsets(zone, *window), 'e')}"
        for n, zone in enumerate(zones)
    )
    # Unix time 0 was a Thursday, 72 hours into its Monday-first week.
    hour = (
        f"coalesce(((e + CASE {zone_number} {offsets} END) / 3600 + 72) % 168 * 2, {_UNKNOWN_ZONE})"
        if zones
        else str(_UNKNOWN_ZONE)
    )
    dial = f"flags & {CALL_FLAG | LOGGED_FLAG} = {CALL_FLAG | LOGGED_FLAG}"
    connected = f"(flags & {CONVERSATION_FLAG} != 0)"
    day_codes, hour_codes, talk = db.execute(
        "SELECT"
        f" group_concat(char({_DAY_BASE} + {day} * 32 + flags), ''),"
        f" group_concat(CASE WHEN {dial} THEN char({_HOUR_BASE} + {hour} + {connected}) END, ''),"
        f" group_concat(CASE WHEN flags & {CONVERSATION_FLAG} AND duration_s"
        f"  THEN ({day} * 32 + flags) || ' ' || duration_s END, ' ')"
        # Talk time runs from the connection (talk_s); older touches kept their length.
        f" FROM (SELECT prospect_id, coalesce(talk_s, duration_s) AS duration_s,"
        f"  {_EPOCH} AS e, {_FLAGS} AS flags"
        f"  FROM touches NOT INDEXED {_ONCE})"
        " WHERE e BETWEEN ?2 AND ?3",
        [zone_map, *window],
    ).fetchone()
    talk_by_key: Counter[int] = Counter()
    numbers = iter(map(int, (talk or "").split()))
    for key, seconds in zip(numbers, numbers, strict=True):
        talk_by_key[key] += seconds
    days = []
    for code, n in Counter(day_codes or "").items():
        day_number, flags = divmod(ord(code) - _DAY_BASE, 32)
        days.append(
            DayTally(
                date.fromordinal(_EPOCH_ORDINAL + first_day + day_number),
                flags,
                n,
                talk_by_key[day_number * 32 + flags],
            )
        )
    hours = []
    for code, n in Counter(hour_codes or "").items():
        number = ord(code) - _HOUR_BASE
        how = None if number >= _UNKNOWN_ZONE else number // 2
        hours.append(
            HourTally(how, bool(number % 2) if how is not None else bool(number - _UNKNOWN_ZONE), n)
        )
    return days, hours


def _histories(db: Reading, window: tuple[int, int]) -> Iterator[tuple[int, str]]:
    """Every prospect's touches as codes in time order (ties: touch id).

    One string for all prospects, in prospect order, cut by each prospect's
    count of touches (both read in one transaction, so they agree). No GROUP BY:
    it would sort again and group_concat would see each group's rows in any order.
    """
    in_window = f"coalesce(e BETWEEN ? AND ?, 0) * {IN_WINDOW_FLAG}"
    db.execute("SAVEPOINT followup_stats")
    try:
        counts = db.execute(
            "SELECT prospect_id, count(*) FROM touches GROUP BY prospect_id ORDER BY prospect_id"
        ).fetchall()
        codes = db.execute(
            HISTORY_SQL.format(code=f"char({CODE_BASE} + (flags | {in_window}))"), window
        ).fetchone()[0]
    finally:
        db.execute("RELEASE followup_stats")
    codes = codes or ""
    start = 0
    for pid, count in counts:
        yield pid, codes[start : start + count]
        start += count


# No LIMIT anywhere here: with one SQLite sorts through a B-tree, four times
# slower. The tests check the plan sorts once and never groups.
HISTORY_SQL = (
    "SELECT group_concat(code, '') FROM ("
    " SELECT pid, {code} AS code FROM ("
    f"  SELECT prospect_id AS pid, id, {_EPOCH} AS e, {_FLAGS} AS flags FROM touches NOT INDEXED)"
    " ORDER BY pid, e, id)"
)


def _retired(db: Reading) -> list[RetiredProspect]:
    """Prospects retired as of now: `domain.stats.is_retired` in SQL."""
    statuses = retired_statuses()
    marks = ", ".join("?" for _ in statuses)
    rows = db.execute(
        f"SELECT id, name, company, status FROM prospects WHERE status IN ({marks})"
        " OR (status = ? AND coalesce(next_touch_at, '') = '')",
        [*statuses, Status.ACTIVE.value],
    ).fetchall()
    return [
        RetiredProspect(pid, name or "", company or "", status)
        for pid, name, company, status in rows
    ]


# -- one row per touch and per prospect (the plain definition) ------------------------------


def touch_facts(db: Reading, rep: str | None = None) -> list[TouchFact]:
    """Every touch (`rep`'s only, when given), the whole history (attempt numbers
    need what came before any window)."""
    return [fact for _, fact in _touch_rows(db, rep)]


def _touch_rows(db: Reading, rep: str | None) -> list[tuple[str | None, TouchFact]]:
    where, params = (" WHERE rep = ?", [rep]) if rep is not None else ("", [])
    return [
        (
            row[7],
            TouchFact(
                prospect_id=row[1],
                channel=row[2],
                outcome=row[3],
                started_at=_instant(row[4]),
                duration_s=row[5],
                decision_maker=bool(row[6]),
                touch_id=row[0],
            ),
        )
        for row in db.execute(
            "SELECT id, prospect_id, channel, outcome, started_at,"
            " coalesce(talk_s, duration_s), decision_maker, rep"  # talk time, as above
            f" FROM touches{where}",  # in no order: the domain sorts what needs an order
            params,
        ).fetchall()
    ]


def prospect_facts(db: Reading) -> list[ProspectFact]:
    """Every prospect with their zone, kinds of warm signal and logged touches."""
    rows = db.execute(
        "SELECT p.id, p.name, p.company, p.status, p.timezone, p.phone_zones, p.next_touch_at,"
        " (SELECT count(DISTINCT s.kind) FROM signals s WHERE s.prospect_id = p.id),"
        " (SELECT count(*) FROM touches t WHERE t.prospect_id = p.id AND t.outcome IS NOT NULL)"
        " FROM prospects p ORDER BY p.id"
    ).fetchall()
    return [
        ProspectFact(
            prospect_id=pid,
            status=status,
            zone=zone_of(Prospect(pid, name, timezone=tz, phone_zones=zones_from_text(zones))),
            signal_count=signals,
            touch_count=touch_count,
            next_touch_at=_instant(next_touch) if next_touch else None,
            name=name or "",
            company=company or "",
        )
        for pid, name, company, status, tz, zones, next_touch, signals, touch_count in rows
    ]


def _instant(text: str) -> datetime:
    """A stored UTC timestamp; the stdlib parser is fast, pendulum's reads the rest."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return from_iso(text)
    return moment if moment.tzinfo is not None else from_iso(text)
