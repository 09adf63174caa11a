"""`followup agenda --ics`: planned touches and callbacks as calendar events."""

from __future__ import annotations

from collections import Counter

import icalendar

from followup_tui.domain.clock import from_iso
from followup_tui.intake.agenda import agenda_calendar, event_uid, kinds_text, write_agenda
from followup_tui.store.prospects import reschedule
from tests.conftest import NOW, REP_ZONE


def _events(db, days=14, now=NOW):
    calendar, kinds = agenda_calendar(db, now, REP_ZONE, days)
    parsed = icalendar.Calendar.from_ical(calendar.to_ical())
    events = {str(e["uid"]): e for e in parsed.walk("VEVENT")}
    assert len(events) == kinds.total()
    titles = Counter(str(e["summary"]).split(":")[0] for e in events.values())
    assert titles == kinds  # counted by what each event is, not all as calls
    return events


def _expected_ids(db, days=14):
    start = "2026-11-23T05:00:00Z"  # midnight in New York, the rep's zone
    end = NOW.add(days=days).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        row[0]
        for row in db.execute(
            "SELECT id FROM prospects WHERE status = 'active' AND do_not_call = 0"
            " AND next_touch_at >= ? AND next_touch_at <= ?",
            [start, end],
        )
    }


def test_one_event_per_planned_touch_in_the_window_never_do_not_call(sample_db, frozen):
    events = _events(sample_db)
    expected = _expected_ids(sample_db)
    assert expected and set(events) == {event_uid(i) for i in expected}
    dnc = [r[0] for r in sample_db.execute("SELECT id FROM prospects WHERE do_not_call = 1")]
    assert dnc and not {event_uid(i) for i in dnc} & set(events)
    assert len(_events(sample_db, days=1)) < len(events)


def test_an_event_says_who_what_number_why_and_when_in_both_zones(sample_db, frozen):
    row = next(
        sample_db.query(
            "SELECT p.*, r.reason_to_call FROM prospects p JOIN research r ON r.prospect_id = p.id"
            " WHERE p.status = 'active' AND p.do_not_call = 0 AND r.reason_to_call != ''"
            " AND p.phone_zones LIKE 'America/Chicago%' AND p.timezone IS NULL"
            " ORDER BY p.id LIMIT 1"
        )
    )
    when = NOW.add(days=2).set(hour=15, minute=0)  # 10:00 in New York, 09:00 in Chicago
    reschedule(sample_db, row["id"], when, NOW, promised=True)
    event = _events(sample_db)[event_uid(row["id"])]
    assert str(event["summary"]) == f"Callback: {row['name']} ({row['company']})"
    assert event.decoded("dtstart") == when
    description = str(event["description"])
    assert row["reason_to_call"] in description
    assert "Your time: Wed 25 Nov 10:00 EST (America/New_York)" in description
    assert "Their time: Wed 25 Nov 09:00 CST (America/Chicago)" in description
    assert str(event["location"]).startswith("(")  # a US number, written for a US rep
    assert str(event["url"]) == f"tel:{row['phone_e164']}"


def test_uids_are_stable_so_a_subscribed_calendar_moves_the_event(sample_db, frozen):
    first = _events(sample_db)
    uid = next(iter(first))
    prospect_id = int(uid.split("-")[1])
    later = from_iso(
        sample_db.execute(
            "SELECT next_touch_at FROM prospects WHERE id = ?", [prospect_id]
        ).fetchone()[0]
    ).add(days=1)
    reschedule(sample_db, prospect_id, later, NOW)
    second = _events(sample_db)
    assert set(second) == set(first)
    assert second[uid].decoded("dtstart") == later


def test_agenda_file_is_written_whole(sample_db, frozen, tmp_path):
    calendar, kinds = agenda_calendar(sample_db, NOW, REP_ZONE, 14)
    folder = tmp_path / "calendar"
    folder.mkdir()
    target = folder / "calls.ics"
    write_agenda(target, calendar)
    parsed = icalendar.Calendar.from_ical(target.read_bytes())
    assert len(parsed.walk("VEVENT")) == kinds.total()
    assert str(parsed["prodid"]).startswith("-//followup-tui//")
    assert [p.name for p in folder.iterdir()] == ["calls.ics"]  # no temporary file left


def test_each_event_is_titled_by_its_step_channel(sample_db, frozen):
    row = next(
        sample_db.query(
            "SELECT * FROM prospects WHERE status = 'active' AND do_not_call = 0"
            " AND next_touch_is_callback = 0 AND company != '' ORDER BY id LIMIT 1"
        )
    )
    reschedule(sample_db, row["id"], NOW.add(days=2), NOW)
    who = f"{row['name']} ({row['company']})"
    # The built-in cadence: call, email, call + voicemail, call, email, call + VM, LinkedIn.
    for step, title in ((0, "Call"), (1, "Email"), (2, "Call"), (6, "LinkedIn")):
        sample_db.execute("UPDATE prospects SET cadence_step = ? WHERE id = ?", [step, row["id"]])
        event = _events(sample_db)[event_uid(row["id"])]
        assert str(event["summary"]) == f"{title}: {who}", step
        assert str(event["description"]).startswith(f"{title}: {row['name']}")
        assert [str(c) for c in event["categories"].cats] == [title]
    reschedule(sample_db, row["id"], NOW.add(days=2), NOW, promised=True)  # a callback: a call
    assert str(_events(sample_db)[event_uid(row["id"])]["summary"]) == f"Callback: {who}"


def test_kinds_text_counts_each_kind_in_words():
    kinds = Counter({"Call": 66, "Email": 29, "Meeting": 1, "LinkedIn": 2, "Callback": 1})
    assert kinds_text(kinds) == "66 calls, 29 emails, 2 LinkedIn touches, 1 meeting, 1 callback"
    assert kinds_text(Counter()) == ""
