"""Issue 9 through the keys: what each key leaves in the database."""

from __future__ import annotations

import pytest

from followup_tui.domain.clock import from_iso
from followup_tui.domain.queue import current_step
from followup_tui.store import touches as touch_store
from followup_tui.ui.screens.choice import ChoiceScreen
from followup_tui.ui.screens.confirm import ConfirmScreen
from followup_tui.ui.screens.note import NoteScreen
from followup_tui.ui.screens.workspace import WorkspaceScreen
from followup_tui.ui.widgets.queue_list import QueueList
from tests.ui.helpers import dial, make_app, press, settle

SIZE = (120, 36)


def _last(db, prospect_id):
    return db.execute(
        "SELECT channel, outcome, duration_s, talk_s, notes FROM touches"
        " WHERE prospect_id = ? ORDER BY id DESC LIMIT 1",
        [prospect_id],
    ).fetchone()


def _select(app, predicate):
    queue = app.screen.query_one(QueueList)
    for i in range(queue.row_count):
        row = queue.row_at(i)
        if predicate(row):
            queue.select_id(row.prospect.id)
            return row.prospect
    raise AssertionError("no such row")


async def test_n_on_an_email_step_keeps_the_email_due(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        prospect = _select(app, lambda row: row.task)
        step = current_step(prospect, app.session.policy)
        await press(pilot, "d")
        assert isinstance(app.screen, ChoiceScreen)  # says it is an email day, and asks
        assert step is not None and step.label in str(app.screen.question)
        await press(pilot, "k")
        frozen.advance(30)
        await press(pilot, "n")
        await settle(pilot)
        row = sample_db["prospects"].get(prospect.id)
        assert row["cadence_step"] == prospect.cadence_step  # the task was not skipped
        assert _last(sample_db, prospect.id)[:3] == ("call", "no_answer", 30)
        messages = [n.message for n in app._notifications]
        assert any("stays due" in m for m in messages)


async def test_a_time_typed_during_a_dial_is_kept_after_the_outcome(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.screen.query_one(QueueList).highlighted
        await dial(pilot)
        await press(pilot, "s", *"tomorrow 10am", "enter")
        await settle(pilot)
        frozen.advance(40)
        await press(pilot, "n")
        await settle(pilot)
        stored = from_iso(sample_db["prospects"].get(first.id)["next_touch_at"])
        local = stored.in_tz(app.session.zone_for(first))
        tomorrow = frozen.now().in_tz(local.timezone_name).add(days=1)
        assert (local.date(), local.hour, local.minute) == (tomorrow.date(), 10, 0)


async def test_a_dial_left_unlogged_elsewhere_counts_toward_the_caps(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        prospect = _select(app, lambda row: not row.task)
        touch_store.start_dial(sample_db, prospect.id, frozen.now())  # a second window
        frozen.advance(20 * 60)
        await press(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)  # the daily cap: dial anyway?
        assert "override" in str(app.screen.question)


@pytest.mark.parametrize("keys", [["D"], ["m", *"tomorrow 10am", "enter"], ["x", "enter"]])
async def test_outcomes_without_a_dial_ask_how_and_only_calls_are_dials(sample_db, frozen, keys):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        prospect = app.screen.query_one(QueueList).highlighted
        dials = app.session.numbers().day.dials
        await press(pilot, *keys)
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        await press(pilot, "e")
        await settle(pilot)
        while isinstance(app.screen, ConfirmScreen):  # a question after it, if any
            await press(pilot, "y")
        assert isinstance(app.screen, WorkspaceScreen)
        assert _last(sample_db, prospect.id)[0] == "email"
        assert app.session.numbers().day.dials == dials


async def test_a_adds_a_note_to_the_touch_just_logged(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.screen.query_one(QueueList).highlighted
        await dial(pilot)
        frozen.advance(25)
        await press(pilot, "n", "a")
        assert isinstance(app.screen, NoteScreen)
        await press(pilot, *"gatekeeper Linda, try mornings", "enter")
        await settle(pilot)
        channel, outcome, duration, _, notes = _last(sample_db, first.id)
        assert (channel, outcome, duration) == ("call", "no_answer", 25)
        assert notes.endswith("gatekeeper Linda, try mornings")
        # The note does not bring the one just logged back: the panes and `d` are for
        # whoever the list moved on to.
        following = app.screen.query_one(QueueList).highlighted
        assert following is not None and following.id != first.id
        assert app.screen.file.file.prospect.id == following.id
        await dial(pilot)
        assert app.session.running.prospect.id == following.id


async def test_escape_on_a_dial_that_rang_asks_first(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await dial(pilot)
        frozen.advance(20)
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")  # keep dialing
        assert app.session.running is not None
        await press(pilot, "escape", "y")
        await settle(pilot)
        assert app.session.running is None


async def test_h_ends_the_call_while_the_rep_finishes_the_note(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.screen.query_one(QueueList).highlighted
        await dial(pilot)
        frozen.advance(50)
        await press(pilot, "h")
        frozen.advance(60)
        await press(pilot, "v")
        await settle(pilot)
        assert _last(sample_db, first.id)[:3] == ("call", "voicemail", 50)
