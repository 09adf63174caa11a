"""A call block from start to summary, with the clock fixed and moved by hand."""

from __future__ import annotations

from followup_tui.domain.display import duration_words
from followup_tui.store import call_blocks as block_store
from followup_tui.ui.screens.call_block import BlockSummaryScreen, StartBlockScreen
from followup_tui.ui.screens.choice import ChoiceScreen
from followup_tui.ui.screens.confirm import ConfirmScreen
from followup_tui.ui.screens.workspace import WorkspaceScreen
from followup_tui.ui.widgets.status_line import StatusLine
from tests.ui.helpers import make_app, press, screen_text, settle

SIZE = (120, 36)
# Ten dials: the keys after `d`, and how long each call lasts.
CALLS = [
    (["n"], 20), (["v"], 45), (["c", "enter"], 240), (["n"], 15),
    (["m", *"tomorrow", "space", *"10am", "enter"], 300),  # m asks when the meeting is
    (["w"], 10), (["n"], 25), (["v"], 50), (["c", "enter"], 120), (["n"], 18),
]  # fmt: skip


async def _answer_questions(pilot) -> None:
    """Say yes to any override or give-up question on the way (the first choice of a
    question answered by keys: keep a task due, or a call)."""
    while isinstance(pilot.app.screen, (ConfirmScreen, ChoiceScreen)):
        screen = pilot.app.screen
        await press(pilot, screen.choices[0][0] if isinstance(screen, ChoiceScreen) else "y")
        await settle(pilot)


async def test_a_block_start_to_summary(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "b")
        await settle(pilot)
        assert isinstance(app.screen, StartBlockScreen)
        await press(pilot, "ctrl+a", "ctrl+k", *"30", "tab", "ctrl+a", "ctrl+k", *"12", "enter")
        await settle(pilot)
        block = app.session.block
        assert (block.planned_minutes, block.goal_dials) == (30, 12)
        for number, (keys, seconds) in enumerate(CALLS, 1):
            await press(pilot, "d")
            await settle(pilot)
            await _answer_questions(pilot)
            frozen.advance(seconds)
            await press(pilot, *keys)
            await settle(pilot)
            await _answer_questions(pilot)
            assert isinstance(app.screen, WorkspaceScreen), number
            frozen.advance(30)  # wrap-up before the next dial
            if number == 5:
                await press(pilot, "p")  # a pause does not count as wrap-up or block time
                frozen.advance(600)
                await press(pilot, "p")
        app.screen._update_status()
        status = str(app.screen.query_one(StatusLine).render())
        assert "10/12" in status
        await press(pilot, "b")
        worked = sum(s for _, s in CALLS) + 30 * len(CALLS)
        asked = str(app.screen.question)  # the length as the summary will say it
        assert f"{duration_words(worked)} worked so far" in asked, asked
        await press(pilot, "y")
        await settle(pilot)
        assert isinstance(app.screen, BlockSummaryScreen)
        summary = app.screen.numbers
        rows = list(
            sample_db.query(
                "SELECT outcome, decision_maker FROM touches WHERE call_block_id = ?"
                " AND outcome IS NOT NULL",
                [block.id],
            )
        )
        assert summary.dials == len(rows) == 10
        conversations = {"connected", "meeting", "not_interested", "do_not_call"}
        assert summary.connects == sum(r["outcome"] in conversations for r in rows) == 3
        assert summary.meetings == sum(r["outcome"] == "meeting" for r in rows) == 1
        assert summary.wrap_up_s == 30  # the paused ten minutes are not wrap-up
        assert app.screen.worked_s == worked
        assert summary.dials_per_hour == 10 / (worked / 3600)
        await press(pilot, "enter")
        assert block_store.current_block(sample_db) is None


async def test_a_short_blocks_summary_says_its_length_in_words_and_no_pace(sample_db, frozen):
    """'7 of 50 dials in 1:13' could be an hour or a minute, and 'dials/h 345' after
    a minute broke the rule the status line keeps (5 dials and 10 minutes); wrap-up
    is said in words too ('1 s', not '0:01')."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "b", "enter")
        await settle(pilot)
        for _ in range(7):
            await press(pilot, "d")
            await _answer_questions(pilot)
            frozen.advance(9)
            await press(pilot, "n")
            await _answer_questions(pilot)
            frozen.advance(1)
        frozen.advance(3)
        await press(pilot, "b", "y")
        await settle(pilot)
        assert isinstance(app.screen, BlockSummaryScreen)
        headline = app.screen._headline().plain
        assert headline.endswith("7 of 50 dials in 1 min 13 s. 43 dials short of the goal.")
        text = screen_text(app)
        row = next(cell for cell in text.split("│") if "This block" in cell)
        assert row.split()[-3:] == ["–", "1", "s"], row  # no dials/h; a second of wrap-up


async def test_a_block_ends_when_its_time_is_up(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "b", "enter")  # 60 minutes, goal 50
        await settle(pilot)
        frozen.advance(61 * 60)
        app.screen._tick()
        await settle(pilot)
        assert isinstance(app.screen, BlockSummaryScreen)
        assert app.screen.numbers.dials == 0


async def test_pause_without_a_block_says_how_to_start_one(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "p")
        await settle(pilot)
        assert any("b starts one" in n.message for n in app._notifications)
