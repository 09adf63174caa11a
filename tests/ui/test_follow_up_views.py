"""The follow-up engine as a rep meets it: held and not-now views, the give-up
guard, dialing past a cap, tasks, time zones."""

from __future__ import annotations

import pendulum
from textual.widgets import Input

from followup_tui.domain import clock
from followup_tui.domain.clock import from_iso, to_iso
from followup_tui.ui.screens.choice import ChoiceScreen
from followup_tui.ui.screens.confirm import ConfirmScreen
from followup_tui.ui.screens.schedule import ScheduleScreen
from followup_tui.ui.screens.workspace import WorkspaceScreen
from followup_tui.ui.widgets.prospect_header import ProspectHeader
from followup_tui.ui.widgets.queue_list import QueueList
from tests.ui.helpers import dial, make_app, press, say_how, screen_text, settle

SIZE = (120, 36)
# 07:30 in Chicago, 13:30 in London, 03:30 in Honolulu, 04:30 in Anchorage.
EARLY = pendulum.datetime(2026, 11, 23, 13, 30, tz="UTC")


def _rows(app):
    """Every row of the list as it reads now (rows are made when drawn)."""
    queue = app.screen.query_one(QueueList)
    return [queue.row_at(i) for i in range(queue.row_count)]


async def test_held_view_says_why_and_when_it_opens(sample_db):
    previous = clock.use(clock.Clock(EARLY, frozen=True))
    try:
        app = make_app(sample_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            due = {row.prospect.name for row in _rows(app)}
            assert "Maeve O'Brien [CEO]" not in due  # Chicago, 07:30
            await press(pilot, "2")
            await settle(pilot)
            held = {row.prospect.name: row for row in _rows(app)}
            assert held["Maeve O'Brien [CEO]"].tag == "hours 08:00"
            assert app.screen.query_one(QueueList).border_title.startswith("Held")
            await press(pilot, "1")
            await settle(pilot)
            assert {row.prospect.name for row in _rows(app)} == due
    finally:
        clock.use(previous)


async def test_back_in_a_view_the_rep_is_where_they_left_it(sample_db, frozen):
    """`2` to look at the held, `1` back: the cursor is on the prospect the rep left,
    not at the top of the list; a view never seen starts at its top."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        await press(pilot, "j", "j", "j")
        left = queue.highlighted
        assert queue.cursor == 3 and left is not None
        await press(pilot, "2")
        await settle(pilot)
        assert queue.cursor == 0  # first time in the held view
        await press(pilot, "j")
        held = queue.highlighted
        await press(pilot, "1")
        await settle(pilot)
        assert queue.highlighted == left and queue.cursor == 3
        await press(pilot, "2")
        await settle(pilot)
        assert queue.highlighted == held


async def test_not_now_parks_with_a_date_and_the_list_shows_it(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.screen.query_one(QueueList).highlighted
        await press(pilot, "z")
        await settle(pilot)
        assert isinstance(app.screen, ScheduleScreen)
        await press(pilot, "ctrl+a", "ctrl+k", *"+30d", "enter")
        await settle(pilot)
        if isinstance(app.screen, ConfirmScreen):  # fewer than 7 touches: the guard asks
            await press(pilot, "y")
            await settle(pilot)
        row = sample_db["prospects"].get(first.id)
        assert row["status"] == "not_now"
        # A date lands on the start of their calling window that day (Wed 23 Dec).
        their_zone = app.session.zone_for(first)
        back = from_iso(row["revisit_at"]).in_tz(their_zone)
        assert (back.date(), back.hour, back.minute) == (
            frozen.now().in_tz(their_zone).add(days=30).date(),
            8,
            0,
        )
        assert (
            sample_db.execute(
                "SELECT count(*) FROM touches WHERE prospect_id = ? AND started_at >= ?",
                [first.id, to_iso(frozen.now())],
            ).fetchone()[0]
            == 0
        )  # parking logs no touch
        await press(pilot, "3")
        await settle(pilot)
        names = [r.prospect.name for r in _rows(app)]
        assert first.name in names
        await press(pilot, "u")  # undo brings them back
        await settle(pilot)
        assert sample_db["prospects"].get(first.id)["status"] == "active"


async def test_the_give_up_guard_asks_before_retiring_early(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        early = next(p for p in queue.entries if p.touch_count < 6)
        queue.select_id(early.id)
        await press(pilot, "x", "enter")  # not interested, revisit in 90 days
        await settle(pilot)
        # No dial ran: the guard's question also asks how it came (one key each).
        assert isinstance(app.screen, ChoiceScreen)
        question = str(app.screen.question)
        assert "Giving up early" in question and f"after {early.touch_count + 1} touch" in question
        assert "(counting this one)" in question  # the header still says the count before
        assert "Retire anyway? If so, how did you hear from them?" in question
        assert "Esc: Keep them" in screen_text(app)
        await press(pilot, "escape")  # keep going
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        assert sample_db["prospects"].get(early.id)["status"] == "active"


async def test_no_guard_after_seven_touches(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        veteran = next(p for p in queue.entries if p.touch_count >= 7)
        queue.select_id(veteran.id)
        await press(pilot, "x", "enter")
        await say_how(pilot, "e")
        assert isinstance(app.screen, WorkspaceScreen)
        assert isinstance(app.screen, WorkspaceScreen)
        assert sample_db["prospects"].get(veteran.id)["status"] == "not_interested"


async def test_dialing_past_the_hours_asks_and_is_recorded_as_an_override(sample_db):
    previous = clock.use(clock.Clock(EARLY, frozen=True))
    try:
        app = make_app(sample_db)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await press(pilot, "slash", *"Acme", "enter")
            await dial(pilot)
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen)
            assert "outside calling hours" in str(app.screen.question)
            await press(pilot, "enter")  # pressed all day: never an override
            assert isinstance(app.screen, ConfirmScreen) and app.session.running is None
            await press(pilot, "y")
            await settle(pilot)
            running = sample_db.execute(
                "SELECT override, notes FROM touches WHERE outcome IS NULL"
            ).fetchone()
            assert running[0] == 1 and "override" in running[1]
    finally:
        clock.use(previous)


async def test_l_logs_the_email_step_and_moves_the_cadence_on(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        task = next(row for row in _rows(app) if row.task == "email")
        queue.select_id(task.prospect.id)
        await settle(pilot)
        step_before = sample_db["prospects"].get(task.prospect.id)["cadence_step"]
        assert "next: email now" in str(app.screen.query_one(ProspectHeader).render())
        await press(pilot, "l")
        await settle(pilot)
        touch = sample_db.execute(
            "SELECT channel, outcome FROM touches WHERE prospect_id = ? ORDER BY id DESC",
            [task.prospect.id],
        ).fetchone()
        assert tuple(touch) == ("email", "sent")
        assert sample_db["prospects"].get(task.prospect.id)["cadence_step"] == step_before + 1


async def test_set_zone_makes_an_unknown_zone_callable(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        caller = next(row.prospect for row in _rows(app) if not row.task)
        sample_db.execute(
            "UPDATE prospects SET phone_zones = '', timezone = NULL WHERE id = ?", [caller.id]
        )
        app.screen._keep_up()  # what the timer does: another connection wrote
        await settle(pilot)
        await press(pilot, "2")
        await settle(pilot)
        assert any(r.prospect.id == caller.id and r.tag == "no zone" for r in _rows(app))
        app.screen.query_one(QueueList).select_id(caller.id)
        await settle(pilot)
        zone = "Europe/London"
        await press(pilot, "Z", *zone, "enter")
        await settle(pilot)
        assert sample_db["prospects"].get(caller.id)["timezone"] == zone
        assert not any(r.prospect.id == caller.id for r in _rows(app))  # no longer held


async def test_no_to_the_guard_brings_the_connected_dialog_back_as_filled(sample_db, frozen):
    from followup_tui.ui.screens.connected import ConnectedScreen

    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        early = next(r.prospect for r in _rows(app) if r.prospect.touch_count < 5 and not r.task)
        queue.select_id(early.id)
        await dial(pilot)
        await settle(pilot)
        assert app.session.running is not None
        await press(pilot, "c", *"Busy until [Jan]")
        app.screen.query_one("#not_now").value = True
        await settle(pilot)
        await press(pilot, "enter")  # "+90d" is filled in
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        await settle(pilot)
        assert isinstance(app.screen, ConnectedScreen)
        assert app.screen.query_one("#note").value == "Busy until [Jan]"
        assert app.screen.query_one("#not_now").value
        assert app.screen.query_one("#when").value == "+90d"


async def test_a_date_typed_over_the_offered_one_replaces_it(sample_db, frozen):
    """Not now offers "+90d"; typing "jan 15" there read "+90djan 15", where `z` and
    `x` replace theirs. What the rep typed before is kept when they come back to it."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await dial(pilot)
        await press(pilot, "c")
        app.screen.query_one("#not_now").value = True
        await settle(pilot)
        when = app.screen.query_one("#when", Input)
        assert when.value == "+90d"
        when.focus()
        await press(pilot, *"jan 15")
        assert when.value == "jan 15"
        app.screen.query_one("#note").focus()
        when.focus()
        await press(pilot, "space", *"9am")
        assert when.value == "jan 15 9am"  # their own text: typed on, not over


async def test_do_not_call_takes_y_not_enter(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.screen.query_one(QueueList).highlighted
        dials = app.session.numbers().day.dials
        await press(pilot, "D")
        await settle(pilot)
        # No dial ran: one key says yes and how it came.
        assert isinstance(app.screen, ChoiceScreen) and "permanent" in str(app.screen.question)
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)  # Enter does not confirm
        await press(pilot, "e")
        await settle(pilot)
        assert app.session.numbers().day.dials == dials  # an email is no dial
        row = sample_db["prospects"].get(first.id)
        assert row["do_not_call"] == 1
        messages = [n.message for n in app._notifications]
        assert any("permanent" in m for m in messages)


async def test_a_block_does_not_end_under_a_running_dial(sample_db, frozen):
    from followup_tui.ui.screens.call_block import BlockSummaryScreen

    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "b", "enter")
        await dial(pilot)
        await settle(pilot)
        frozen.advance(61 * 60)
        app.screen._tick()
        await settle(pilot)
        assert app.session.block is not None  # still on the call
        await press(pilot, "b")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        await press(pilot, "n")
        await settle(pilot)
        if isinstance(app.screen, WorkspaceScreen):  # the 1 s timer may not have run yet
            app.screen._tick()
            await settle(pilot)
        assert isinstance(app.screen, BlockSummaryScreen)
        assert app.screen.numbers.dials == 1


async def test_a_new_number_after_a_wrong_one_makes_them_callable_again(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        caller = next(row.prospect for row in _rows(app) if not row.task)
        app.screen.query_one(QueueList).select_id(caller.id)
        await settle(pilot)
        await press(pilot, "w")  # wrong number: no more dials to it
        await say_how(pilot, "c")
        assert sample_db["prospects"].get(caller.id)["phone_bad"] == 1
        await press(pilot, "slash", *caller.name, "enter", "E")
        await settle(pilot)
        phone = app.screen.query_one("#phone_raw")
        phone.value = "(312) 555-0177"
        await settle(pilot)
        assert "✓" in str(app.screen.query_one(".preview").render())
        await press(pilot, "ctrl+s")
        await settle(pilot)
        row = sample_db["prospects"].get(caller.id)
        assert (row["phone_e164"], row["phone_bad"]) == ("+13125550177", 0)
        assert row["phone_zones"] == "America/Chicago"
        assert row["do_not_call"] == 0 and row["status"] == "active"


async def test_after_each_outcome_the_queue_is_what_a_full_rebuild_gives(sample_db, frozen):
    from followup_tui.domain.policy import Policy
    from followup_tui.store.prospects import queue_now

    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for keys in (
            ["n"],
            ["v"],
            ["j", "m", *"tomorrow 10am", "enter", "c"],
            ["s", *"+1h", "enter"],
            ["u"],
            ["l"],
            ["u"],
        ):
            await press(pilot, *keys)
            await settle(pilot)
            while isinstance(app.screen, ConfirmScreen):
                await press(pilot, "y")
                await settle(pilot)
            full = queue_now(sample_db, frozen.now(), Policy())
            assert [e.prospect.id for e in app.session.queue.ready] == [
                e.prospect.id for e in full.ready
            ], keys
            assert [e.prospect.id for e in app.session.queue.held] == [
                e.prospect.id for e in full.held
            ], keys


async def test_the_refresh_takes_in_who_became_due_and_never_undoes_a_change(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        session = app.session
        first = screen.query_one(QueueList).highlighted
        frozen.advance(3600)  # an hour on: more prospects due, windows opened
        screen._keep_up()
        await settle(pilot)
        from followup_tui.domain.policy import Policy
        from followup_tui.store.prospects import queue_now

        full = queue_now(sample_db, frozen.now(), Policy())
        assert [e.prospect.id for e in session.queue.ready] == [e.prospect.id for e in full.ready]
        assert [e.prospect.id for e in session.queue.held] == [e.prospect.id for e in full.held]
        # A whole queue read before a change is merged, never allowed to undo it.
        stale, since = session.read_queue()
        await press(pilot, "n")
        session.merge_queue(stale, since)
        assert first.id not in [e.prospect.id for e in session.queue.ready]
