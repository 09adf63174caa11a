"""Building the demo database from sample_data/prospects.json.

Times in the sample are relative ("3 days ago at 10:20 their time"), anchored
here to the clock, so the demo always looks like a live Monday-morning queue
whatever day it is run.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pendulum
from pendulum import DateTime

from followup_tui.domain.cadence import PERSISTENT
from followup_tui.domain.clock import is_known_zone, to_iso
from followup_tui.domain.local_time import primary_zone
from followup_tui.domain.models import NewProspect
from followup_tui.domain.phones import parse_phone
from followup_tui.store.db import Database, write_transaction
from followup_tui.store.prospects import insert_prospect
from followup_tui.store.research import add_signal
from followup_tui.store.touches import insert_past_touch, log_do_not_call

SAMPLE_FILE = "prospects.json"
SAMPLE_REVISIT_DAYS = 60


class SampleDataError(ValueError):
    """The sample file is missing or malformed; the message says where."""


def sample_data_path() -> Path:
    """sample_data/prospects.json of the source tree, or its copy inside the wheel."""
    source = Path(__file__).resolve().parents[2] / "sample_data" / SAMPLE_FILE
    if source.is_file():
        return source
    return Path(str(resources.files("followup_tui") / "_sample_data" / SAMPLE_FILE))


def load_sample(db: Database, now: DateTime, path: Path | None = None) -> int:
    """Insert every sample prospect with its history; returns how many. All or nothing."""
    source = path or sample_data_path()
    try:
        records = json.loads(source.read_text(encoding="utf-8"))["prospects"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise SampleDataError(f"cannot read sample data {source}: {err}") from err
    with write_transaction(db):
        for record in records:
            try:
                _load_one(db, record, now)
            except (KeyError, TypeError, ValueError) as err:
                key = record.get("key", "?") if isinstance(record, dict) else "?"
                raise SampleDataError(f"sample prospect {key}: {err}") from err
    return len(records)


def _load_one(db: Database, record: dict[str, Any], now: DateTime) -> None:
    phone = parse_phone(record["phone"], record.get("country") or "US")
    zone = record.get("timezone")
    if zone and not is_known_zone(zone):
        raise ValueError(f"unknown time zone {zone!r}")
    home = zone or primary_zone(phone.zones) or "UTC"
    today = now.in_tz(home).start_of("day")
    research = record.get("research") or {}
    prospect_id = insert_prospect(
        db,
        NewProspect(
            name=record["name"],
            title=record.get("title") or "",
            company=record.get("company") or "",
            email=record.get("email") or "",
            phone_raw=phone.raw,
            phone_e164=phone.e164,
            phone_ext=phone.extension,
            phone_problem=phone.problem,
            phone_zones=phone.zones,
            timezone=zone,
            status=record.get("status") or "active",
            do_not_call=bool(record.get("do_not_call")),
            next_touch_at=_relative(today, record.get("next_touch")),
            revisit_at=_relative(today, record.get("revisit") or _parked_default(record)),
            source=record.get("source") or "",
            # Where each sample prospect stands in the cadence: one step per past touch.
            cadence_step=min(len(record.get("touches") or []), len(PERSISTENT.steps) - 1),
        ),
        now,
    )
    if record.get("do_not_call"):
        log_do_not_call(db, prospect_id, "added", "in the sample data", now)
    if any(research.get(k) for k in ("reason_to_call", "company_facts", "pains_goals", "notes")):
        db.execute(
            "INSERT INTO research (prospect_id, reason_to_call, company_facts, pains_goals,"
            " notes, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            [
                prospect_id,
                research.get("reason_to_call") or "",
                research.get("company_facts") or "",
                research.get("pains_goals") or "",
                research.get("notes") or "",
                to_iso(now),
            ],
        )
    for signal in record.get("signals") or []:
        occurred = today.subtract(days=int(signal["days_ago"])).set(hour=10)
        add_signal(db, prospect_id, signal["kind"], occurred, signal.get("detail") or "")
    for touch in record.get("touches") or []:
        started = _relative(today, {"days": -int(touch["days_ago"]), "time": touch["time"]})
        assert started is not None
        insert_past_touch(
            db,
            prospect_id,
            channel=touch["channel"],
            outcome=touch["outcome"],
            started_at=started,
            duration_s=touch.get("duration_s"),
            notes=touch.get("notes") or "",
            decision_maker=bool(touch.get("decision_maker")),
        )


def _parked_default(record: dict[str, Any]) -> dict[str, Any] | None:
    """A parked sample prospect without a date still gets one: not now is a date."""
    if record.get("status") in ("not_now", "not_interested") and not record.get("do_not_call"):
        return {"days": SAMPLE_REVISIT_DAYS, "time": "09:00"}
    return None


def _relative(today: DateTime, spec: dict[str, Any] | None) -> DateTime | None:
    """{'days': -2, 'time': '09:30'} -> two days before `today`, 09:30 in its zone."""
    if not spec:
        return None
    hour, minute = (int(part) for part in str(spec["time"]).split(":"))
    day = today.add(days=int(spec["days"]))
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=today.timezone)
