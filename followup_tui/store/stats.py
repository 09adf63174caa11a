"""Reading the facts the rep's numbers are computed from (domain/stats.py decides)."""

from __future__ import annotations

from datetime import date, datetime

from sqlite_utils import Database

from followup_tui.domain.clock import from_iso
from followup_tui.domain.local_time import zone_of
from followup_tui.domain.models import Prospect
from followup_tui.domain.stats import ProspectFact, Stats, TouchFact, rep_numbers
from followup_tui.store.rows import TOUCH_COUNT, zones_from_text


def stats_for(db: Database, now: datetime, rep_zone: str, since: date | None = None) -> Stats:
    """The rep's numbers from `since` (a day in the rep's zone; None: all history) to `now`."""
    return rep_numbers(touch_facts(db), prospect_facts(db), now, rep_zone, since)


def touch_facts(db: Database) -> list[TouchFact]:
    """Every touch, the whole history (attempt numbers need what came before any window)."""
    return [
        TouchFact(
            prospect_id=row[1],
            channel=row[2],
            outcome=row[3],
            started_at=_instant(row[4]),
            duration_s=row[5],
            decision_maker=bool(row[6]),
            touch_id=row[0],
        )
        for row in db.execute(
            "SELECT id, prospect_id, channel, outcome, started_at, duration_s, decision_maker"
            " FROM touches"  # in no order: the domain sorts what needs an order
        ).fetchall()
    ]


def prospect_facts(db: Database) -> list[ProspectFact]:
    """Every prospect with their zone, kinds of warm signal and logged touches."""
    rows = db.execute(
        "SELECT p.id, p.name, p.company, p.status, p.timezone, p.phone_zones, p.next_touch_at,"
        " (SELECT count(DISTINCT s.kind) FROM signals s WHERE s.prospect_id = p.id),"
        f" {TOUCH_COUNT}"
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
