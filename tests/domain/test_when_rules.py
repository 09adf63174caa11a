"""Typed times judged against the prospect's calling window and read as meant."""

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup_tui.domain.calling_hours import is_open
from followup_tui.domain.display import day_and_time, due_text, when_text
from followup_tui.domain.models import Prospect
from followup_tui.domain.policy import Policy
from followup_tui.domain.schedule import ScheduleError
from followup_tui.domain.when_rules import FAR_DAYS, Verdict, reader_for, window_text

RULES = Policy().rules
NOW = pendulum.datetime(2026, 11, 23, 15, 0, tz="UTC")  # 09:00 Chicago, Tue 02:00 Sydney
CHICAGO = Prospect(id=1, name="Dana", phone_e164="+13125550142", phone_zones=("America/Chicago",))
SYDNEY = Prospect(id=2, name="Kim", phone_e164="+61291234567", phone_zones=("Australia/Sydney",))
LONDON = Prospect(id=3, name="Ali", phone_e164="+442079460000", phone_zones=("Europe/London",))
US_REP = {p.id: reader_for(p, p.phone_zones[0], RULES, "US") for p in (CHICAGO, SYDNEY, LONDON)}
GB_REP = reader_for(CHICAGO, "America/Chicago", RULES, "GB")


def judge(prospect: Prospect, text: str, **kwargs) -> Verdict:
    return US_REP[prospect.id].judge(text, NOW, **kwargs)


def local(moment, prospect: Prospect):
    return moment.in_tz(prospect.phone_zones[0])


@pytest.mark.parametrize("text", ["tomorrow 3am", "at 0"])
def test_night_times_are_refused_with_words_and_an_offer(text):
    verdict = judge(CHICAGO, text)
    assert not verdict.ok
    assert "is outside their calling hours (every day 08:00-21:00 for US numbers)" in (
        verdict.problem
    )
    assert verdict.offered == pendulum.datetime(2026, 11, 24, 8, tz="America/Chicago")


def test_never_on_sunday_for_a_sydney_number():
    verdict = judge(SYDNEY, "sun 6am")
    assert verdict.problem == "Australia: never on Sunday"
    assert verdict.offered == pendulum.datetime(2026, 11, 30, 9, tz="Australia/Sydney")


def test_a_time_inside_the_window_is_ok():
    verdict = judge(CHICAGO, "tomorrow 10am")
    assert verdict.ok and not verdict.far and verdict.offered is None


@pytest.mark.parametrize("text", ["+999w", "9999-12-31 23:59", "9999-12-31", "0001-01-01 10:00"])
def test_impossible_or_absurd_dates_are_an_error_not_a_crash(text):
    with pytest.raises(ScheduleError):
        judge(CHICAGO, text)


def test_24_hour_times_stay_24_hour():
    verdict = judge(LONDON, "2027-03-14 02:30")
    assert (local(verdict.when, LONDON).hour, verdict.when.minute) == (2, 30)
    assert not verdict.ok  # and 02:30 is outside the window
    assert judge(LONDON, "03:15").when.hour == 3
    # In Chicago 14 March 2027 02:30 is in the DST gap: never 14:30.
    assert local(judge(CHICAGO, "2027-03-14 02:30").when, CHICAGO).hour == 3


def test_the_afternoon_guess_is_only_for_one_digit_hours_and_says_so():
    verdict = judge(CHICAGO, "tomorrow at 3")
    assert local(verdict.when, CHICAGO).hour == 15
    assert verdict.notes == ("3 read as 15:00 (type 3am for the morning)",)
    assert judge(CHICAGO, "tomorrow 3:15pm").notes == ()


def test_slash_dates_read_by_the_reps_region():
    assert (local(judge(CHICAGO, "12/15").when, CHICAGO).month, 15) == (12, 15)
    with pytest.raises(ScheduleError, match="day/month"):
        GB_REP.judge("12/15", NOW)
    assert GB_REP.judge("15/12", NOW).when.date() == pendulum.date(2026, 12, 15)


def test_far_dates_are_flagged_and_show_the_year():
    verdict = judge(CHICAGO, "2028-06-01 10:00")
    assert verdict.ok and verdict.far == "Thu 1 Jun 2028 10:00 is more than a year away"
    assert judge(CHICAGO, "2030-06-03 10:00").far.endswith("3 years away")
    assert judge(CHICAGO, "in 999 bd").far  # 3.9 years: allowed, but asked


def test_a_revisit_date_lands_on_the_window_start_of_the_first_business_day():
    # 90 days on is Sun 21 Feb 2027: Monday, 08:00 their time.
    verdict = judge(CHICAGO, "+90d", revisit=True)
    assert verdict.ok and verdict.when == pendulum.datetime(2027, 2, 22, 8, tz="America/Chicago")
    assert "first business day" in verdict.notes[0]
    thanksgiving = judge(CHICAGO, "11/26", revisit=True)
    assert thanksgiving.when == pendulum.datetime(2026, 11, 27, 8, tz="America/Chicago")
    assert "Thanksgiving" in thanksgiving.notes[0]


@pytest.mark.parametrize("text", ["+0d", "in 0 weeks"])
def test_a_date_to_come_back_is_never_today_once_its_morning_is_gone(text):
    """`z` took '+0d': 'Mon 23 Nov 08:00, 7h late', and the cadence began again."""
    with pytest.raises(ScheduleError, match="is now: type how far ahead"):
        US_REP[LONDON.id].judge(text, NOW.add(minutes=2), revisit=True)
    with pytest.raises(ScheduleError, match="has begun"):  # 08:30: today's 08:00 is gone
        US_REP[CHICAGO.id].judge("23 nov", NOW.subtract(minutes=30), revisit=True)


def test_a_weekend_day_is_said_not_refused():
    """'+6d' on a Monday gave 'Sun 29 Nov' with nothing said; a holiday was said."""
    verdict = judge(CHICAGO, "sun 10am")
    assert verdict.ok and verdict.notes == ("Sun 29 Nov is a weekend day",)
    assert judge(CHICAGO, "mon 10am").notes == ()


def test_window_words():
    assert window_text(RULES.hours_for(SYDNEY.phone_e164)) == (
        "Mon-Fri 09:00-20:00, Sat 09:00-17:00, never Sun"
    )


def test_dates_show_the_date_past_a_week_and_the_year_past_300_days():
    now = pendulum.datetime(2026, 11, 23, 9, tz="America/Chicago")
    assert when_text(now.add(days=3), now) == "Thu 09:00"
    assert when_text(now.add(weeks=8), now) == "Mon 18 Jan 09:00"
    assert when_text(now.add(days=400), now) == "Tue 28 Dec 2027 09:00"
    assert day_and_time(now.add(days=30), now) == "Wed 23 Dec 09:00"
    assert day_and_time(now.add(days=301), now) == "Mon 20 Sep 2027 09:00"
    assert due_text(now.add(days=800), now) == "in 2y"


def test_a_time_ahead_reads_to_the_nearest_unit_and_a_late_one_in_whole_units():
    """ "in 2 hours" is shown a few seconds after it was typed: it must not say 1h."""
    now = pendulum.datetime(2026, 11, 23, 9, 0, 20, tz="America/Chicago")
    typed = now.subtract(seconds=20).add(hours=2)  # the minute it was typed in
    assert due_text(typed, now) == "in 2h"
    assert due_text(now.add(hours=1, minutes=40), now) == "in 2h"
    assert due_text(now.add(days=1, hours=20), now) == "in 2d"
    assert due_text(now.subtract(hours=1, minutes=50), now) == "1h late"
    assert due_text(now.subtract(days=1, hours=20), now) == "1d late"


TOKENS = [
    "tomorrow",
    "at",
    "3",
    "3am",
    "0",
    "2:30",
    "02:30",
    "pm",
    "sun",
    "next",
    "mon",
    "+3d",
    "+999w",
    "+2h",
    "12/15",
    "15/12",
    "2027-03-14",
    "9999-12-31",
    "23:59",
    "jan",
    "5",
    "noon",
    "in",
    "bd",
    "+90d",
    "2028-01-01",
    "6am",
    "21:00",
    "20:59",
]
TEXTS = st.one_of(st.text(max_size=30), st.lists(st.sampled_from(TOKENS), max_size=4).map(" ".join))


@settings(max_examples=400, deadline=None)
@given(
    text=TEXTS,
    who=st.sampled_from([CHICAGO, SYDNEY, LONDON]),
    revisit=st.booleans(),
    minutes=st.integers(0, 60 * 24 * 400),
)
def test_the_parser_never_crashes_nor_hides_a_problem(text, who, revisit, minutes):
    now = NOW.add(minutes=minutes)
    reader = US_REP[who.id]
    try:
        verdict = reader.judge(text, now, revisit=revisit)
    except ScheduleError:
        return
    assert verdict.when > now
    if verdict.ok:
        assert is_open(verdict.when, reader.zones, reader.hours)
    else:
        assert verdict.problem
        assert verdict.offered is None or is_open(verdict.offered, reader.zones, reader.hours)
    if (verdict.when - now).in_days() > FAR_DAYS:
        assert verdict.far and str(verdict.when.year) in verdict.far


def test_the_calling_window_binds_a_call_not_an_email_step_and_a_meeting_only_notes_it():
    from followup_tui.domain.when_rules import for_purpose

    reader = US_REP[CHICAGO.id]
    assert not reader.judge("tomorrow 6am", NOW).ok  # a call at 06:00: refused
    email_step = for_purpose(reader, "next_touch", step_is_call=False)
    verdict = email_step.judge("tomorrow 6am", NOW)
    assert verdict.ok and verdict.notes == ()
    call_step = for_purpose(reader, "next_touch", step_is_call=True)
    assert not call_step.judge("tomorrow 6am", NOW).ok
    meeting = for_purpose(reader, "meeting").judge("wed 11pm", NOW)
    assert meeting.ok and meeting.offered is None
    assert any("outside their calling hours" in note for note in meeting.notes)


def test_a_time_the_clocks_skip_is_told_in_the_verdict():
    """Sun 14 Mar 2027 in New York: 02:30 does not exist; the verdict says so."""
    new_york = Prospect(
        id=9, name="Ny", phone_e164="+12125550142", phone_zones=("America/New_York",)
    )
    reader = reader_for(new_york, "America/New_York", RULES, "US")
    verdict = reader.judge("today 2:30am", pendulum.datetime(2027, 3, 14, 6, 30, tz="UTC"))
    assert any("02:30 does not exist" in note for note in verdict.notes), verdict.notes


def test_a_meeting_in_the_rep_s_night_is_pointed_out():
    """Typed in the prospect's zone, '3pm' in Sydney is the small hours in New York:
    accepted without a word before."""
    from followup_tui.domain.when_rules import for_purpose

    reader = reader_for(SYDNEY, SYDNEY.phone_zones[0], RULES, "US", rep_zone="America/New_York")
    night = for_purpose(reader, "meeting").judge("wed 3pm", NOW)
    assert night.ok
    assert any(note.endswith("your time: outside your working day") for note in night.notes)
    morning = for_purpose(reader, "meeting").judge("thu 11pm", NOW)  # their 23:00: 07:00 NY
    assert not any("your working day" in note for note in morning.notes)
    call = reader.judge("wed 3pm", NOW)  # a call is theirs to take: not the rep's night
    assert not any("your working day" in note for note in call.notes)
