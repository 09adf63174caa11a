"""Start-up runs without the garbage collector, and the app turns it back on once its
first rows are on screen, whatever happens."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from followup_tui.ui import memory
from followup_tui.ui.memory import Collector, hold_for_start_up
from tests.ui.helpers import make_app, settle


@pytest.fixture
def collector_state() -> Iterator[None]:
    """Leave the interpreter's collector as it was found."""
    was = gc.isenabled()
    try:
        yield
    finally:
        memory._held_for_start_up = False
        gc.unfreeze()
        if was:
            gc.enable()


def test_the_hold_ends_when_start_up_is_done_or_at_the_next_tick(collector_state):
    hold_for_start_up()
    assert not gc.isenabled()
    collector = Collector()
    collector.start_up_done()
    assert gc.isenabled() and gc.get_freeze_count() > 0

    hold_for_start_up()
    late = Collector()
    late.tick()  # the first rows never came: the collector's tick ends the hold
    assert gc.isenabled()


def test_a_heavy_read_under_way_keeps_collection_paused_past_start_up(collector_state):
    hold_for_start_up()
    collector = Collector()
    with collector.paused():
        collector.start_up_done()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off(collector_state):
    gc.disable()
    hold_for_start_up()  # nothing to hold
    collector = Collector()
    collector.start_up_done()
    assert not gc.isenabled()


async def test_the_app_collects_again_once_its_first_rows_are_shown(
    sample_db, frozen, collector_state
):
    hold_for_start_up()
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.workspace.highlighted is not None
        assert gc.isenabled()


async def test_the_whole_queue_is_read_after_the_first_rows_reach_the_terminal(
    sample_db, frozen, monkeypatch
):
    """The whole queue's read keeps the interpreter busy for seconds on a large
    database: asked for before the first page is painted, it slows that paint."""
    from textual.app import App

    from followup_tui.ui.session_runner import SessionRunner

    painted: list[bool] = []  # one per update sent to the terminal: rows in it?
    asked_after: list[int] = []  # how many updates had gone out when the read was asked
    display, heavy = App._display, SessionRunner.heavy

    def displayed(self: App[object], screen: object, renderable: object) -> None:
        drawn = (
            renderable.__rich_console__(self.console, self.console.options) if renderable else ()
        )
        painted.append(" late" in "".join(segment.text for segment in drawn))  # a due row
        display(self, screen, renderable)  # type: ignore[arg-type]

    def asked(self: SessionRunner, kind: str, *args: object, **kwargs: object) -> None:
        if kind == "queue" and not asked_after:
            asked_after.append(len(painted))
        heavy(self, kind, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(App, "_display", displayed)
    monkeypatch.setattr(SessionRunner, "heavy", asked)
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    assert asked_after and any(painted[: asked_after[0]])
