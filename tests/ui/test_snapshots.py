"""What a rep sees, pixel for pixel, with the clock fixed. Update with --snapshot-update
after a deliberate change, and look at the report before committing.

Every snapshot waits for the session's workers first (`settle`), so the picture is
the screen once it has caught up, never a race with a worker thread."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from followup_tui.store.stats import stats_for
from tests.conftest import REP_ZONE
from tests.ui.helpers import dial, make_app, press, settle
from tests.ui.test_stats_screen import StatsApp


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text field's cursor blinks every 0.5 s of the wall clock: on a busy machine the
    picture would catch it off. Here it stays on, as it is drawn the moment it shows."""

    def stay_visible(field: Input) -> None:
        field._cursor_visible = True

    monkeypatch.setattr(Input, "_toggle_cursor", stay_visible)


# A laptop, a common window, a wide monitor.
SIZES = pytest.mark.parametrize(
    "size", [(80, 24), (120, 40), (200, 60)], ids=["80x24", "120x40", "200x60"]
)


@SIZES
def test_main_screen(snap_compare, sample_db, frozen, size):
    assert snap_compare(make_app(sample_db), terminal_size=size, run_before=settle)


@SIZES
def test_running_block(snap_compare, sample_db, frozen, size):
    """Twelve minutes into a block with six dials: the block's numbers in words, the
    pace (enough dials by now), today's totals beside them; the last outcome's
    notification sits over the history, clear of the queue and the phone."""

    async def block_under_way(pilot):
        await settle(pilot)
        await press(pilot, "b", "enter")
        for outcome in ("n", "v", "n", "n", "v", "n"):
            await dial(pilot)
            frozen.advance(120)
            await press(pilot, outcome)
        pilot.app.screen._tick()
        await settle(pilot)

    assert snap_compare(make_app(sample_db), terminal_size=size, run_before=block_under_way)


def test_main_screen_while_dialing(snap_compare, sample_db, frozen):
    async def dial_for_a_while(pilot):
        await settle(pilot)
        await dial(pilot)
        frozen.advance(83)
        pilot.app.screen._tick()
        await settle(pilot)

    assert snap_compare(make_app(sample_db), terminal_size=(80, 24), run_before=dial_for_a_while)


def _pressing(*keys):
    async def run(pilot):
        await settle(pilot)
        await press(pilot, *keys)

    return run


@SIZES
def test_connected_dialog(snap_compare, sample_db, frozen, size):
    """During a dial: the note sits beside the research, and says how the call ends;
    the chosen next step is marked ● (the others ○) and highlighted."""

    async def connected(pilot):
        await settle(pilot)
        await dial(pilot)
        frozen.advance(7)
        await press(pilot, "c")

    assert snap_compare(make_app(sample_db), terminal_size=size, run_before=connected)


@SIZES
def test_stats_view(snap_compare, sample_db, frozen, size):
    stats = stats_for(sample_db, frozen.now(), REP_ZONE)
    assert snap_compare(StatsApp(stats), terminal_size=size)


def test_help_screen(snap_compare, sample_db, frozen):
    assert snap_compare(
        make_app(sample_db), terminal_size=(80, 24), run_before=_pressing("question_mark")
    )
