"""Keys typed while a write is on its way act once the screen shows what it did:
`n d` typed at once dialed the prospect just logged (the list had not moved yet).
The write is held in its worker until both keys are in, so the race is certain."""

from __future__ import annotations

import threading
from functools import wraps

from textual import events

from followup_tui.ui.screens.choice import ChoiceScreen
from followup_tui.ui.widgets.queue_list import QueueList
from tests.ui.helpers import (
    make_app,
    notifications_told,
    press,
    select_caller,
    select_task,
    settle,
)

SIZE = (120, 36)


def _held(session, name: str) -> threading.Event:
    """Make the session's `name` wait in its worker until the returned event is set."""
    go = threading.Event()
    use_case = getattr(session, name)

    @wraps(use_case)
    def waiting(*args, **kwargs):
        assert go.wait(10), "the test never let the write go"
        return use_case(*args, **kwargs)

    setattr(session, name, waiting)
    return go


def _running(db) -> list[int]:
    return [row[0] for row in db.execute("SELECT prospect_id FROM touches WHERE outcome IS NULL")]


async def test_a_dial_typed_right_after_an_outcome_goes_to_the_next_prospect(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        caller = await select_caller(pilot)
        queue = app.screen.query_one(QueueList)
        await pilot.press("d")
        await settle(pilot)
        assert _running(sample_db) == [caller.id]
        go = _held(app.session, "log")
        await pilot.press("n", "d")  # typed at once: `d` comes before `n` is written
        assert _running(sample_db) == [caller.id]
        go.set()
        await settle(pilot)
        following = queue.highlighted
        assert following is not None and following.id != caller.id
        if isinstance(app.screen, ChoiceScreen):  # their step is a task: dial anyway?
            assert str(app.screen.question).startswith(f"{following.name}: ")
            await press(pilot, "s")
        assert _running(sample_db) == [following.id]


async def test_keys_typed_before_a_question_are_not_acted_on(sample_db, frozen):
    """`d` on a prospect it asks about (today's step is a task), then `n` at once:
    the `n` was typed for a dial that has not begun; it is said, not logged."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await select_task(pilot)
        told = notifications_told(app)
        logged = sample_db.execute("SELECT count(*) FROM touches").fetchone()[0]
        go = _held(app.session, "dial")
        await pilot.press("d", "n")
        go.set()
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)  # the question: dial anyway?
        assert sample_db.execute("SELECT count(*) FROM touches").fetchone()[0] == logged
        assert any("Not acted on, typed before this answer: n" in t for t in told), told


def _burst(app, *keys: str) -> None:
    """Keys read from the terminal at once (one read, as tmux send-keys and rolled
    keys over SSH deliver them): queued together before the first is handled."""
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)


async def test_a_move_typed_with_a_dial_moves_after_it(sample_db, frozen):
    """`d j` at once dialed the row below: the list ran `j` where it arrived, before
    `d` had bubbled up to the bindings."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        caller = await select_caller(pilot)
        queue = app.screen.query_one(QueueList)
        at = queue.cursor
        _burst(app, "d", "j")
        await settle(pilot)
        assert _running(sample_db) == [caller.id]
        assert queue.cursor == at + 1


async def test_keys_typed_on_after_an_outcome_come_before_the_power_dial(sample_db, frozen):
    """With power dialing on, `n d`: the `d` dials the next prospect; it paused the
    countdown the outcome began, and nothing was dialed."""
    from followup_tui.config import PowerDial, Settings

    settings = Settings(power_dial=PowerDial(auto_advance=True, wrap_up_seconds=5))
    app = make_app(sample_db, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")  # the calls view, where the power dial works
        caller = await select_caller(pilot)
        await press(pilot, "d")
        assert _running(sample_db) == [caller.id]
        go = _held(app.session, "log")
        _burst(app, "n", "d")
        await pilot.pause()
        go.set()
        await settle(pilot)
        following = app.screen.query_one(QueueList).highlighted
        assert following is not None and following.id != caller.id
        assert _running(sample_db) == [following.id]
