"""`followup agenda --ics`: the planned touches and promised callbacks as a calendar.

One event per active prospect with a next touch in the coming days (from the
start of the rep's today, so this morning's missed ones still show), never a
do-not-call. Each is titled by what the touch is: Call, Callback, Email,
LinkedIn, Letter or Text, as the prospect's cadence step says. Each event's
UID is the prospect's, so a calendar subscribed to the file moves the event
when the touch is rescheduled instead of adding a second one; a prospect that
leaves the window drops out of the file.

A booked meeting is an event of its own (`m`, or "meeting booked" after a
connect), at its time, with the time in both zones, the rep's and the prospect's,
in its description.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path

from icalendar import Calendar, Event
from pendulum import DateTime

from followup_tui.domain.clock import from_iso, to_iso
from followup_tui.domain.display import plural
from followup_tui.domain.local_time import zone_of
from followup_tui.domain.models import Prospect, Touch
from followup_tui.domain.phones import format_phone
from followup_tui.domain.policy import Policy
from followup_tui.domain.queue import current_step
from followup_tui.store.intake import booked_meetings, planned_touches

EVENT_MINUTES = 15
MEETING_MINUTES = 30
PRODID = "-//followup-tui//call agenda//EN"
UID_DOMAIN = "followup-tui"
EVENT_KINDS = {
    "call": "Call",
    "call_vm": "Call",
    "email": "Email",
    "linkedin": "LinkedIn",
    "letter": "Letter",
    "text": "Text",
}
"""An event's title word by the step's channel (a call that may end in a voicemail is a call)."""
KIND_NOUNS = {"LinkedIn": ("LinkedIn touch", "LinkedIn touches")}
"""How an event's kind is counted in words, where its title word lower-cased is not it."""


def event_uid(prospect_id: int) -> str:
    """The same for a prospect's next touch whenever it is planned."""
    return f"prospect-{prospect_id}-next-touch@{UID_DOMAIN}"


def moment_text(moment: DateTime, zone: str) -> str:
    """'Mon 23 Nov 09:30 EST (America/New_York)'."""
    return f"{moment.in_tz(zone).format('ddd D MMM HH:mm zz')} ({zone})"


def agenda_calendar(
    db,
    now: DateTime,
    rep_zone: str,
    days: int = 14,
    home_region: str = "US",
    policy: Policy | None = None,
) -> tuple[Calendar, Counter[str]]:
    """The calendar and how many events of each kind it holds ('Call', 'Email',
    'Meeting'...: the events' title words); `policy` gives the cadences that say
    which channel each touch is on."""
    policy = policy or Policy()
    start = now.in_tz(rep_zone).start_of("day")
    end = now.add(days=days)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "followup: calls")
    calendar.add("x-wr-timezone", rep_zone)
    kinds: Counter[str] = Counter()
    for prospect, reason, updated_at in planned_touches(db, to_iso(start), to_iso(end)):
        what = event_kind(prospect, policy)
        kinds[what] += 1
        calendar.add_component(
            _event(prospect, what, reason, updated_at, now, rep_zone, home_region)
        )
    for prospect, touch in booked_meetings(db, to_iso(start), to_iso(end)):
        kinds["Meeting"] += 1
        calendar.add_component(_meeting_event(prospect, touch, now, rep_zone, home_region))
    return calendar, kinds


def kinds_text(kinds: Counter[str]) -> str:
    """'60 calls, 6 callbacks, 29 emails, 1 meeting', the most common kind first
    ('' for none): what an agenda holds, where '96 calls' was a third emails."""
    return ", ".join(
        plural(count, *KIND_NOUNS.get(kind, (kind.lower(), kind.lower() + "s")))
        for kind, count in kinds.most_common()
    )


def event_kind(prospect: Prospect, policy: Policy) -> str:
    """What the touch is, as the event's title begins: 'Call', 'Callback', 'Email',
    'LinkedIn', 'Letter', 'Text'. A promised callback is a call whatever the cadence."""
    if prospect.next_touch_is_callback:
        return "Callback"
    step = current_step(prospect, policy)
    return EVENT_KINDS.get(step.channel, step.channel.title()) if step else "Call"


def _event(
    prospect: Prospect,
    what: str,
    reason: str,
    updated_at: str,
    now: DateTime,
    rep_zone: str,
    home: str,
) -> Event:
    assert prospect.next_touch_at is not None
    at = prospect.next_touch_at
    phone = format_phone(prospect.phone_e164, prospect.phone_ext, home) or prospect.phone_raw
    who = f"{prospect.name} ({prospect.company})" if prospect.company else prospect.name
    their_zone = zone_of(prospect)
    wrong = " (marked wrong: find a new one)" if prospect.phone_bad else ""
    lines = [
        f"{what}: {prospect.name}" + (f", {prospect.title}" if prospect.title else ""),
        f"Phone: {phone or 'none'}{wrong}",
        *([f"Email address: {prospect.email}"] if what == "Email" and prospect.email else []),
        f"Reason to call: {reason or 'not written yet'}",
        f"Your time: {moment_text(at, rep_zone)}",
        "Their time: "
        + (moment_text(at, their_zone) if their_zone else "unknown (no zone for this number)"),
    ]
    if prospect.next_touch_is_callback:
        lines.append("Promised: they expect this call at this time.")
    event = Event()
    event.add("uid", event_uid(prospect.id))
    event.add("dtstamp", now)
    event.add("last-modified", from_iso(updated_at))
    event.add("dtstart", at)
    event.add("dtend", at.add(minutes=EVENT_MINUTES))
    event.add("summary", f"{what}: {who}")
    event.add("description", "\n".join(lines))
    event.add("categories", [what])
    if phone:
        event.add("location", phone)
    if prospect.phone_e164:
        ext = f";ext={prospect.phone_ext}" if prospect.phone_ext else ""
        event.add("url", f"tel:{prospect.phone_e164}{ext}")
    return event


def meeting_uid(touch_id: int) -> str:
    """One per booked meeting: the touch that booked it."""
    return f"meeting-{touch_id}@{UID_DOMAIN}"


def _meeting_event(
    prospect: Prospect, touch: Touch, now: DateTime, rep_zone: str, home: str
) -> Event:
    assert touch.meeting_at is not None
    at = touch.meeting_at
    phone = format_phone(prospect.phone_e164, prospect.phone_ext, home) or prospect.phone_raw
    who = f"{prospect.name} ({prospect.company})" if prospect.company else prospect.name
    their_zone = zone_of(prospect)
    lines = [
        f"Meeting: {prospect.name}" + (f", {prospect.title}" if prospect.title else ""),
        f"Phone: {phone or 'none'}",
        *([f"Email address: {prospect.email}"] if prospect.email else []),
        f"Your time: {moment_text(at, rep_zone)}",
        "Their time: "
        + (moment_text(at, their_zone) if their_zone else "unknown (no zone for this number)"),
        *([f"Booked: {touch.notes}"] if touch.notes else []),
    ]
    event = Event()
    event.add("uid", meeting_uid(touch.id))
    event.add("dtstamp", now)
    event.add("dtstart", at)
    event.add("dtend", at.add(minutes=MEETING_MINUTES))
    event.add("summary", f"Meeting: {who}")
    event.add("description", "\n".join(lines))
    event.add("categories", ["Meeting"])
    if phone:
        event.add("location", phone)
    return event


def write_agenda(path: Path, calendar: Calendar) -> None:
    """Replace `path` whole, so a calendar reading it never sees half a file."""
    target = path.expanduser()
    handle, temp = tempfile.mkstemp(prefix=".agenda-", suffix=".ics", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(calendar.to_ical())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
