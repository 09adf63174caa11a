"""A block left open when the app quit, summed up the next day: the time worked
is the time known to be worked, and a block with no dials is no yardstick."""

from __future__ import annotations

from followup_tui.domain.display import duration_words
from followup_tui.store import call_blocks as block_store
from followup_tui.ui.screens.call_block import BlockSummaryScreen
from followup_tui.ui.screens.choice import ChoiceScreen
from followup_tui.ui.screens.confirm import ConfirmScreen
from tests.ui.helpers import make_app, press, screen_text, settle

SIZE = (120, 36)


async def _answer_questions(pilot) -> None:
    """Yes to any override or give-up question on the way, as test_call_block does."""
    while isinstance(pilot.app.screen, (ConfirmScreen, ChoiceScreen)):
        screen = pilot.app.screen
        await press(pilot, screen.choices[0][0] if isinstance(screen, ChoiceScreen) else "y")
        await settle(pilot)


async def _dial(pilot, frozen, seconds: int) -> None:
    await press(pilot, "d")
    await _answer_questions(pilot)
    frozen.advance(seconds)
    await press(pilot, "n")
    await _answer_questions(pilot)


async def test_a_block_left_open_overnight_is_summed_up_honestly(sample_db, frozen):
    """The trial: 'Call block over: 14 of 50 dials in 30 h 4 min', 'dials/h 0', and a
    9-second test block before it as 'Average of last 1  0  0' and 'Best of those 0'."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "b", "enter")  # a test block, ended at once
        frozen.advance(9)
        await press(pilot, "b", "y")
        await settle(pilot)
        assert isinstance(app.screen, BlockSummaryScreen)
        await press(pilot, "enter")
        frozen.advance(60)
        await press(pilot, "b", "enter")  # 60 minutes, goal 50
        await settle(pilot)
        block = app.session.block
        for _ in range(6):
            await _dial(pilot, frozen, 100)
            frozen.advance(20)
        # six dials of 100 s, 20 s apart: the last hung up at 11 min 40 s
    frozen.advance(30 * 3600)  # the app quit with the block open; back the next day
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen._tick()
        await settle(pilot)
        assert isinstance(app.screen, BlockSummaryScreen)
        worked = 6 * 100 + 5 * 20
        assert app.screen.worked_s == worked
        headline = app.screen._headline().plain
        assert f"6 of 50 dials in {duration_words(worked)}." in headline, headline
        assert app.screen.numbers.dials_per_hour == 6 / (worked / 3600)
        text = screen_text(app)
        assert "ran out while the app was closed" in " ".join(text.split())  # told why
        assert "Previous blocks" in text and "none yet" in text, text
        assert "Average of last" not in text
    dials = sample_db.execute(
        "SELECT count(*) FROM touches WHERE call_block_id = ? AND outcome IS NOT NULL",
        [block.id],
    ).fetchone()[0]
    assert dials == 6
    ended = block_store.get_block(sample_db, block.id)
    assert ended.ended_at == block.started_at.add(seconds=worked)


async def test_one_block_before_is_your_last_block_not_an_average_of_one():
    """'Average of last 1' and 'Best of those' for a single earlier block."""
    import pendulum
    from textual.app import App

    from followup_tui.domain.call_block import BlockTally, CallBlock

    start = pendulum.datetime(2026, 11, 23, 15, tz="UTC")
    block = CallBlock(2, start, 60, 50, (), start.add(minutes=60))
    earlier = BlockTally(dials=12, connects=2, decision_makers=1, meetings=0,
                         dials_per_hour=12.0, wrap_up_s=30.0, talk_s=300)  # fmt: skip

    class Shown(App[None]):
        def on_mount(self) -> None:
            self.push_screen(BlockSummaryScreen(block, earlier, [earlier], 3600.0))

    app = Shown()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Your last block" in text
        assert "Average of last" not in text and "Best of those" not in text
