"""Reading the facts behind the rep's numbers from a real database."""

from __future__ import annotations

from datetime import date

import pendulum

from followup_tui.domain.models import NewProspect
from followup_tui.domain.stats import rep_numbers
from followup_tui.store import prospects as store
from followup_tui.store.db import write_transaction
from followup_tui.store.research import add_signal
from followup_tui.store.stats import prospect_facts, stats_for, touch_facts
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
