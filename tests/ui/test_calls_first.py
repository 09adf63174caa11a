"""Calls first: the calls view (and `1` during a block), the tasks view with the email
address, the power dial's wrap-up countdown, and email steps opened as mailto: URIs.
The clock is frozen and moved by hand; the countdown is driven by its tick handler."""

from __future__ import annotations

from followup_tui.config import PowerDial, Settings
from followup_tui.domain.queue import is_call_entry
from followup_tui.ui.screens.call_block import StartBlockScreen
from followup_tui.ui.screens.choice import ChoiceScreen
from followup_tui.ui.widgets.countdown import Countdown
from followup_tui.ui.widgets.queue_list import QueueList
from tests.ui.helpers import make_app, press, queue_text, settle

SIZE = (120, 36)
POWER = Settings(power_dial=PowerDial(auto_advance=True, wrap_up_seconds=5))


def _queue(app) -> QueueList:
    return app.screen.query_one(QueueList)


def _touches(db) -> list[dict]:
    return list(db.query("SELECT * FROM touches WHERE outcome IS NOT NULL ORDER BY id"))


async def _start_block(pilot) -> None:
    await press(pilot, "b")
    assert isinstance(pilot.app.screen, StartBlockScreen)
    await press(pilot, "enter")  # 60 minutes, goal 50
    await settle(pilot)
    assert pilot.app.session.block is not None


def _countdown_text(app) -> str:
    countdown = app.screen.query_one(Countdown)
    return str(countdown.render()) if countdown.has_class("-shown") else ""


async def test_a_block_goes_from_call_to_call_and_tasks_wait_in_their_view(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = _queue(app)
        assert not all(is_call_entry(e) for e in queue.rows)  # tasks mixed in before the block
        await _start_block(pilot)
        assert queue.border_title.startswith("Calls · ")
        assert "tasks wait (5 shows them)" in queue.border_subtitle
        assert queue.cursor == 0 and queue.rows and all(is_call_entry(e) for e in queue.rows)
        dialed = []
        for _ in range(10):  # ten dials, never a j
            rows = [e.prospect.id for e in queue.rows]
            at = queue.cursor
            await press(pilot, "d")
            assert app.session.running is not None, "a call step dials without a question"
            dialed.append(app.session.running.prospect.id)
            frozen.advance(20)
            await press(pilot, "n")
            assert all(is_call_entry(e) for e in queue.rows)
            assert queue.highlighted.id == rows[at + 1]  # the next call, with no j
        assert len(set(dialed)) == 10
        logged = _touches(sample_db)[-10:]
        assert [t["prospect_id"] for t in logged] == dialed
        assert {(t["channel"], t["outcome"]) for t in logged} == {("call", "no_answer")}
        # The tasks wait in their view, email steps with the address.
        await press(pilot, "5")
        assert queue.border_title.startswith("Tasks · ")
        tasks = list(queue.rows)
        assert tasks and not any(is_call_entry(e) for e in tasks)
        email = next(e for e in tasks if e.step.channel == "email")
        queue.select_id(email.prospect.id)
        await settle(pilot)
        row = queue.row_at(queue.cursor)
        assert row.detail == email.prospect.email  # where the company was
        assert f"email {email.prospect.email[:20]}" in queue_text(app)
        # `1` during the block is the calls view too; `4` is it at any time.
        await press(pilot, "1")
        assert queue.border_title.startswith("Calls · ") and queue.cursor == 0


async def test_4_shows_the_calls_without_a_block_and_1_everything(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = _queue(app)
        everything = len(queue.rows)
        await press(pilot, "4")
        calls = [e.prospect.id for e in queue.rows]
        assert calls == [e.prospect.id for e in app.session.queue.ready if is_call_entry(e)]
        await press(pilot, "5")
        assert len(calls) + len(queue.rows) == everything
        await press(pilot, "1")
        assert len(queue.rows) == everything and queue.border_title.startswith("Due now")


async def test_the_countdown_dials_the_next_call_when_it_runs_out(sample_db, frozen):
    app = make_app(sample_db, POWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _start_block(pilot)
        screen, queue = app.screen, _queue(app)
        next_call = queue.rows[1].prospect
        await press(pilot, "d")
        frozen.advance(30)
        await press(pilot, "n")
        assert queue.highlighted.id == next_call.id
        assert f"Next call: {next_call.name} in 5 s" in _countdown_text(app)
        assert app.session.running is None  # nothing is dialed before the countdown ends
        frozen.advance(2)
        screen._countdown_tick()
        assert "in 3 s" in _countdown_text(app)
        frozen.advance(3)
        screen._countdown_tick()
        await settle(pilot)
        assert app.session.running is not None
        assert app.session.running.prospect.id == next_call.id
        assert _countdown_text(app) == ""


async def test_any_key_pauses_the_countdown_and_esc_ends_power_dialing(sample_db, frozen):
    app = make_app(sample_db, POWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _start_block(pilot)
        screen, queue = app.screen, _queue(app)
        await press(pilot, "d")
        frozen.advance(15)
        await press(pilot, "v")
        assert "in 5 s" in _countdown_text(app)
        at = queue.cursor
        await press(pilot, "j")  # pauses; the key does nothing else
        assert queue.cursor == at
        assert "paused" in _countdown_text(app)
        frozen.advance(60)
        screen._countdown_tick()
        await settle(pilot)
        assert app.session.running is None  # a paused countdown never dials
        await press(pilot, "j")  # once paused, keys work again
        assert queue.cursor == at + 1
        await press(pilot, "escape")
        assert _countdown_text(app) == "" and not screen.power
        # Power dialing off: the next outcome starts no countdown.
        await press(pilot, "d")
        frozen.advance(15)
        await press(pilot, "n")
        assert _countdown_text(app) == ""
        await press(pilot, "A")  # on again
        assert screen.power


async def test_d_while_paused_dials_and_the_countdown_comes_back_after_its_outcome(
    sample_db, frozen
):
    app = make_app(sample_db, POWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")  # the calls view, without a block
        await press(pilot, "d")
        frozen.advance(15)
        await press(pilot, "n")
        assert "in 5 s" in _countdown_text(app)
        await press(pilot, "k")  # paused
        await press(pilot, "d")
        assert app.session.running is not None and _countdown_text(app) == ""
        frozen.advance(15)
        await press(pilot, "n")
        assert "in 5 s" in _countdown_text(app)


async def test_no_countdown_in_the_due_view_or_after_a_task(sample_db, frozen):
    app = make_app(sample_db, POWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "d")  # `1` without a block mixes tasks in: no power dial there
        if isinstance(app.screen, ChoiceScreen):
            await press(pilot, "k")
        frozen.advance(15)
        await press(pilot, "n")
        assert _countdown_text(app) == ""
