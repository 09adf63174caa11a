import pendulum
import pytest

from followup_tui.domain.call_block import CallBlock, pace, tally
from followup_tui.domain.display import duration_words
from followup_tui.domain.models import Touch

START = pendulum.datetime(2026, 11, 23, 15, tz="UTC")


def call(n, start_s, dur, outcome="no_answer", dm=False):
    begun = START.add(seconds=start_s)
    return Touch(n, 1, "call", outcome, begun, begun.add(seconds=dur), dur, "", dm)


def test_an_empty_block():
    block = CallBlock(1, START)
    numbers = tally(block, [], START.add(minutes=10))
    assert (numbers.dials, numbers.connects, numbers.wrap_up_s) == (0, 0, None)
    assert numbers.dials_per_hour is None
    assert block.remaining_seconds(START.add(minutes=10)) == 50 * 60


def test_a_single_dial_has_no_wrap_up():
    numbers = tally(CallBlock(1, START), [call(1, 0, 30)], START.add(minutes=30))
    assert numbers.dials == 1 and numbers.wrap_up_s is None
    assert numbers.dials_per_hour is None  # one dial is no pace


def test_counts_wrap_up_and_pauses():
    pause = (START.add(seconds=200), START.add(seconds=500))
    block = CallBlock(1, START, 60, 50, (pause,))
    touches = [
        call(1, 0, 40),  # ends at 40
        call(2, 100, 200, "connected", dm=True),  # 60 s wrap-up; ends at 300
        call(3, 600, 300, "meeting", dm=True),  # 300 s later, 200 of them paused: 100
        Touch(4, 1, "email", "sent", START.add(seconds=950)),  # not a dial
        Touch(5, 1, "call", None, START.add(seconds=1000)),  # running: not yet a dial
    ]
    now = START.add(seconds=1200)
    numbers = tally(block, touches, now)
    assert (numbers.dials, numbers.connects, numbers.decision_makers, numbers.meetings) == (
        3, 2, 2, 1
    )  # fmt: skip
    assert numbers.wrap_up_s == (60 + 100) / 2
    assert numbers.talk_s == 500
    assert block.worked_seconds(now) == 900
    assert numbers.dials_per_hour is None  # three dials are too few to go on


def test_a_paused_block_does_not_run_down():
    block = CallBlock(1, START, 60, 50, ((START.add(minutes=10), None),))
    assert block.paused
    assert block.remaining_seconds(START.add(minutes=40)) == 50 * 60


def test_the_pace_needs_five_dials_and_ten_minutes():
    """The README's rule, for the status line and the summary alike: 7 dials in 73 s
    read as '345 dials/h' in the summary."""
    assert pace(7, 73) is None
    assert pace(4, 3600) is None
    assert pace(5, 599) is None
    assert pace(5, 600) == 30
    touches = [call(n, n * 120, 30) for n in range(6)]
    assert tally(CallBlock(1, START), touches, START.add(minutes=12)).dials_per_hour == 30


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(0, "0 s"), (42, "42 s"), (60, "1 min"), (73, "1 min 13 s"), (3600, "1 h"),
     (4380, "1 h 13 min"), (4399.6, "1 h 13 min"), (-5, "0 s"),
     (60_509_955, "16,808 h 19 min")],
)  # fmt: skip
def test_duration_words_say_their_units(seconds, words):
    assert duration_words(seconds) == words
