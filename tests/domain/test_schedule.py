import pendulum
import pytest

from followup_tui.domain.schedule import ScheduleError, parse_when

# Sunday 22 Nov 2026, 13:30 in Chicago.
NOW = pendulum.datetime(2026, 11, 22, 13, 30, tz="America/Chicago")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow 10am", (2026, 11, 23, 10, 0)),
        ("Tomorrow at 3:15pm", (2026, 11, 23, 15, 15)),
        ("2pm tomorrow", (2026, 11, 23, 14, 0)),
        ("+3d", (2026, 11, 25, 13, 30)),
        ("in 3 days", (2026, 11, 25, 13, 30)),
        ("+2h", (2026, 11, 22, 15, 30)),
        ("+2bd", (2026, 11, 24, 13, 30)),
        ("+1w", (2026, 11, 29, 13, 30)),
        ("mon 2pm", (2026, 11, 23, 14, 0)),
        ("friday", (2026, 11, 27, 9, 0)),
        ("next fri at 4pm", (2026, 11, 27, 16, 0)),
        ("next week", (2026, 11, 23, 9, 0)),
        ("2026-12-01 14:00", (2026, 12, 1, 14, 0)),
        ("2026-12-01", (2026, 12, 1, 9, 0)),
        ("dec 1", (2026, 12, 1, 9, 0)),
        ("1 Dec 9:30", (2026, 12, 1, 9, 30)),
        ("jan 5 10am", (2027, 1, 5, 10, 0)),
        ("10am", (2026, 11, 23, 10, 0)),  # already past today: tomorrow
        ("16:00", (2026, 11, 22, 16, 0)),  # still ahead today
        ("noon", (2026, 11, 23, 12, 0)),
        ("tomorrow at 3", (2026, 11, 23, 15, 0)),  # a bare 3 is the afternoon
    ],
)
def test_reads_what_reps_type(text, expected):
    result = parse_when(text, NOW)
    assert (result.year, result.month, result.day, result.hour, result.minute) == expected
    assert result.timezone_name == "America/Chicago"


@pytest.mark.parametrize(
    "text", ["", "   ", "banana", "tomorrow 25:00", "3", "+d", "13pm", "mon 2xm"]
)
def test_unreadable_text_is_an_error_with_examples(text):
    with pytest.raises(ScheduleError) as err:
        parse_when(text, NOW)
    assert "e.g." in str(err.value) or "Try" in str(err.value)


@pytest.mark.parametrize("text", ["2020-01-01 10:00", "yesterday", "yesterday 3pm"])
def test_the_past_is_refused(text):
    """'yesterday' was "Can't read" while 'today 9am' said it has passed."""
    with pytest.raises(ScheduleError, match="already passed"):
        parse_when(text, NOW)


def test_a_time_in_the_dst_gap_lands_on_a_real_time():
    before_spring_forward = pendulum.datetime(2027, 3, 13, 12, 0, tz="America/Chicago")
    result = parse_when("tomorrow 2:30am", before_spring_forward)
    assert result > before_spring_forward
    assert result.in_tz("UTC").isoformat()  # a real instant, not an error


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("31 Feb", "There is no 31 February: it has 28 or 29 days"),
        ("feb 30", "There is no 30 February: it has 28 or 29 days"),
        ("31 april", "There is no 31 April: it has 30 days"),
        ("apr 31 3pm", "There is no 31 April: it has 30 days"),
        ("feb 29", "2027 is not a leap year: there is no 29 February"),
        ("2027-02-29", "2027 is not a leap year: there is no 29 February"),
        ("2/29/2027", "2027 is not a leap year: there is no 29 February"),
        ("2027-13-01", "There is no month 13"),
    ],
)
def test_a_date_that_does_not_exist_says_why(text, why):
    """Every impossible date is told apart from text we cannot read at all."""
    with pytest.raises(ScheduleError) as err:
        parse_when(text, NOW)
    assert str(err.value) == why


def test_the_next_29_february_is_found_when_it_exists():
    assert parse_when("feb 29", pendulum.datetime(2027, 3, 1, tz="UTC")).date() == (
        pendulum.date(2028, 2, 29)
    )


def test_a_bare_hour_after_a_written_out_date_is_the_24_hour_clock():
    """'2027-01-01 at 1' crashed the reader (found by the property test)."""
    assert parse_when("2027-01-01 at 1", NOW).format("YYYY-MM-DD HH:mm") == "2027-01-01 01:00"


# The Sunday US clocks go forward: 02:00 becomes 03:00 in New York (01:30 local now).
SPRING = pendulum.parse("2027-03-14T06:30:00Z").in_tz("America/New_York")
SKIPPED = "02:30 does not exist on Sun 14 Mar in New York (clocks go forward): read as 03:30"


@pytest.mark.parametrize("text", ["today 2:30am", "2:30am", "02:30", "sun 2:30am"])
def test_a_time_the_clocks_skip_is_read_an_hour_on_and_said(text):
    from followup_tui.domain.schedule import read_when

    now = SPRING if text != "sun 2:30am" else SPRING.subtract(days=3)
    reading = read_when(text, now)
    assert (reading.when.hour, reading.when.minute) == (3, 30)
    assert reading.notes == (SKIPPED,)


def test_a_bare_time_past_today_is_that_time_tomorrow_across_the_change():
    """02:30 on Saturday has passed: Sunday's 02:30 is skipped, and said so."""
    from followup_tui.domain.schedule import read_when

    reading = read_when("02:30", SPRING.subtract(days=1).add(hours=2))
    assert reading.when.day == 14
    assert reading.notes == (SKIPPED,)


def test_a_time_that_exists_has_no_note():
    from followup_tui.domain.schedule import read_when

    assert read_when("today 4am", SPRING).notes == ()
    assert read_when("2:30am", SPRING.add(days=1)).notes == ()


def test_next_and_a_weekday_says_which_one_it_is_read_as():
    """On a Monday 'next tue' is tomorrow here; many mean the week after: the reading
    says so, with what to type for the other."""
    from followup_tui.domain.schedule import read_when

    monday = pendulum.datetime(2026, 11, 23, 10, 0, tz="America/Chicago")
    reading = read_when("next tue 3pm", monday)
    assert (reading.when.month, reading.when.day) == (11, 24)
    assert reading.notes == (
        "Next Tuesday: read as the coming one; for the week after, type dec 1",
    )
    assert read_when("tue 3pm", monday).notes == ()
    assert read_when("next tue", monday).notes == reading.notes  # no time: the same


@pytest.mark.parametrize(
    ("text", "expected"),
    [("+3d", (25, 13, 45)), ("in 2 weeks", (6, 13, 45)), ("+2bd", (24, 13, 45)),
     ("+2h", (22, 15, 34)), ("in 30 minutes", (22, 14, 4))],
)  # fmt: skip
def test_days_on_come_on_a_quarter_hour_hours_on_to_the_minute(text, expected):
    """'in 2 weeks' at 13:34 read 13:34 (a meeting at 15:01 GMT); it is 13:45. A
    callback 'in 2 hours' is meant to the minute."""
    result = parse_when(text, NOW.add(minutes=4))
    assert (result.day, result.hour, result.minute) == expected
