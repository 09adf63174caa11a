"""Turning SQLite rows into the domain's records, in one place."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from pendulum import UTC, DateTime

from followup_tui.domain.clock import from_iso
from followup_tui.domain.models import Prospect, Research, Signal, Touch

PROSPECT_COLUMNS = (
    "p.id, p.name, p.title, p.company, p.email, p.phone_raw, p.phone_e164, p.phone_ext, "
    "p.phone_problem, p.phone_bad, p.timezone, p.phone_zones, p.status, p.do_not_call, "
    "p.next_touch_at, p.next_touch_is_callback, p.revisit_at, p.source, p.cadence, p.cadence_step"
)
TOUCH_COUNT = "p.touch_count"
"""Logged touches of the prospect: a column the touches triggers keep right (m004)."""


def moment_from_text(text: str) -> DateTime:
    """A stored UTC timestamp as pendulum's DateTime, built directly: the stdlib reads
    the stored form ten times faster than clock.from_iso, which reads anything else."""
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return from_iso(text)
    if parsed.tzinfo is None or parsed.utcoffset():
        return from_iso(text)
    return DateTime(parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute,
                    parsed.second, parsed.microsecond, tzinfo=UTC)  # fmt: skip


def utc_from_text(text: str) -> datetime:
    """A stored timestamp as a plain aware datetime, for arithmetic only (caps, warmth):
    no pendulum object is needed there."""
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return from_iso(text)
    return parsed if parsed.tzinfo is not None else from_iso(text)


def _moment(text: str | None) -> DateTime | None:
    return moment_from_text(text) if text else None


@lru_cache(maxsize=4096)
def zones_from_text(text: str | None) -> tuple[str, ...]:
    """The zones column as a tuple; one shared tuple per distinct text (a territory has
    a few dozen), which also makes the queue's per-zone caches hit by identity."""
    return tuple(z for z in (text or "").split() if z)


def zones_to_text(zones: tuple[str, ...] | list[str]) -> str:
    return " ".join(zones)


def prospect_from_row(row: dict[str, Any]) -> Prospect:
    return Prospect(
        id=row["id"],
        name=row["name"],
        title=row["title"] or "",
        company=row["company"] or "",
        email=row["email"] or "",
        phone_raw=row["phone_raw"] or "",
        phone_e164=row["phone_e164"],
        phone_ext=row["phone_ext"],
        phone_problem=row["phone_problem"],
        phone_bad=bool(row["phone_bad"]),
        timezone=row["timezone"],
        phone_zones=zones_from_text(row["phone_zones"]),
        status=row["status"],
        do_not_call=bool(row["do_not_call"]),
        next_touch_at=_moment(row["next_touch_at"]),
        next_touch_is_callback=bool(row["next_touch_is_callback"]),
        revisit_at=_moment(row["revisit_at"]),
        source=row["source"] or "",
        touch_count=row.get("touch_count") or 0,
        cadence=row["cadence"],
        cadence_step=row["cadence_step"],
    )


def touch_from_row(row: dict[str, Any]) -> Touch:
    return Touch(
        id=row["id"],
        prospect_id=row["prospect_id"],
        channel=row["channel"],
        outcome=row["outcome"],
        started_at=from_iso(row["started_at"]),
        ended_at=_moment(row["ended_at"]),
        duration_s=row["duration_s"],
        notes=row["notes"] or "",
        decision_maker=bool(row["decision_maker"]),
        connected_at=_moment(row.get("connected_at")),
        talk_s=row.get("talk_s"),
        phone_id=row.get("phone_id"),
        number=row.get("number"),
        meeting_at=_moment(row.get("meeting_at")),
    )


def research_from_row(row: dict[str, Any]) -> Research:
    return Research(
        prospect_id=row["prospect_id"],
        reason_to_call=row["reason_to_call"] or "",
        company_facts=row["company_facts"] or "",
        pains_goals=row["pains_goals"] or "",
        notes=row["notes"] or "",
        updated_at=_moment(row["updated_at"]),
    )


def signal_from_row(row: dict[str, Any]) -> Signal:
    return Signal(
        id=row["id"],
        prospect_id=row["prospect_id"],
        kind=row["kind"],
        occurred_at=from_iso(row["occurred_at"]),
        detail=row["detail"] or "",
    )


def prospect_from_tuple(row: tuple[Any, ...]) -> Prospect:
    """A row of PROSPECT_COLUMNS then TOUCH_COUNT, by position: the queue reads tens of
    thousands, and a sqlite3.Row for each doubles the cost."""
    (pid, name, title, company, email, phone_raw, phone_e164, phone_ext, phone_problem,
     phone_bad, timezone, phone_zones, status, do_not_call, next_touch_at,
     next_touch_is_callback, revisit_at, source, cadence, cadence_step,
     touch_count) = row  # fmt: skip
    return Prospect(
        id=pid,
        name=name,
        title=title or "",
        company=company or "",
        email=email or "",
        phone_raw=phone_raw or "",
        phone_e164=phone_e164,
        phone_ext=phone_ext,
        phone_problem=phone_problem,
        phone_bad=bool(phone_bad),
        timezone=timezone,
        phone_zones=zones_from_text(phone_zones),
        status=status,
        do_not_call=bool(do_not_call),
        next_touch_at=moment_from_text(next_touch_at) if next_touch_at else None,
        next_touch_is_callback=bool(next_touch_is_callback),
        revisit_at=moment_from_text(revisit_at) if revisit_at else None,
        source=source or "",
        touch_count=touch_count or 0,
        cadence=cadence,
        cadence_step=cadence_step,
    )
