"""Reading the facts behind the rep's numbers from a real database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from unittest.mock import patch

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from followup_tui.domain import stats as stats_rules
from followup_tui.domain.models import NewProspect
from followup_tui.domain.stats import rep_numbers
from followup_tui.store import prospects as store
from followup_tui.store.db import open_db, write_transaction
from followup_tui.store.research import add_signal
from followup_tui.store.stats import (
    SCAN_SQL,
    _spaced_ints,
    prospect_facts,
    stats_for,
    touch_facts,
)
from followup_tui.store.touches import insert_past_touch

NOW = pendulum.datetime(2026, 11, 23, 14, 30, tz="UTC")
NY = "America/New_York"


def _add(db, name, **fields):
    return store.insert_prospect(db, NewProspect(name=name, **fields), NOW)


def _touch(db, pid, channel, outcome, started, duration=None, dm=False):
    return insert_past_touch(
        db,
        pid,
        channel=channel,
        outcome=outcome,
        started_at=pendulum.parse(started),
        duration_s=duration,
        decision_maker=dm,
    )


def _small_history(db):
    with write_transaction(db):
        chicago = _add(
            db,
            "Dana [CEO]",
            company="Acme [Holdings]",
            phone_zones=("America/Chicago",),
            next_touch_at=NOW,
        )
        alaska = _add(
            db,
            "Ola Berg",
            phone_zones=("America/Adak", "America/Anchorage"),
            status="not_now",
        )
        chosen = _add(db, "Set By Rep", phone_zones=("America/New_York",), timezone="Europe/Paris")
        unknown = _add(db, "No Zone", status="not_interested")
        for kind in ("webinar", "webinar", "ebook_download"):
            add_signal(db, chicago, kind, NOW.subtract(days=3))
        _touch(db, chicago, "call", "no_answer", "2026-11-16T15:00:00Z", 20)
        _touch(db, chicago, "email", "sent", "2026-11-17T15:00:00Z")
        _touch(db, chicago, "call", "connected", "2026-11-18T15:00:00Z", 240, dm=True)
        _touch(db, alaska, "call", "voicemail", "2026-11-18T19:00:00Z", 35)
        db.execute(  # a dial never logged: no outcome, not a touch in the count
            "INSERT INTO touches (prospect_id, channel, outcome, started_at, created_at)"
            " VALUES (?, 'call', NULL, '2026-11-19T19:00:00Z', '2026-11-19T19:00:00Z')",
            [alaska],
        )
    return chicago, alaska, chosen, unknown


def test_touch_facts_read_every_touch_with_its_fields(db):
    chicago, alaska, _, _ = _small_history(db)
    facts = touch_facts(db)
    assert len(facts) == 5
    connected = next(f for f in facts if f.outcome == "connected")
    assert (connected.prospect_id, connected.channel, connected.duration_s) == (
        chicago,
        "call",
        240,
    )
    assert connected.decision_maker is True
    assert connected.started_at == pendulum.datetime(2026, 11, 18, 15, tz="UTC")
    assert connected.started_at.utcoffset().total_seconds() == 0
    unlogged = next(f for f in facts if f.outcome is None)
    assert unlogged.prospect_id == alaska and not unlogged.is_dial
    assert len({f.touch_id for f in facts}) == 5


def test_prospect_facts_carry_zone_signals_touches_and_schedule(db):
    chicago, alaska, chosen, unknown = _small_history(db)
    facts = {f.prospect_id: f for f in prospect_facts(db)}
    assert facts[chicago].zone == "America/Chicago"
    assert facts[alaska].zone == "America/Anchorage"  # the minor zone is skipped
    assert facts[chosen].zone == "Europe/Paris"  # the rep's choice beats the number's
    assert facts[unknown].zone is None
    assert facts[chicago].signal_count == 2  # kinds, not rows: two webinars are one kind
    assert facts[alaska].signal_count == 0
    assert facts[chicago].touch_count == 3
    assert facts[alaska].touch_count == 1  # the unlogged dial is not a touch
    assert facts[chicago].next_touch_at == NOW
    assert facts[alaska].next_touch_at is None
    assert (facts[chicago].name, facts[chicago].company) == ("Dana [CEO]", "Acme [Holdings]")
    assert facts[unknown].status == "not_interested"


def test_stats_for_is_the_domain_over_the_facts(db):
    _, alaska, chosen, unknown = _small_history(db)
    stats = stats_for(db, NOW, NY)
    assert stats == rep_numbers(touch_facts(db), prospect_facts(db), NOW, NY)
    assert (stats.totals.dials, stats.totals.connects, stats.totals.talk_time_s) == (3, 1, 240)
    hours = {bar.label: bar for bar in stats.best_hours.by_hour}
    assert hours["09"].connects == 1  # 15:00Z is 09:00 in Chicago
    assert hours["10"].dials == 1  # 19:00Z is 10:00 in Anchorage
    # Active with nothing scheduled counts as retired; fewest touches first.
    assert [g.prospect_id for g in stats.give_up.gave_up] == [chosen, unknown, alaska]


def test_stats_for_since_is_a_day_in_the_reps_zone(db):
    _small_history(db)
    # 18 Nov in New York starts at 05:00Z: the connect at 15:00Z and the voicemail count.
    stats = stats_for(db, NOW, NY, since=date(2026, 11, 18))
    assert (stats.totals.dials, stats.totals.connects) == (2, 1)
    assert stats.days[0].start == date(2026, 11, 18)
    # The connect is the chicago prospect's 2nd call, whatever the window.
    assert {bar.label: bar.connects for bar in stats.persistence.attempts}["2"] == 1


def test_stats_for_an_empty_database(db):
    stats = stats_for(db, NOW, NY)
    assert stats.totals.dials == 0 and stats.days == ()
    assert stats.give_up.retired == 0


# -- the SQL path against the plain definition ----------------------------------------------

_ZONES = [
    ("", ""),  # unknown
    ("", "America/New_York"),
    ("", "Europe/London"),
    ("", "Asia/Kathmandu"),  # +05:45, no DST
    ("", "Australia/Adelaide Australia/Perth"),  # +09:30 / +10:30
    ("", "America/Adak America/Anchorage"),  # the minor zone is skipped
    ("Europe/Paris", "America/Chicago"),  # the rep's choice beats the number's
    ("", "Etc/Unknown"),  # what phonenumbers says for unknown numbers
]
_OUTCOMES = [None, "no_answer", "voicemail", "connected", "meeting", "not_interested",
             "wrong_number", "do_not_call", "sent"]  # fmt: skip
_STATUSES = ["active", "active", "not_now", "not_interested", "won", "do_not_call"]
_BASE = 1_774_000_000  # 20 Mar 2026: the history below spans both 2026 DST changes


@st.composite
def _histories(draw):
    prospects = [
        (
            draw(st.sampled_from(_ZONES)),
            draw(st.sampled_from(_STATUSES)),
            draw(st.booleans()),
            draw(st.lists(st.sampled_from(["webinar", "ebook", "visit", "reply"]), max_size=5)),
        )
        for _ in range(draw(st.integers(1, 6)))
    ]
    touches = [
        (
            draw(st.integers(1, len(prospects))),
            draw(st.sampled_from(["call", "call", "email", "linkedin"])),
            draw(st.sampled_from(_OUTCOMES)),
            # Hours apart over 8 months, some in the same second (ties go by id).
            _BASE
            + draw(st.integers(-120 * 24, 130 * 24)) * 3_600
            + draw(st.sampled_from([0, 0, 1, 1_799])),
            draw(st.none() | st.integers(0, 900)),
            draw(st.booleans()),
        )
        for _ in range(draw(st.integers(0, 40)))
    ]
    return prospects, touches


def _load(db, prospects, touches):
    stamp = "2026-01-01T00:00:00Z"
    with write_transaction(db):
        for n, ((timezone, phone_zones), status, scheduled, kinds) in enumerate(prospects, 1):
            db.execute(
                "INSERT INTO prospects (id, name, timezone, phone_zones, status, do_not_call,"
                " next_touch_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)",
                [n, f"P{n}", timezone or None, phone_zones, status,
                 "2026-12-01T15:00:00Z" if scheduled else None, stamp, stamp],
            )  # fmt: skip
            for kind in kinds:
                add_signal(db, n, kind, NOW)
        for pid, channel, outcome, epoch, duration, dm in touches:
            started = datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            db.execute(
                "INSERT INTO touches (prospect_id, channel, outcome, started_at, duration_s,"
                " decision_maker, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [pid, channel, outcome, started, duration, int(dm), started],
            )


def _shared(history, reps, days_back):
    """A random `history` in a fresh database, touch by touch to `reps`; the moment
    its numbers are asked at, and the first day asked for (`days_back` from it)."""
    db = open_db(":memory:")
    _load(db, *history)
    for touch_id, rep in enumerate(reps, 1):
        db.execute("UPDATE touches SET rep = ? WHERE id = ?", [rep, touch_id])
    now = datetime.fromtimestamp(_BASE + 60 * 86_400, UTC)
    since = None if days_back is None else (now + timedelta(days=days_back)).date()
    return db, now, since


@settings(max_examples=80, deadline=None)
@given(
    _histories(),
    st.sampled_from([NY, "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]),
    st.none() | st.integers(-130, 130),
    st.sampled_from([1, 2, 5, stats_rules.HISTORY_BLOCK]),
)
def test_stats_for_counts_in_sql_what_the_definitions_say(history, rep_zone, days_back, block):
    """Random histories across DST changes, half-hour zones, ties and `since` windows,
    the prospects' histories tallied in blocks of any size."""
    db = open_db(":memory:")
    _load(db, *history)
    now = datetime.fromtimestamp(_BASE + 60 * 86_400, UTC)  # some touches lie after now
    since = None if days_back is None else (now + timedelta(days=days_back)).date()
    if since is not None and since > now.date():
        since = now.date()
    expected = rep_numbers(touch_facts(db), _known_zones(prospect_facts(db)), now, rep_zone, since)
    with patch.object(stats_rules, "HISTORY_BLOCK", block):
        assert stats_for(db, now, rep_zone, since) == expected


def _known_zones(facts):
    """The plain definition raises on a zone tzdata does not know; the SQL path counts
    it as unknown."""
    return [replace(f, zone=None) if f.zone == "Etc/Unknown" else f for f in facts]


def test_days_and_hours_are_right_on_both_sides_of_a_dst_change(db):
    with write_transaction(db):
        london = _add(db, "London", phone_zones=("Europe/London",))
        # 8 Mar 2026: New York springs forward at 07:00Z. 04:30Z is 23:30 on 7 Mar
        # (EST); on 9 Mar 03:30Z is 23:30 on 8 Mar (EDT).
        _touch(db, london, "call", "no_answer", "2026-03-08T04:30:00Z", 10)
        _touch(db, london, "call", "connected", "2026-03-09T03:30:00Z", 60)
        # 29 Mar 2026: London springs forward at 01:00Z. 00:30Z is 00:30 GMT; 01:30Z is 02:30 BST.
        _touch(db, london, "call", "no_answer", "2026-03-29T00:30:00Z", 10)
        _touch(db, london, "call", "no_answer", "2026-03-29T01:30:00Z", 10)
    stats = stats_for(db, NOW, NY, since=date(2026, 3, 7))
    days = {d.start: d for d in stats.days}
    assert (days[date(2026, 3, 7)].dials, days[date(2026, 3, 8)].connects) == (1, 1)
    assert days[date(2026, 3, 9)].dials == 0
    hours = {bar.label: bar.dials for bar in stats.best_hours.by_hour if bar.dials}
    # 04:30Z and 03:30Z in London (GMT) are 04 and 03; then 00 and 02 across the change.
    assert hours == {"04": 1, "03": 1, "00": 1, "02": 1}
    weekdays = {bar.label: bar.dials for bar in stats.best_hours.by_weekday if bar.dials}
    assert weekdays == {"Sun": 3, "Mon": 1}


def test_same_second_calls_take_their_attempt_numbers_by_touch_id(db):
    with write_transaction(db):
        pid = _add(db, "Tie", phone_zones=(NY,))
        _touch(db, pid, "call", "no_answer", "2026-11-16T15:00:00Z", 5)
        _touch(db, pid, "call", "connected", "2026-11-16T15:00:00Z", 60)  # inserted second
        _touch(db, pid, "call", "voicemail", "2026-11-16T14:00:00Z", 5)  # earlier: attempt 1
    curve = {bar.label: bar for bar in stats_for(db, NOW, NY).persistence.attempts}
    assert (curve["1"].dials, curve["2"].connects, curve["3"].connects) == (1, 0, 1)
    assert stats_for(db, NOW, NY).persistence.late_connects == 1


def test_the_scan_walks_the_history_index_and_never_sorts_or_groups(db):
    """group_concat takes the rows in the order they arrive: straight from
    idx_touches_history (m009), in each prospect's time order."""
    plan = " ".join(
        str(row[3])
        for row in db.execute(
            "EXPLAIN QUERY PLAN " + SCAN_SQL.format(codes="flags", talk="duration_s", where="")
        ).fetchall()
    )
    assert "USING COVERING INDEX idx_touches_history" in plan
    assert "B-TREE" not in plan and "GROUP BY" not in plan


def test_without_the_index_the_numbers_are_the_same(db):
    """The index makes the scan fast, never right: a file opened read-only before
    m009 sorts instead."""
    _small_history(db)
    with write_transaction(db):
        _touch(db, 1, "call", "connected", "2026-11-18T15:00:00Z", 30)  # a tie: by touch id
    with_index = stats_for(db, NOW, NY), stats_for(db, NOW, NY, date(2026, 11, 17))
    db.execute("DROP INDEX idx_touches_history")
    assert (stats_for(db, NOW, NY), stats_for(db, NOW, NY, date(2026, 11, 17))) == with_index


def test_talk_time_is_read_a_slice_at_a_time():
    text = " ".join(str(n) for n in range(1, 2_000, 7))
    assert list(_spaced_ints(text, step=5)) == list(range(1, 2_000, 7))
    assert list(_spaced_ints("")) == []


def test_stats_inside_an_open_transaction_see_its_writes(db):
    with write_transaction(db):
        pid = _add(db, "Uncommitted", phone_zones=(NY,))
        _touch(db, pid, "call", "connected", "2026-11-20T15:00:00Z", 60)
        stats = stats_for(db, NOW, NY)
    assert (stats.totals.dials, sum(b.dials for b in stats.best_hours.by_hour)) == (1, 1)
