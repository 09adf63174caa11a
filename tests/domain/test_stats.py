"""The rep's numbers on hand-built histories whose answers are worked out by hand."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup_tui.domain.stats import (
    CALL_FLAG,
    CONVERSATION_FLAG,
    COUNT_SLICE,
    DECISION_MAKER_FLAG,
    LOGGED_FLAG,
    MEETING_FLAG,
    SMALL_SAMPLE,
    ProspectFact,
    Stats,
    TouchFact,
    attempt_numbers,
    best_hours,
    char_counts,
    counts,
    give_up_report,
    is_small_sample,
    persistence_curve,
    range_text,
    rate,
    rate_floor,
    rate_text,
    rep_numbers,
    touch_flags,
    touches_until_conversation,
    touches_until_meeting,
    utc_offsets,
    warm_versus_cold,
    window_text,
)

NY = "America/New_York"
# Monday 23 Nov 2026, 09:30 in New York.
NOW = pendulum.datetime(2026, 11, 23, 14, 30, tz="UTC")


def at(text: str) -> datetime:
    return pendulum.parse(text)  # type: ignore[return-value]


_ids = iter(range(1, 1_000_000))


def call(pid: int, when: str, outcome: str | None, duration: int | None = None, dm=False):
    return TouchFact(pid, "call", outcome, at(when), duration, dm, next(_ids))


def email(pid: int, when: str, outcome: str = "sent"):
    return TouchFact(pid, "email", outcome, at(when), None, False, next(_ids))


def prospect(pid, status="active", zone=NY, signals=0, touches=0, next_touch=NOW, name=""):
    return ProspectFact(pid, status, zone, signals, touches, next_touch, name or f"P{pid}")


def by_label(bars):
    return {bar.label: bar for bar in bars}


# -- rates and counts ---------------------------------------------------------------------


def test_rate_floor_is_the_wilson_lower_bound_and_small_samples_are_marked():
    assert rate_floor(0, 0) == 0.0
    assert rate_floor(0, 50) == 0.0
    assert round(rate_floor(2, 2), 3) == 0.342  # 100% of 2: the evidence bears out 34%
    assert round(rate_floor(40, 200), 3) == 0.150
    for part, whole in ((1, 3), (5, 19), (20, 100), (99, 100), (7, 7)):
        assert 0 < rate_floor(part, whole) < part / whole
    assert rate_floor(30, 100) > rate_floor(3, 10)  # the same rate, more evidence
    assert is_small_sample(SMALL_SAMPLE - 1) and not is_small_sample(SMALL_SAMPLE)


def test_rate_is_none_without_a_denominator_and_rounded_to_four_places():
    assert rate(0, 0) is None
    assert rate(1, 3) == 0.3333
    assert rate(2, 2) == 1.0
    assert rate_text(None) == "–"
    assert rate_text(0.1679) == "17%"
    assert rate_text(0.1679, 1) == "16.8%"


def test_counts_follow_the_definitions():
    touches = [
        call(1, "2026-11-16T14:00:00Z", "no_answer", 25),  # dial, not a conversation
        call(1, "2026-11-16T15:00:00Z", "voicemail", 40),
        call(1, "2026-11-17T15:00:00Z", "connected", 300, dm=True),
        call(2, "2026-11-17T16:00:00Z", "meeting", 600),
        call(2, "2026-11-17T17:00:00Z", "not_interested", 30),
        call(3, "2026-11-18T17:00:00Z", "do_not_call", None),  # logged without a dial timer
        call(3, "2026-11-18T18:00:00Z", "wrong_number", 10),
        call(4, "2026-11-18T19:00:00Z", None),  # running or never logged: not a dial
        email(4, "2026-11-18T19:05:00Z"),
        email(5, "2026-11-18T19:10:00Z", "meeting"),  # booked by email: a meeting, no dial
    ]
    c = counts(touches)
    assert c.dials == 7
    assert c.connects == 4  # connected, meeting, not_interested, do_not_call on calls
    assert c.conversations == 5  # the e-mailed meeting too
    assert c.decision_maker_conversations == 1
    assert c.meetings == 2
    assert c.talk_time_s == 300 + 600 + 30  # no-answer and voicemail time is not talk
    assert c.connect_rate == round(4 / 7, 4)


# -- empty and single histories -----------------------------------------------------------


def test_empty_history():
    stats = rep_numbers([], [], NOW, NY)
    assert stats.totals.dials == stats.totals.meetings == stats.totals.talk_time_s == 0
    assert stats.totals.connect_rate is None
    assert stats.first_day is None
    assert stats.last_day == date(2026, 11, 23)
    assert stats.days == () and stats.weeks == ()
    assert all(bar.dials == 0 and bar.connect_rate is None for bar in stats.persistence.attempts)
    assert [bar.label for bar in stats.persistence.attempts][-2:] == ["10", "11+"]
    assert stats.persistence.late_share is None
    assert stats.until_conversation.prospects == 0
    assert stats.until_conversation.median is None
    assert stats.until_meeting.mean is None
    assert stats.give_up.retired == 0 and stats.give_up.gave_up == ()
    assert len(stats.best_hours.by_hour) == 24 and len(stats.best_hours.by_weekday) == 7
    assert sum(bar.dials for bar in stats.best_hours.by_hour) == 0
    assert [w.label for w in stats.warm] == ["0", "1", "2", "3+"]
    assert window_text(stats) == "no touches yet"


def test_empty_history_since_a_day_lists_every_day_to_today():
    stats = rep_numbers([], [], NOW, NY, since=date(2026, 11, 12))
    assert [d.start for d in stats.days] == [
        date(2026, 11, 12) + timedelta(days=n) for n in range(12)
    ]
    assert all(d.dials == 0 and d.connect_rate is None for d in stats.days)
    # Thursday 12 Nov is in the week of Monday 9 Nov.
    assert [w.start for w in stats.weeks] == [date(2026, 11, 9), date(2026, 11, 16), NOW.date()]


def test_a_single_unanswered_dial():
    stats = rep_numbers([call(1, "2026-11-20T15:00:00Z", "no_answer", 20)], [prospect(1)], NOW, NY)
    assert (stats.totals.dials, stats.totals.connects, stats.totals.connect_rate) == (1, 0, 0.0)
    assert stats.totals.talk_time_s == 0
    assert stats.first_day == date(2026, 11, 20)
    assert [d.start for d in stats.days] == [date(2026, 11, d) for d in (20, 21, 22, 23)]
    assert stats.days[0].dials == 1 and stats.days[1].dials == 0
    curve = by_label(stats.persistence.attempts)
    assert (curve["1"].dials, curve["1"].connects, curve["1"].connect_rate) == (1, 0, 0.0)
    assert curve["2"].dials == 0
    assert stats.until_conversation.prospects == 0
    hour = by_label(stats.best_hours.by_hour)["10"]  # 15:00Z is 10:00 in New York
    assert (hour.dials, hour.connect_rate) == (1, 0.0)
    assert by_label(stats.best_hours.by_weekday)["Fri"].dials == 1


def test_a_single_conversation():
    stats = rep_numbers(
        [call(7, "2026-11-20T15:00:00Z", "connected", 125, dm=True)],
        [prospect(7, signals=2)],
        NOW,
        NY,
    )
    assert (stats.totals.connects, stats.totals.connect_rate) == (1, 1.0)
    assert stats.totals.talk_time_s == 125
    assert stats.until_conversation.prospects == 1
    assert stats.until_conversation.median == 1.0
    assert by_label(stats.until_conversation.distribution)["1"].prospects == 1
    assert stats.persistence.late_share == 0.0
    warm = by_label(stats.warm)["2"]
    assert (warm.prospects, warm.dials, warm.connects, warm.connect_rate) == (1, 1, 1, 1.0)


# -- days and weeks -----------------------------------------------------------------------


def test_days_are_the_reps_days_and_weeks_start_on_monday():
    touches = [
        # 04:30Z on Monday 16 Nov is 23:30 on Sunday 15 Nov in New York.
        call(1, "2026-11-16T04:30:00Z", "connected", 60),
        # 03:00Z on Tuesday 17 Nov is 22:00 on Monday 16 Nov in New York.
        call(1, "2026-11-17T03:00:00Z", "no_answer", 10),
        call(2, "2026-11-16T14:00:00Z", "meeting", 200),
    ]
    stats = rep_numbers(touches, [prospect(1), prospect(2)], NOW, NY)
    days = {d.start: d for d in stats.days}
    assert stats.first_day == date(2026, 11, 15)
    assert (days[date(2026, 11, 15)].dials, days[date(2026, 11, 15)].connects) == (1, 1)
    assert (days[date(2026, 11, 16)].dials, days[date(2026, 11, 16)].meetings) == (2, 1)
    assert days[date(2026, 11, 17)].dials == 0
    weeks = {w.start: w for w in stats.weeks}
    assert list(weeks) == [date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
    assert (weeks[date(2026, 11, 9)].dials, weeks[date(2026, 11, 9)].talk_time_s) == (1, 60)
    assert (weeks[date(2026, 11, 16)].dials, weeks[date(2026, 11, 16)].connects) == (2, 1)
    assert weeks[date(2026, 11, 16)].connect_rate == 0.5


def test_days_follow_the_rep_zone_not_utc():
    touch = call(1, "2026-11-16T04:30:00Z", "no_answer", 10)
    in_london = rep_numbers([touch], [prospect(1)], NOW, "Europe/London")
    assert in_london.days[0].start == date(2026, 11, 16)
    in_new_york = rep_numbers([touch], [prospect(1)], NOW, NY)
    assert in_new_york.days[0].start == date(2026, 11, 15)


def test_since_starts_at_midnight_in_the_rep_zone_and_the_window_ends_now():
    touches = [
        call(1, "2026-11-16T04:59:00Z", "connected", 60),  # 23:59 Sunday in New York
        call(1, "2026-11-16T05:00:00Z", "no_answer", 10),  # 00:00 Monday
        call(1, "2026-11-23T14:31:00Z", "no_answer", 10),  # after now
    ]
    stats = rep_numbers(touches, [prospect(1)], NOW, NY, since=date(2026, 11, 16))
    assert (stats.totals.dials, stats.totals.connects) == (1, 0)
    assert stats.first_day == date(2026, 11, 16)
    assert window_text(stats) == "since Mon 16 Nov 2026 (to Mon 23 Nov 2026)"


def test_since_after_today_counts_nothing():
    touches = [call(1, "2026-11-20T15:00:00Z", "connected", 60)]
    stats = rep_numbers(touches, [prospect(1)], NOW, NY, since=date(2026, 12, 1))
    assert stats.totals.dials == 0
    assert stats.days == () and stats.weeks == ()


# -- persistence ----------------------------------------------------------------------------


def test_attempt_numbers_count_only_calls_in_time_order_per_prospect():
    a2 = call(1, "2026-11-18T15:00:00Z", "voicemail", 30)
    a1 = call(1, "2026-11-16T15:00:00Z", "no_answer", 20)
    mail = email(1, "2026-11-17T15:00:00Z")
    a3 = call(1, "2026-11-19T15:00:00Z", "connected", 90)
    b1 = call(2, "2026-11-19T15:00:00Z", "connected", 90)
    numbered = dict(attempt_numbers([a2, mail, a3, b1, a1]))
    assert numbered == {a1: 1, a2: 2, a3: 3, b1: 1}


def test_same_second_calls_are_ordered_by_touch_id():
    second = TouchFact(1, "call", "connected", at("2026-11-16T15:00:00Z"), 60, touch_id=9)
    first = TouchFact(1, "call", "no_answer", at("2026-11-16T15:00:00Z"), 5, touch_id=8)
    assert dict(attempt_numbers([second, first])) == {first: 1, second: 2}


def test_an_unlogged_call_touch_still_takes_its_place_in_the_attempts():
    unlogged = call(1, "2026-11-16T15:00:00Z", None)
    later = call(1, "2026-11-17T15:00:00Z", "connected", 60)
    curve = persistence_curve([unlogged, later], None, NOW)
    assert by_label(curve.attempts)["2"].connects == 1
    assert by_label(curve.attempts)["1"].dials == 0  # but it is no dial


def test_persistence_curve_and_the_share_from_attempt_three():
    touches = [
        # Prospect 1: reached on the 3rd call.
        call(1, "2026-11-16T15:00:00Z", "no_answer", 20),
        call(1, "2026-11-17T15:00:00Z", "voicemail", 30),
        call(1, "2026-11-18T15:00:00Z", "connected", 200),
        # Prospect 2: reached on the 1st.
        call(2, "2026-11-16T16:00:00Z", "connected", 100),
        # Prospect 3: reached on the 2nd, then again on the 4th.
        call(3, "2026-11-16T17:00:00Z", "no_answer", 20),
        call(3, "2026-11-17T17:00:00Z", "connected", 60),
        call(3, "2026-11-18T17:00:00Z", "no_answer", 20),
        call(3, "2026-11-19T17:00:00Z", "meeting", 400),
    ]
    curve = persistence_curve(touches, None, NOW)
    bars = by_label(curve.attempts)
    assert [(bars[n].dials, bars[n].connects) for n in "1234"] == [(3, 1), (2, 1), (2, 1), (1, 1)]
    assert bars["1"].connect_rate == round(1 / 3, 4)
    assert bars["4"].connect_rate == 1.0
    assert bars["5"].connect_rate is None
    assert (curve.connects, curve.late_connects, curve.late_share) == (4, 2, 0.5)


def test_a_since_window_keeps_the_attempt_numbers_of_the_whole_history():
    touches = [
        call(1, "2026-11-02T15:00:00Z", "no_answer", 20),
        call(1, "2026-11-03T15:00:00Z", "no_answer", 20),
        call(1, "2026-11-17T15:00:00Z", "connected", 200),
    ]
    stats = rep_numbers(touches, [prospect(1)], NOW, NY, since=date(2026, 11, 16))
    bars = by_label(stats.persistence.attempts)
    assert (bars["1"].dials, bars["3"].dials, bars["3"].connects) == (0, 1, 1)
    assert stats.persistence.late_share == 1.0


def test_attempts_past_ten_share_the_last_bar():
    touches = [call(1, f"2026-11-{d:02d}T15:00:00Z", "no_answer", 10) for d in range(1, 13)]
    touches.append(call(1, "2026-11-13T15:00:00Z", "connected", 60))
    bars = by_label(persistence_curve(touches, None, NOW).attempts)
    assert len(bars) == 11
    assert all(bars[str(n)].dials == 1 for n in range(1, 11))
    assert (bars["11+"].dials, bars["11+"].connects) == (3, 1)


# -- touches until -------------------------------------------------------------------------


def _until_history():
    return [
        # Prospect 1: email, no answer, conversation on touch 3, meeting on touch 4.
        email(1, "2026-11-02T15:00:00Z"),
        call(1, "2026-11-03T15:00:00Z", "no_answer", 10),
        call(1, "2026-11-04T15:00:00Z", None),  # never logged: not a touch
        call(1, "2026-11-05T15:00:00Z", "connected", 100),
        call(1, "2026-11-17T15:00:00Z", "meeting", 300),
        # Prospect 2: a conversation at once, a second one later (only the first counts).
        call(2, "2026-11-18T15:00:00Z", "not_interested", 40),
        call(2, "2026-11-19T15:00:00Z", "connected", 40),
        # Prospect 3: never reached.
        call(3, "2026-11-18T15:00:00Z", "no_answer", 10),
    ]


def test_touches_until_the_first_conversation_and_a_meeting():
    history = _until_history()
    first = touches_until_conversation(history, None, NOW)
    assert first.prospects == 2
    assert (first.median, first.mean) == (2.0, 2.0)  # 3 and 1
    dist = by_label(first.distribution)
    assert (dist["1"].prospects, dist["2"].prospects, dist["3"].prospects) == (1, 0, 1)
    assert sum(bar.prospects for bar in first.distribution) == 2
    meeting = touches_until_meeting(history, None, NOW)
    assert (meeting.prospects, meeting.median) == (1, 4.0)


def test_touches_until_counts_prospects_who_first_got_there_in_the_window():
    start = at("2026-11-16T05:00:00Z")
    first = touches_until_conversation(_until_history(), start, NOW)
    assert (first.prospects, first.median) == (1, 1.0)  # prospect 1's was before the window
    meeting = touches_until_meeting(_until_history(), start, NOW)
    assert (meeting.prospects, meeting.median) == (1, 4.0)  # the touches before still count


def test_touches_until_puts_eleven_and_more_in_the_last_bar():
    history = [email(1, f"2026-11-{d:02d}T15:00:00Z") for d in range(1, 12)]
    history.append(call(1, "2026-11-12T15:00:00Z", "connected", 30))
    until = touches_until_conversation(history, None, NOW)
    assert by_label(until.distribution)["11+"].prospects == 1
    assert until.median == 12.0


# -- give-up report -------------------------------------------------------------------------


def test_give_up_report_lists_retired_prospects_dropped_too_early():
    prospects = [
        prospect(1, "not_now", touches=3, next_touch=None),  # in
        prospect(2, "not_interested", touches=7, next_touch=None),  # enough touches
        prospect(3, "active", touches=2, next_touch=None),  # nothing scheduled: in
        prospect(4, "active", touches=1),  # still scheduled
        prospect(5, "meeting", touches=1, next_touch=None),  # a win, not retired
        prospect(6, "do_not_call", touches=1, next_touch=None),  # out for good, not given up
        prospect(7, "not_now", touches=2, next_touch=None),  # reached the decision maker
        prospect(8, "not_interested", touches=6, next_touch=None),  # DM flag on no answer: in
        prospect(9, "not_now", touches=0, next_touch=None),  # never touched: in
    ]
    touches = [
        call(7, "2026-11-10T15:00:00Z", "connected", 100, dm=True),
        call(8, "2026-11-10T15:00:00Z", "no_answer", 10, dm=True),
        call(1, "2026-11-10T15:00:00Z", "connected", 100),  # not the decision maker
    ]
    report = give_up_report(prospects, touches)
    assert report.threshold == 7
    assert report.retired == 6  # 1, 2, 3, 7, 8, 9
    assert [(g.prospect_id, g.touch_count) for g in report.gave_up] == [
        (9, 0),
        (3, 2),
        (1, 3),
        (8, 6),
    ]
    assert report.gave_up[0].name == "P9"


def test_give_up_report_ignores_the_since_window():
    prospects = [prospect(1, "not_now", touches=1, next_touch=None)]
    touches = [call(1, "2026-10-01T15:00:00Z", "no_answer", 10)]
    stats = rep_numbers(touches, prospects, NOW, NY, since=date(2026, 11, 16))
    assert [g.prospect_id for g in stats.give_up.gave_up] == [1]


# -- best hours -------------------------------------------------------------------------------


def test_best_hours_use_the_prospects_local_clock():
    zones = {1: "Europe/London", 2: "America/Los_Angeles", 3: None}
    touches = [
        # Wednesday 18 Nov 17:00Z: 17:00 Wed in London, 09:00 Wed in Los Angeles.
        call(1, "2026-11-18T17:00:00Z", "connected", 60),
        call(2, "2026-11-18T17:00:00Z", "no_answer", 10),
        # Saturday 21 Nov 06:30Z: 22:30 Friday in Los Angeles.
        call(2, "2026-11-21T06:30:00Z", "connected", 60),
        # 1 Jul 12:00Z: 13:00 in London (summer time), a Wednesday.
        call(1, "2026-07-01T12:00:00Z", "voicemail", 30),
        call(3, "2026-11-18T17:00:00Z", "connected", 60),  # zone unknown
        email(1, "2026-11-18T17:00:00Z"),  # not a dial
    ]
    best = best_hours(touches, zones, None, NOW)
    hours = by_label(best.by_hour)
    assert (hours["17"].dials, hours["17"].connects) == (1, 1)
    assert (hours["09"].dials, hours["09"].connect_rate) == (1, 0.0)
    assert (hours["22"].dials, hours["22"].connects) == (1, 1)
    assert hours["13"].dials == 1
    assert sum(bar.dials for bar in best.by_hour) == 4
    days = by_label(best.by_weekday)
    assert (days["Wed"].dials, days["Wed"].connects, days["Wed"].connect_rate) == (3, 1, 0.3333)
    assert (days["Fri"].dials, days["Fri"].connects) == (1, 1)
    assert days["Sat"].dials == 0
    assert best.unknown_zone_dials == 1


# -- warm versus cold -----------------------------------------------------------------------


def test_warm_versus_cold_by_kinds_of_signal():
    signals = {1: 0, 2: 1, 3: 2, 4: 3, 5: 6}  # prospect 6 has no entry: cold
    touches = [
        call(1, "2026-11-16T15:00:00Z", "no_answer", 10),
        call(1, "2026-11-17T15:00:00Z", "connected", 60),
        call(6, "2026-11-17T15:00:00Z", "no_answer", 10),
        call(2, "2026-11-17T15:00:00Z", "meeting", 60),
        call(4, "2026-11-17T15:00:00Z", "connected", 60),
        call(5, "2026-11-17T15:00:00Z", "meeting", 60),
        call(5, "2026-11-18T15:00:00Z", "no_answer", 10),
        call(5, "2026-11-19T15:00:00Z", "voicemail", 10),
        email(3, "2026-11-17T15:00:00Z"),  # touched, never dialed
    ]
    warm = by_label(warm_versus_cold(touches, signals, None, NOW))
    assert [(w.prospects, w.dials, w.connects, w.meetings) for w in warm.values()] == [
        (2, 3, 1, 0),
        (1, 1, 1, 1),
        (0, 0, 0, 0),
        (2, 4, 2, 1),
    ]
    assert warm["0"].connect_rate == round(1 / 3, 4)
    assert warm["2"].connect_rate is None
    assert (warm["3+"].connect_rate, warm["3+"].meeting_rate) == (0.5, 0.25)


# -- invariants over random histories ------------------------------------------------------

_OUTCOMES = [None, "no_answer", "voicemail", "connected", "meeting", "not_interested",
             "wrong_number", "do_not_call", "sent"]  # fmt: skip


@st.composite
def histories(draw):
    n = draw(st.integers(min_value=0, max_value=40))
    touches = []
    for i in range(n):
        touches.append(
            TouchFact(
                prospect_id=draw(st.integers(1, 6)),
                channel=draw(st.sampled_from(["call", "call", "email", "linkedin"])),
                outcome=draw(st.sampled_from(_OUTCOMES)),
                started_at=NOW - timedelta(minutes=draw(st.integers(0, 60 * 24 * 40))),
                duration_s=draw(st.none() | st.integers(0, 3600)),
                decision_maker=draw(st.booleans()),
                touch_id=i,
            )
        )
    zones = [None, NY, "Europe/London", "Australia/Sydney"]
    prospects = [
        ProspectFact(pid, "active", draw(st.sampled_from(zones)), draw(st.integers(0, 5)), 0, None)
        for pid in range(1, 7)
    ]
    return touches, prospects


@settings(max_examples=60, deadline=None)
@given(histories(), st.none() | st.integers(0, 45))
def test_every_section_adds_up_to_the_totals(history, days_back):
    touches, prospects = history
    since = None if days_back is None else (NOW.in_tz(NY) - timedelta(days=days_back)).date()
    stats: Stats = rep_numbers(touches, prospects, NOW, NY, since)
    total = stats.totals
    assert sum(d.dials for d in stats.days) == total.dials
    assert sum(w.dials for w in stats.weeks) == total.dials
    assert sum(d.talk_time_s for d in stats.days) == total.talk_time_s
    assert sum(w.meetings for w in stats.weeks) == total.meetings
    assert sum(b.dials for b in stats.persistence.attempts) == total.dials
    assert sum(b.connects for b in stats.persistence.attempts) == total.connects
    assert stats.persistence.connects == total.connects
    hours = stats.best_hours
    assert sum(b.dials for b in hours.by_hour) + hours.unknown_zone_dials == total.dials
    assert sum(b.connects for b in hours.by_weekday) <= total.connects
    assert sum(w.dials for w in stats.warm) == total.dials
    assert sum(w.meetings for w in stats.warm) == total.meetings
    assert all(w.start.weekday() == 0 for w in stats.weeks[1:])
    assert stats.until_conversation.prospects <= len({t.prospect_id for t in touches})
    assert sum(b.prospects for b in stats.until_meeting.distribution) == (
        stats.until_meeting.prospects
    )


@pytest.mark.parametrize(
    ("since", "expected"),
    [(None, "all history (20 Nov 2026 – Mon 23 Nov 2026)"),
     (date(2026, 11, 2), "since Mon 2 Nov 2026 (to Mon 23 Nov 2026)")],
)  # fmt: skip
def test_window_text(since, expected):
    stats = rep_numbers(
        [call(1, "2026-11-20T15:00:00Z", "no_answer", 5)], [prospect(1)], NOW, NY, since
    )
    assert window_text(stats) == expected


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [(date(2026, 9, 14), date(2026, 11, 23), "14 Sep – 23 Nov"),
     (date(2024, 11, 22), date(2026, 11, 23), "22 Nov 2024 – 23 Nov 2026"),
     (date(2025, 12, 28), date(2026, 1, 4), "28 Dec 2025 – 4 Jan 2026"),
     (date(2025, 3, 2), date(2025, 3, 9), "2 Mar 2025 – 9 Mar 2025")],
)  # fmt: skip
def test_a_range_shows_years_unless_it_is_all_this_year(first, last, expected):
    assert range_text(first, last, today=date(2026, 11, 23)) == expected


# -- UTC offsets for the SQL path -------------------------------------------------------------


def test_utc_offsets_find_each_change_to_the_second():
    start = int(datetime(2026, 1, 1, tzinfo=UTC).timestamp())
    end = int(datetime(2026, 12, 31, tzinfo=UTC).timestamp())
    spring = int(datetime(2026, 3, 8, 7, tzinfo=UTC).timestamp())  # 02:00 EST
    autumn = int(datetime(2026, 11, 1, 6, tzinfo=UTC).timestamp())  # 02:00 EDT
    assert utc_offsets(NY, start, end) == [
        (start, -5 * 3600),
        (spring, -4 * 3600),
        (autumn, -5 * 3600),
    ]
    assert utc_offsets("Asia/Kathmandu", start, end) == [(start, 5 * 3600 + 45 * 60)]
    # Lord Howe moves by half an hour.
    offsets = [offset for _, offset in utc_offsets("Australia/Lord_Howe", start, end)]
    assert offsets == [11 * 3600, 10 * 3600 + 1800, 11 * 3600]


def test_touch_flags_follow_the_definitions():
    assert touch_flags("call", None, False) == CALL_FLAG
    assert touch_flags("call", "no_answer", True) == CALL_FLAG | LOGGED_FLAG | DECISION_MAKER_FLAG
    assert touch_flags("email", "meeting", False) == LOGGED_FLAG | CONVERSATION_FLAG | MEETING_FLAG
    assert touch_flags("call", "do_not_call", False) == CALL_FLAG | LOGGED_FLAG | CONVERSATION_FLAG


def test_a_team_row_marks_every_missing_number_with_the_same_dash():
    """No dials yet: the attempt curve and the late share are both "–" (the curve
    said "-", the share "–")."""
    from followup_tui.domain.team_numbers import team_row

    row = team_row("ana", rep_numbers([], [], NOW, NY))
    assert row[6] == row[7] == "–"


def test_a_team_row_groups_big_counts():
    """The team table read '865368' dials beside '16,808 h 19 min' of talk time."""
    from msgspec.structs import replace

    from followup_tui.domain.team_numbers import team_row

    stats = rep_numbers([], [], NOW, NY)
    big = replace(stats.totals, dials=865_368, connects=141_709, meetings=12_611)
    assert team_row("", replace(stats, totals=big))[1:5] == (  # (the rate: its own field)
        "865,368", "141,709", "–", "12,611"
    )  # fmt: skip


@pytest.mark.parametrize(
    "size", [0, 1, COUNT_SLICE - 1, COUNT_SLICE, COUNT_SLICE + 1, 3 * COUNT_SLICE + 7]
)
def test_char_counts_counts_every_character_across_the_slices(size):
    """Counted a slice at a time (so a key never waits for one long count), the
    answer is Counter's: no character lost or counted twice at a slice's edge."""
    text = "".join(chr(48 + (i * 7919) % 61) for i in range(size))
    assert char_counts(text) == Counter(text)
    assert sum(char_counts(text).values()) == size


def test_a_team_row_says_talk_to_the_hour_and_rates_in_attempt_order():
    """'16,808 h 19 min' wrapped in its cell, and '1:21% 2:14%' read as clock times."""
    from msgspec.structs import replace

    from followup_tui.domain.team_numbers import talk_total_text, team_row

    assert talk_total_text(60_509_955) == "16,808 h"
    assert talk_total_text(3 * 3600 + 19 * 60) == "3 h 19 min"
    stats = rep_numbers([], [], NOW, NY)
    bars = stats.persistence.attempts
    made = [replace(bars[0], dials=10, connects=2, connect_rate=0.2),
            replace(bars[1], dials=0, connects=0, connect_rate=None),
            replace(bars[2], dials=10, connects=1, connect_rate=0.1)]  # fmt: skip
    persistence = replace(stats.persistence, attempts=(*made, *bars[3:]))
    assert team_row("ana", replace(stats, persistence=persistence))[6] == "20% – 10% – –"
