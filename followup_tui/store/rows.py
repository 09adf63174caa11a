"""Turning SQLite rows into the domain's dataclasses, in one place."""

from __future__ import annotations

from typing import Any

from followup_tui.domain.clock import from_iso
from followup_tui.domain.models import Prospect, Research, Signal, Touch

PROSPECT_COLUMNS = (
    "p.id, p.name, p.title, p.company, p.email, p.phone_raw, p.phone_e164, p.phone_ext, "
    "p.phone_problem, p.phone_bad, p.timezone, p.phone_zones, p.status, p.do_not_call, "
    "p.next_touch_at, p.next_touch_is_callback, p.revisit_at, p.source, p.cadence, p.cadence_step"
)
TOUCH_COUNT = (
    "(SELECT count(*) FROM touches t WHERE t.prospect_id = p.id AND t.outcome IS NOT NULL)"
    " AS touch_count"
)


def _moment(text: str | None):
    return from_iso(text) if text else None


def zones_from_text(text: str | None) -> tuple[str, ...]:
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
