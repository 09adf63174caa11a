"""What a rep sees, pixel for pixel, with the clock fixed. Update with --snapshot-update
after a deliberate change, and look at the report before committing.

Every snapshot waits for the session's workers first (`settle`), so the picture is
the screen once it has caught up, never a race with a worker thread."""

from __future__ import annotations

import pytest

from tests.ui.helpers import dial, make_app, press, settle


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_main_screen(snap_compare, sample_db, frozen, size):
    assert snap_compare(make_app(sample_db), terminal_size=size, run_before=settle)


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


def test_connected_dialog(snap_compare, sample_db, frozen):
    """During a dial: the note sits beside the research, and says how the call ends."""

    async def connected(pilot):
        await settle(pilot)
        await dial(pilot)
        frozen.advance(7)
        await press(pilot, "c")

    assert snap_compare(make_app(sample_db), terminal_size=(80, 24), run_before=connected)


def test_help_screen(snap_compare, sample_db, frozen):
    assert snap_compare(
        make_app(sample_db), terminal_size=(80, 24), run_before=_pressing("question_mark")
    )
