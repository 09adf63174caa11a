"""Counting the rep's numbers in SQL (domain/stats.py says what they mean).

`stats_for` never builds a Python object per touch. One walk of
idx_touches_history (m009: every prospect's touches in time order, holding what
the numbers read, so SQLite neither sorts nor reads the table) strings three
characters per touch, which Python counts with `Counter` and str methods: its code
in the prospect's history (`domain.stats.tally_histories`), its day in the rep's
zone with its kind, and for a dial its hour of the week on the prospect's clock.
GROUP BY would sort a million rows per grouping. Local days and hours are integer
arithmetic on Unix times, each zone's UTC offsets over the window written into
the SQL as ranges, so a day or an hour is right on both sides of a DST change,
half-hour zones included. One thread: a second connection scanning half the
prospects beside it made the command no faster on a two-core machine. One rep's
numbers (`--rep`), and a team's up to _GROUP reps at once, walk the same index
over every touch, each rep's touches marked with their number by id from a map
(`_member_map`): a call's attempt number is its place among every call to the
prospect, whoever made it, so to each rep the others' touches keep their places
in the history (as touches never logged, with no time) and count for nothing
else. Those cost little to write, and one walk serves the whole team.

`touch_facts` and `prospect_facts` read the same history one row per touch and
per prospect, for `domain.stats.rep_numbers`, the plain definition the fast
path is tested against.
"""

from __future__ import annotations

import sqlite3
import sys
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time
from itertools import accumulate, chain, compress, pairwise
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from msgspec.structs import replace

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
    HourTally,
    ProspectFact,
    RetiredProspect,
    Stats,
    StatsTallies,
    TouchFact,
    char_counts,
    conversation_outcomes,
    numbers_from_tallies,
    persistence_curve,
    plain_utc,
    rep_numbers,
    retired_statuses,
    tally_histories,
    touch_flags,
    utc_offsets,
)
from followup_tui.domain.vocabulary import Channel, Outcome, Status
from followup_tui.store.db import Reading
from followup_tui.store.rows import zones_from_text

_CALL = Channel.CALL.value

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
    every touch's, or `rep`'s only (with the prospects they touched). On PostgreSQL
    they come from the plain definition over one row per touch (`stats_from_facts`)."""
    if getattr(db, "engine", "sqlite") == "postgresql":
        return stats_from_facts(db, now, rep_zone, since, rep)
    who = None if rep is None else _Who("rep = ?", rep)
    return numbers_from_tallies(stats_tallies(db, now, rep_zone, since, who), now, rep_zone, since)


def stats_from_facts(
    db: Reading, now: datetime, rep_zone: str, since: date | None = None, rep: str | None = None
) -> Stats:
    """`domain.stats.rep_numbers` over the touches (`rep`'s only, with the prospects
    they touched, when given: their calls' attempt numbers count every rep's calls,
    see `_numbers`); a zone tzdata does not know counts as unknown, as in SQL."""
    if rep is None:
        return _numbers(touch_facts(db), prospect_facts(db), now, rep_zone, since, None)
    theirs: list[TouchFact] = []
    others: list[TouchFact] = []
    for who, fact in _touch_rows(db, rep, calls_to_theirs=True):
        (theirs if who == rep else others).append(fact)
    return _numbers(theirs, prospect_facts(db), now, rep_zone, since, others)


def team_stats(
    db: Reading, now: datetime, rep_zone: str, since: date | None = None
) -> dict[str, Stats]:
    """Each rep's numbers (touches nobody recorded a rep for: under ''). On SQLite,
    one scan for up to _GROUP reps at once (`_Common.group_tallies`), which costs
    about as much as `stats_for`'s; on PostgreSQL the touches are read once, as facts."""
    if getattr(db, "engine", "sqlite") == "postgresql":
        return team_stats_from_facts(db, now, rep_zone, since)
    db.execute("SAVEPOINT followup_team")  # every rep's numbers from the same history
    try:
        reps = sorted(
            {rep for (rep,) in db.execute("SELECT DISTINCT coalesce(rep, '') FROM touches")}
        )
        common = _Common(db, now, rep_zone, since)
        numbers = {}
        for start in range(0, len(reps), common.group_size):
            group = reps[start : start + common.group_size]
            tallies = common.group_tallies([_team_member(rep) for rep in group])
            for rep, their_tallies in zip(group, tallies, strict=True):
                numbers[rep] = numbers_from_tallies(their_tallies, now, rep_zone, since)
        return numbers
    finally:
        db.execute("RELEASE followup_team")


def _team_member(rep: str) -> _Who:
    """A row of `team_stats`: '' is the touches with no rep recorded (NULL or ''), so
    that idx_touches_rep finds either."""
    return _Who("rep IS NULL OR rep = ?", rep) if rep == "" else _Who("rep = ?", rep)


def team_stats_from_facts(
    db: Reading, now: datetime, rep_zone: str, since: date | None = None
) -> dict[str, Stats]:
    """`team_stats` by the plain definition, the touches read once."""
    by_rep: dict[str, list[TouchFact]] = {}
    calls: dict[int, list[tuple[str, TouchFact]]] = {}  # prospect id -> (rep, call)
    for rep, fact in _touch_rows(db, None):
        by_rep.setdefault(rep or "", []).append(fact)
        if fact.channel == _CALL:
            calls.setdefault(fact.prospect_id, []).append((rep or "", fact))
    prospects = prospect_facts(db)
    numbers = {}
    for rep, touches in sorted(by_rep.items()):
        touched = {t.prospect_id for t in touches}
        others = [call for pid in touched for who, call in calls.get(pid, ()) if who != rep]
        numbers[rep] = _numbers(touches, prospects, now, rep_zone, since, others)
    return numbers


def _numbers(
    touches: list[TouchFact],
    prospects: list[ProspectFact],
    now: datetime,
    rep_zone: str,
    since: date | None,
    others_calls: list[TouchFact] | None,
) -> Stats:
    """`rep_numbers` over `touches`: every touch (`others_calls` None), or one rep's,
    with the prospects they touched and `others_calls`, every other rep's call to
    those prospects. A call's attempt number is its place among all the calls to
    the prospect (README, "attempt number"), so the rep's persistence curve numbers
    their calls among the others' too, which count for nothing else: as calls
    never logged, they are no dials of the rep's."""
    if others_calls is None:
        return rep_numbers(touches, _known(prospects), now, rep_zone, since)
    touched = {t.prospect_id for t in touches}
    stats = rep_numbers(
        touches, _known([p for p in prospects if p.prospect_id in touched]), now, rep_zone, since
    )
    if not others_calls:
        return stats
    start = None if since is None else datetime.combine(since, time.min, ZoneInfo(rep_zone))
    placed = [replace(c, outcome=None, duration_s=None, decision_maker=False) for c in others_calls]
    persistence = persistence_curve(
        [*touches, *placed], None if start is None else plain_utc(start), plain_utc(now)
    )
    return replace(stats, persistence=persistence)


def _known(prospects: list[ProspectFact]) -> list[ProspectFact]:
    """The prospects, a zone tzdata does not know read as unknown (as the SQL does)."""
    return [p if p.zone is None or _loadable(p.zone) else replace(p, zone=None) for p in prospects]


class _Who(NamedTuple):
    """Whose touches to count: a SQL condition on `touches` with one parameter."""

    where: str
    rep: str


def stats_tallies(
    db: Reading, now: datetime, rep_zone: str, since: date | None = None, who: _Who | None = None
) -> StatsTallies:
    """The plain counts behind the numbers, for the window from `since` to `now`:
    every touch's, or only those `who` says."""
    return _Common(db, now, rep_zone, since).tallies(who)


class _Common:
    """What every rep's counts share, read once for a team: the window's days, where
    each prospect's phone rings, their warm signals, the retired prospects."""

    def __init__(self, db: Reading, now: datetime, rep_zone: str, since: date | None) -> None:
        self.db = db
        end = int(plain_utc(now).timestamp())
        if since is not None:
            start = int(datetime.combine(since, time.min, ZoneInfo(rep_zone)).timestamp())
        else:  # everyone's first touch: one rep's touches all lie in the same window
            first = db.execute(
                f"SELECT {_EPOCH.replace('started_at', 'min(started_at)')} FROM touches"
            ).fetchone()[0]
            start = first if first is not None else end
        self.days = _Days(rep_zone, (start, end))
        self.zones = _zones(db)
        self.signal_kinds = dict(
            db.execute(
                "SELECT prospect_id, count(DISTINCT kind) FROM signals GROUP BY prospect_id"
            ).fetchall()
        )
        self.retired = _retired(db)
        self._by_prospect: array[int] | None = None  # id, touches, logged touches, ...
        # Reps per walk of a team: as many as _GROUP whose day codes all fit in Unicode.
        self.group_size = max(1, min(_GROUP, (sys.maxunicode + 1 - _DAY_BASE) // self.days.span))

    def tallies(self, who: _Who | None) -> StatsTallies:
        if who is not None:
            return self.group_tallies([who])[0]
        codes, talk, counts = _scan(self.db, self.days, self.zones)
        day_codes, hour_codes = char_counts(codes[1::3]), char_counts(codes[2::3])
        codes = codes[0::3]
        del day_codes[_NONE], hour_codes[_NONE]
        return StatsTallies(
            days=self.days.tallies(day_codes, _talk_by_key(talk)),
            hours=_hour_tallies(hour_codes),
            history=tally_histories(counts[0::2], counts[1::2], codes, self.signal_kinds),
            retired=self.retired,
        )

    def group_tallies(self, group: Sequence[_Who]) -> list[StatsTallies]:
        """Each of `group`'s reps' tallies (at most _GROUP reps), from one walk of every
        touch (`_group_scan`). As `rep_numbers` over one rep's facts: their touches,
        their calls numbered among every call to the prospect, and the retired
        prospects they touched, with the touches everyone logged to them (as the app
        shows them)."""
        codes, talk, prospects, counts, logged = self._group_scan(group)
        reps, span = len(group), self.days.span
        day_codes, hour_codes = char_counts(codes[1::3]), char_counts(codes[2::3])
        del day_codes[_NONE], hour_codes[_NONE]
        days = _by_member(day_codes, reps, _DAY_BASE, span, _DAY_SHIFT)
        hours = _by_member(hour_codes, reps, _HOUR_BASE, _HOUR_SPAN, _UNKNOWN_ZONE)
        talk_by_key: list[Counter[int]] = [Counter() for _ in range(reps)]
        for key, seconds in _talk_by_key(talk).items():
            member, key = divmod(key, span)
            talk_by_key[member][key - _DAY_SHIFT] += seconds
        keys = codes[0::3]
        del codes
        touched = _members_of(keys, prospects, counts, {p.prospect_id for p in self.retired})
        tallies = []
        for member in range(1, reps + 1):
            theirs = keys.translate(_their_codes(member, reps))
            history = tally_histories(prospects, counts, theirs, self.signal_kinds)
            del theirs
            tallies.append(
                StatsTallies(
                    days=self.days.tallies(days[member - 1], talk_by_key[member - 1]),
                    hours=_hour_tallies(hours[member - 1]),
                    history=replace(history, logged=logged),
                    retired=[p for p in self.retired if member in touched.get(p.prospect_id, ())],
                )
            )
        return tallies

    def _group_scan(
        self, group: Sequence[_Who]
    ) -> tuple[str, str, array[int], array[int], dict[int, int]]:
        """`_scan_sql`'s walk with `group`'s member map: its codes and talk time, the
        prospects and their counts of touches to cut the codes by, and each
        prospect's logged touches (everyone's), all read in the same transaction.
        No walk when none of the group touched anything."""
        db = self.db
        db.execute("SAVEPOINT followup_stats")
        try:
            members, marked = _member_map(db, group)
            if self._by_prospect is None:  # the same for every group of a team
                self._by_prospect = array(
                    "q",
                    chain.from_iterable(
                        db.execute(
                            "SELECT prospect_id, count(*), sum(outcome IS NOT NULL) FROM touches"
                            " GROUP BY prospect_id ORDER BY prospect_id"
                        )
                    ),
                )
            by_prospect = self._by_prospect
            codes = talk = None
            if marked:
                sql = _walk_sql(self.days, self.zones[1], len(group))
                zone_map = self.zones[0]
                codes, talk = db.execute(sql, [zone_map, *self.days.window, members]).fetchone()
        finally:
            db.execute("RELEASE followup_stats")
        prospects, logged = by_prospect[0::3], by_prospect[2::3]
        logged_by_prospect = dict(compress(zip(prospects, logged, strict=True), logged))
        if not marked:  # as a walk that kept nothing
            return "", "", array("q"), array("q"), logged_by_prospect
        return codes or "", talk or "", prospects, by_prospect[1::3], logged_by_prospect


_GROUP = 32
"""Reps counted by one walk of `team_stats`: the walk finds a touch's rep number by a
CASE over the group, one comparison per rep before theirs."""
_MEMBER = 64
"""A group's nth rep's touches have n * _MEMBER added to their flags (0..63), in SQL
and in their history codes: `_their_codes` reads them back."""


def _member_map(db: Reading, group: Sequence[_Who]) -> tuple[bytes, int]:
    """Byte `id` n for the touches the group's nth rep made (from 1), else 0, and how
    many it marks: the walk reads `id`, which idx_touches_history holds, and stays on
    the index (reading `rep` in the walk would visit the table for every touch, ten
    times slower)."""
    last = db.execute("SELECT max(id) FROM touches").fetchone()[0] or 0
    members = bytearray(last + 1)
    marked = 0
    for number, who in enumerate(group, 1):
        # One string, not a row per touch (a third of the cost), read a slice at a time.
        (ids,) = db.execute(
            f"SELECT group_concat(id, ' ') FROM touches WHERE {who.where}", [who.rep]
        ).fetchone()
        for touch_id in _spaced_ints(ids or ""):
            members[touch_id] = number
            marked += 1
    return bytes(members), marked


def _their_codes(member: int, reps: int) -> dict[int, int]:
    """str.translate table from a group walk's history codes to one member's: their
    touches' codes without the member number; the other members' (as the others'
    touches, already '0' or '1') a touch never logged with no time, a call or not,
    which only takes its place among the prospect's calls."""
    return {
        CODE_BASE + other * _MEMBER + flags: CODE_BASE
        + (flags if other == member else flags & CALL_FLAG)
        for other in range(1, reps + 1)
        for flags in range(_MEMBER)
    }


def _by_member(
    codes: Counter[str], reps: int, base: int, span: int, shift: int
) -> list[Counter[str]]:
    """Each member's count of day or hour codes, from a group walk's counted codes:
    chr(base + (member - 1) * span + shift + code) for the member's chr(base + code)."""
    by_member: list[Counter[str]] = [Counter() for _ in range(reps)]
    for code, n in codes.items():
        member, number = divmod(ord(code) - base, span)
        by_member[member][chr(base + number - shift)] += n
    return by_member


def _members_of(
    keys: str, prospects: Sequence[int], counts: Sequence[int], wanted: set[int]
) -> dict[int, set[int]]:
    """The member numbers among each `wanted` prospect's history codes (0: not one of
    the group's touches); `prospects` in order, `counts[i]` codes for `prospects[i]`."""
    starts = list(accumulate(counts, initial=0))
    found = {}
    for pid in wanted:
        i = bisect_left(prospects, pid)
        if i < len(prospects) and prospects[i] == pid:
            codes = set(keys[starts[i] : starts[i + 1]])
            found[pid] = {(ord(code) - CODE_BASE) // _MEMBER for code in codes}
    return found


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
# (e, flags) are computed once per row, not once per mention in the CASEs.
_ONCE = "LIMIT -1"


def _zones(db: Reading) -> tuple[bytes, list[str]]:
    """Where each prospect's phone rings, for SQL without a join: byte `id` of the
    map is 48 + the number of their zone in the list (zones most prospects ring
    in first, so the SQL CASE finds them soonest), 127 when unknown."""
    pair_of: dict[tuple[str, str], int] = {}  # each (timezone, phone_zones) met: its number
    prospect_pairs = array("q")  # id, pair number, id, pair number, ...
    for pid, timezone, phone_zones in db.execute(  # not held as rows: 100,000 tuples
        "SELECT id, coalesce(timezone, ''), coalesce(phone_zones, '') FROM prospects"
    ):
        pair = pair_of.setdefault((timezone, phone_zones), len(pair_of))
        prospect_pairs.extend((pid, pair))
    pair_zones = [
        zone if zone and _loadable(zone) else None
        for zone in (
            zone_of(Prospect(0, "", timezone=tz or None, phone_zones=zones_from_text(pz)))
            for tz, pz in pair_of
        )
    ]
    prospects: Counter[str] = Counter()
    for pair in prospect_pairs[1::2]:
        zone = pair_zones[pair]
        if zone is not None:
            prospects[zone] += 1
    zones = [zone for zone, _ in prospects.most_common(_UNKNOWN_BYTE - 48)]
    number = {zone: 48 + n for n, zone in enumerate(zones)}
    codes = [number.get(zone, _UNKNOWN_BYTE) if zone else _UNKNOWN_BYTE for zone in pair_zones]
    ids = prospect_pairs[0::2]
    zone_map = bytearray([_UNKNOWN_BYTE]) * (max(ids, default=0) + 1)
    for pid, pair in zip(ids, prospect_pairs[1::2], strict=True):
        zone_map[pid] = codes[pair]
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


class _Days:
    """The rep's days in the window, as integer arithmetic on Unix times in SQL.

    A day's number counts from the window's first day; the zone's UTC offsets over
    the window are written into the SQL as ranges, so a day is right on both sides
    of a DST change.
    """

    def __init__(self, rep_zone: str, window: tuple[int, int]) -> None:
        start = window[0]
        self.window = window
        self.first = (start + utc_offsets(rep_zone, start, start)[0][1]) // 86_400
        self._offset = _offset_sql(utc_offsets(rep_zone, *window), "e")
        end = window[1]
        last = (end + utc_offsets(rep_zone, end, end)[0][1]) // 86_400
        self.span = max(last - self.first + 3, 1) * 32
        """Day keys a group walk gives each member: the window's days and one either side."""

    def key(self, flags: str = "flags") -> str:
        """SQL: the touch's day number * 32 + its flags (of `_FLAGS`, as `flags`)."""
        return f"(((e + {self._offset}) / 86400 - {self.first}) * 32 + {flags})"

    def tallies(self, codes: Counter[str], talk: Counter[int]) -> list[DayTally]:
        """DayTally from day codes (chr(_DAY_BASE + key)) counted and talk time per key."""
        days = []
        for code, n in codes.items():
            key = ord(code) - _DAY_BASE
            day_number, flags = divmod(key, 32)
            day = date.fromordinal(_EPOCH_ORDINAL + self.first + day_number)
            days.append(DayTally(day, flags, n, talk[key]))
        return days


def _scan(
    db: Reading, days: _Days, zone_map_and_zones: tuple[bytes, list[str]]
) -> tuple[str, str, array[int]]:
    """One walk of idx_touches_history: every prospect's touches in time order, with
    what the numbers read of them (no sort, no table row). Three characters per
    touch, for Python to count: its code in the prospect's history, for
    `domain.stats.tally_histories`; its day and kind (`_Days.key`, _NONE out of
    the window); and, for a dial in the window, its hour of the week on the
    prospect's clock (else _NONE). Then the talk time of each conversation in
    the window, "day key seconds", spaced; and each prospect's count of touches,
    to cut the codes by (id, count, id, count, ...), read in the same transaction
    so they agree. (One rep's, or a group's: `_Common._group_scan`.)

    GROUP BY would sort a million rows per grouping, and group_concat would see a
    group's rows in any order.
    """
    zone_map, zones = zone_map_and_zones
    db.execute("SAVEPOINT followup_stats")
    try:
        sql = _walk_sql(days, zones, None)
        codes, talk = db.execute(sql, [zone_map, *days.window]).fetchone()
        counts = db.execute(
            "SELECT prospect_id, count(*) FROM touches GROUP BY prospect_id ORDER BY prospect_id"
        )
        by_prospect = array("q", chain.from_iterable(counts))  # never a list of 100,000 rows
    finally:
        db.execute("RELEASE followup_stats")
    return codes or "", talk or "", by_prospect


def _walk_sql(days: _Days, zones: list[str], reps: int | None) -> str:
    """`_scan_sql` filled in, for every touch (`reps` None) or a group of `reps` reps:
    parameters ?1 the zone map (`_zones`), ?2 and ?3 the window, ?4 the member map
    (`_member_map`). A member's touches carry their number n in `flags` (n *
    _MEMBER), which their history code keeps; their day key (in day codes and talk
    time) and their hour are moved by n - 1 member spans (`_Days.span`, _HOUR_SPAN)
    and a shift, so each member's are apart and Python splits them (`_by_member`)."""
    window = days.window
    # The zone's byte, prospect_id of the map (past its end: none), looked up for
    # dials only, once, and compared as it is: a CASE with no ELSE is NULL when unknown.
    offsets = " ".join(
        f"WHEN x'{48 + n:02x}' THEN {_offset_sql(utc_offsets(zone, *window), 'e')}"
        for n, zone in enumerate(zones)
    )
    # Unix time 0 was a Thursday, 72 hours into its Monday-first week.
    hour = (
        f"coalesce(((e + CASE substr(?1, prospect_id + 1, 1) {offsets} END) / 3600 + 72)"
        f" % 168 * 2, {_UNKNOWN_ZONE})"
        if zones
        else str(_UNKNOWN_ZONE)
    )
    in_window = "coalesce(e BETWEEN ?2 AND ?3, 0)"
    dial = f"flags & {CALL_FLAG | LOGGED_FLAG} = {CALL_FLAG | LOGGED_FLAG}"
    connected = f"(flags & {CONVERSATION_FLAG} != 0)"
    key, theirs = days.key(), ""
    if reps is not None:  # each member's days and hours apart; no talk for the others'
        member = f"(flags / {_MEMBER} - 1)"
        key = f"({member} * {days.span} + {_DAY_SHIFT} + {days.key(f'(flags & {_MEMBER - 1})')})"
        hour = f"{member} * {_HOUR_SPAN} + {_UNKNOWN_ZONE} + {hour}"
        theirs = "flags >= 0 AND "
    return _scan_sql(None if reps is None else 4, reps or 1).format(
        codes=f"char({CODE_BASE} + (flags | {in_window} * {IN_WINDOW_FLAG}),"
        f" CASE WHEN {in_window} THEN {_DAY_BASE} + {key} ELSE {ord(_NONE)} END,"
        f" CASE WHEN {dial} AND {in_window} THEN {_HOUR_BASE} + {hour} + {connected}"
        f" ELSE {ord(_NONE)} END)",
        talk=f"CASE WHEN {theirs}flags & {CONVERSATION_FLAG} AND duration_s"
        f" AND {in_window} THEN {key} || ' ' || duration_s END",
        where="",
    )


_MINE = "substr(?{}, id + 1, 1) = x'01'"  # SQL: the touch map (parameter n) marks the touch


def _theirs(parameter: int, with_calls: bool = False) -> str:
    """SQL: the touch is one a touch map (parameter number `parameter`) marks;
    `with_calls`: or a call to a prospect the next parameter's map marks. The scans
    no longer filter (a group's walk reads every touch); the plan tests still put
    this filter in them."""
    where = f"WHERE {_MINE.format(parameter)}"
    if with_calls:
        where += (
            f" OR (channel = {_literal(_CALL)}"
            f" AND substr(?{parameter + 1}, prospect_id + 1, 1) = x'01')"
        )
    return where


_NONE = " "  # the day code out of the window, the hour code of anything but a dial there
# A group walk's day keys are shifted a day up (a touch in the window may lie on the
# day before its first or after its last, when a DST change crosses midnight) and
# its hours by _UNKNOWN_ZONE (SQL's % is negative before 1970), so that no member's
# run into the next member's span.
_DAY_SHIFT = 32
_HOUR_SPAN = 2 * _UNKNOWN_ZONE + 2
# The codes of a touch none of a group's reps made: to each of them, a touch never
# logged and with no time, a call or not, which only takes its place among the
# prospect's calls (a call's attempt number counts every call to the prospect).
_OTHERS_CALL = chr(CODE_BASE + CALL_FLAG) + _NONE + _NONE
_OTHERS_TOUCH = chr(CODE_BASE) + _NONE + _NONE


# Time order is text order: every moment is stored as `clock.to_iso` writes it.
# idx_touches_history (m009) holds these columns in this order, so SQLite walks it
# and never sorts; the tests check the plan. The subquery's LIMIT keeps it from
# being flattened, so e and flags are computed once per row, not once per mention.
def _scan_sql(mine: int | None = None, reps: int = 1) -> str:
    """The scan, {codes}, {talk} and {where} to fill in. `mine`: the parameter number
    of a member map (`_member_map`) of `reps` reps: their touches' flags gain their
    number * _MEMBER; every other touch has flags -1 (a call) or -2, and the codes
    _OTHERS_CALL or _OTHERS_TOUCH, cheap to write (no flags to work out, no day, no
    hour, no talk time: {talk} must be NULL for flags below 0)."""
    flags, codes = _FLAGS, "{codes}"
    if mine is not None:
        numbers = " ".join(
            f"WHEN x'{n:02x}' THEN {_FLAGS} + {n * _MEMBER}" for n in range(1, reps + 1)
        )
        flags = (
            f"CASE substr(?{mine}, id + 1, 1) {numbers} ELSE (channel = {_literal(_CALL)}) - 2 END"
        )
        codes = (
            "CASE WHEN flags >= 0 THEN {codes}"
            f" WHEN flags = -1 THEN '{_OTHERS_CALL}' ELSE '{_OTHERS_TOUCH}' END"
        )
    return (
        f"SELECT group_concat({codes}, ''), group_concat({{talk}}, ' ')"
        # Talk time runs from the connection (talk_s); older touches kept their length.
        " FROM (SELECT prospect_id, coalesce(talk_s, duration_s) AS duration_s,"
        f"  {_EPOCH} AS e, {flags} AS flags FROM touches {{where}}"
        f"  ORDER BY prospect_id, started_at, id {_ONCE})"
    )


SCAN_SQL = _scan_sql()


def _talk_by_key(talk: str) -> Counter[int]:
    """Seconds per day key from "key seconds key seconds ...", read a slice at a time
    (one list of every number would cost more memory than the rest of the stats)."""
    by_key: Counter[int] = Counter()
    numbers = iter(_spaced_ints(talk))
    for key, seconds in zip(numbers, numbers, strict=True):
        by_key[key] += seconds
    return by_key


def _spaced_ints(text: str, step: int = 1 << 16) -> Iterator[int]:
    start = 0
    while start < len(text):
        end = text.find(" ", start + step)
        end = len(text) if end < 0 else end
        yield from map(int, text[start:end].split())
        start = end + 1


def _hour_tallies(codes: Counter[str]) -> list[HourTally]:
    hours = []
    for code, n in codes.items():
        number = ord(code) - _HOUR_BASE
        how = None if number >= _UNKNOWN_ZONE else number // 2
        hours.append(
            HourTally(how, bool(number % 2) if how is not None else bool(number - _UNKNOWN_ZONE), n)
        )
    return hours


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


def _touch_rows(
    db: Reading, rep: str | None, calls_to_theirs: bool = False
) -> list[tuple[str | None, TouchFact]]:
    """(rep, touch) for every touch, or `rep`'s; with `calls_to_theirs`, also every
    other call to a prospect `rep` touched (whose attempt numbers they shift)."""
    where, params = (" WHERE rep = ?", [rep]) if rep is not None else ("", [])
    if rep is not None and calls_to_theirs:
        where = (
            f" WHERE rep = ? OR (channel = {_literal(_CALL)}"
            " AND prospect_id IN (SELECT prospect_id FROM touches WHERE rep = ?))"
        )
        params = [rep, rep]
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
        )  # row by row: a list of every row first would cost as much again
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
