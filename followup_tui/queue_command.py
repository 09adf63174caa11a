"""`followup queue`: the call queue the app would show, as aligned text or JSON."""

from __future__ import annotations

import gc
import json
from datetime import datetime
from json.encoder import encode_basestring_ascii
from typing import TYPE_CHECKING

import click
import pendulum
from pendulum import DateTime

from followup_tui.domain import clock
from followup_tui.domain.display import due_text
from followup_tui.domain.local_time import short_time, zone_of
from followup_tui.domain.models import Prospect
from followup_tui.domain.phones import format_phone
from followup_tui.domain.queue import QueueEntry, held_text
from followup_tui.store.prospects import queue_now
from followup_tui.store.team import not_mine, without
from followup_tui.text_table import WHOLE, aligned, terminal_width

if TYPE_CHECKING:  # cli.py loads this module when the command runs
    from followup_tui.cli import Session


@click.command("queue")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@click.option("--held", is_flag=True, help="Those held back (outside hours, caps, no number).")
@click.pass_obj
def queue_command(session: Session, fmt: str, limit: int | None, held: bool) -> None:
    """Print the call queue the app would show, in the same order."""
    # Collecting the tens of thousands of queue objects again and again while they are
    # built costs a third of the run, and none of them is garbage until it ends.
    collecting = gc.isenabled()
    gc.disable()
    try:
        print_queue(session, fmt, limit, held)
    finally:
        if collecting:
            gc.enable()


def print_queue(session: Session, fmt: str, limit: int | None, held: bool) -> None:
    now = clock.now()
    policy = session.policy  # a broken rules file is reported before the database is opened
    reader = session.reader()
    built = queue_now(reader, now, policy)
    built = without(built, not_mine(reader, session.rep))  # as the app shows it to this rep
    entries = (built.held if held else built.ready)[:limit]
    records = QueueRecords(now, session.rep_zone)
    if fmt == "json":
        click.echo(records.json(entries))
        return
    if not entries:
        click.echo("Nobody is held back." if held else "Nobody is due right now.")
        return
    header = ("ID", "NAME", "COMPANY", "PHONE", "THEIR TIME", "TOUCHES", "NEXT", "DUE")
    rows: list[tuple[str, ...]] = [
        (
            str(e.prospect.id),
            e.prospect.name,
            e.prospect.company,
            format_phone(e.prospect.phone_e164, e.prospect.phone_ext, session.settings.region)
            or e.prospect.phone_raw,
            records.their_short_time(e.prospect),
            str(e.prospect.touch_count),
            step_text(e),
            records.held_text(e) if held else due_label(e, now),
        )
        for e in entries
    ]
    if held:
        header = (*header[:-1], "HELD")
    # Fitted to the terminal, the names, companies and steps give way first; the
    # number, the times and the count stay whole, and a hold keeps its reason.
    keep = {0: WHOLE, 3: WHOLE, 4: WHOLE, 5: WHOLE, 7: 30 if held else WHOLE}
    click.echo(aligned(header, rows, max_width=52 if held else 32, fit=terminal_width(),
                       keep=keep))  # fmt: skip


def due_label(entry: QueueEntry, now: DateTime) -> str:
    if entry.callback:
        return "callback"
    if entry.revisit:
        return "revisit"
    return due_text(entry.due_at, now)


def step_text(entry: QueueEntry) -> str:
    return entry.step.label if entry.step else "last touch"


class QueueRecords:
    """Queue entries as records and cells, with what they share computed once: the
    time now in each zone (a few dozen) rather than once per row (tens of thousands)."""

    def __init__(self, now: DateTime, rep_zone: str) -> None:
        self.now = now
        self.rep_zone = rep_zone
        self._local: dict[str | None, DateTime | None] = {}
        self._local_text: dict[str | None, str | None] = {}
        self._held: dict[tuple[int, str | None], str] = {}

    def _local_now(self, zone: str | None) -> DateTime | None:
        try:
            return self._local[zone]
        except KeyError:
            local = self._local[zone] = self.now.in_tz(clock.zone(zone)) if zone else None
            return local

    def _local_text_now(self, zone: str | None) -> str | None:
        try:
            return self._local_text[zone]
        except KeyError:
            local = self._local_now(zone)
            text = local.replace(microsecond=0).isoformat() if local else None
            self._local_text[zone] = text
            return text

    def their_short_time(self, prospect: Prospect) -> str:
        return short_time(self._local_now(zone_of(prospect)))

    def held_text(self, entry: QueueEntry) -> str:
        key = (id(entry.hold), zone_of(entry.prospect))  # holds are shared by zone and rule
        try:
            return self._held[key]
        except KeyError:
            text = self._held[key] = held_text(entry, self.rep_zone, self.now)
            return text

    def record(self, entry: QueueEntry) -> dict[str, object]:
        """One queue entry for scripts; field names match the prospects table."""
        prospect = entry.prospect
        zone = zone_of(prospect)
        record: dict[str, object] = {
            "id": prospect.id,
            "name": prospect.name,
            "title": prospect.title,
            "company": prospect.company,
            "phone_e164": prospect.phone_e164,
            "phone_ext": prospect.phone_ext,
            "timezone": zone,
            "local_time": self._local_text_now(zone),
            "next_touch_at": utc_text(prospect.next_touch_at) if prospect.next_touch_at else None,
            "next_touch_is_callback": prospect.next_touch_is_callback,
            "touch_count": prospect.touch_count,
            "status": prospect.status,
            "next_step": entry.step.channel if entry.step else None,
            "warm_score": entry.warm,
            "sales_ready": entry.sales_ready,
        }
        if entry.hold is not None:
            record["held_reason"] = self.held_text(entry)
            record["opens_at"] = utc_text(entry.hold.opens_at) if entry.hold.opens_at else None
        return record

    def json(self, entries: list[QueueEntry]) -> str:
        """`json_text` of the entries' records, written straight from the entries: the
        same text (a test compares them) without a dict per row."""
        if not entries:
            return "[]"
        text = encode_basestring_ascii
        parts = []
        for entry in entries:
            p = entry.prospect
            zone = zone_of(p)
            local = self._local_text_now(zone)
            touch_at = utc_text(p.next_touch_at) if p.next_touch_at else None
            step = entry.step.channel if entry.step else None
            row = (
                f'  {{\n    "id": {int(p.id)},\n    "name": {text(p.name)},\n'
                f'    "title": {text(p.title)},\n    "company": {text(p.company)},\n'
                f'    "phone_e164": {_json_str(p.phone_e164)},\n'
                f'    "phone_ext": {_json_str(p.phone_ext)},\n'
                f'    "timezone": {_json_str(zone)},\n    "local_time": {_json_str(local)},\n'
                f'    "next_touch_at": {_json_str(touch_at)},\n'
                f'    "next_touch_is_callback": {_JSON_BOOL[bool(p.next_touch_is_callback)]},\n'
                f'    "touch_count": {int(p.touch_count)},\n    "status": {text(p.status)},\n'
                f'    "next_step": {_json_str(step)},\n    "warm_score": {int(entry.warm)},\n'
                f'    "sales_ready": {_JSON_BOOL[bool(entry.sales_ready)]}'
            )
            if entry.hold is not None:
                opens = utc_text(entry.hold.opens_at) if entry.hold.opens_at else None
                row += (
                    f',\n    "held_reason": {text(self.held_text(entry))},\n'
                    f'    "opens_at": {_json_str(opens)}'
                )
            parts.append(row + "\n  }")
        return "[\n" + ",\n".join(parts) + "\n]"


_JSON_BOOL = {True: "true", False: "false"}


def _json_str(value: str | None) -> str:
    return "null" if value is None else encode_basestring_ascii(value)


def queue_record(entry: QueueEntry, now: DateTime, rep_zone: str) -> dict[str, object]:
    """One queue entry for scripts; field names match the prospects table."""
    return QueueRecords(now, rep_zone).record(entry)


def utc_text(moment: datetime) -> str:
    """clock.to_iso without pendulum's in_tz, which costs 30 us a call."""
    if moment.tzinfo is not pendulum.UTC:  # what the store reads is UTC already
        offset = moment.utcoffset()
        if offset:
            moment = moment - offset
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}Z"
    )


def json_text(records: list[dict[str, object]]) -> str:
    """`json.dumps(records, indent=2)`, the same text, written without the pure-Python
    indenting encoder (which indent= forces, and which costs more than building the
    queue). Records here are flat; anything nested goes through json.dumps."""
    if not records:
        return "[]"
    lines = ["["]
    last = len(records) - 1
    for index, record in enumerate(records):
        lines.append("  {")
        fields = []
        for key, value in record.items():
            if value is None:
                text = "null"
            elif value is True:
                text = "true"
            elif value is False:
                text = "false"
            elif type(value) is str:
                text = encode_basestring_ascii(value)
            elif type(value) is int:
                text = int.__repr__(value)
            else:
                return json.dumps(records, indent=2)
            fields.append(f"    {encode_basestring_ascii(str(key))}: {text}")
        lines.append(",\n".join(fields))
        lines.append("  }," if index < last else "  }")
    lines.append("]")
    return "\n".join(lines)
