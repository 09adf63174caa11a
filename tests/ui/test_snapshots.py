"""What a rep sees, pixel for pixel, with the clock fixed. Update with --snapshot-update
after a deliberate change, and look at the report before committing."""

from __future__ import annotations

import pytest

from tests.ui.helpers import make_app


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_main_screen(snap_compare, sample_db, frozen, size):
    assert snap_compare(make_app(sample_db), terminal_size=size)


def test_main_screen_while_dialing(snap_compare, sample_db, frozen):
    async def dial_for_a_while(pilot):
        await pilot.press("d")
        frozen.advance(83)
        await pilot.pause()
        pilot.app.screen._tick()

    assert snap_compare(make_app(sample_db), terminal_size=(80, 24), run_before=dial_for_a_while)


def test_connected_dialog(snap_compare, sample_db, frozen):
    assert snap_compare(make_app(sample_db), terminal_size=(80, 24), press=["c"])


def test_help_screen(snap_compare, sample_db, frozen):
    assert snap_compare(make_app(sample_db), terminal_size=(80, 24), press=["question_mark"])
