"""The follow-up engine as a rep meets it: held and not-now views, the give-up
guard, dialing past a cap, tasks, time zones."""

from __future__ import annotations

import pendulum

from followup_tui.domain import clock
from followup_tui.domain.clock import to_iso
from followup_tui.ui.screens.confirm import ConfirmScreen
from followup_tui.ui.screens.schedule import ScheduleScreen
from followup_tui.ui.screens.workspace import WorkspaceScreen
from followup_tui.ui.widgets.prospect_header import ProspectHeader
from followup_tui.ui.widgets.queue_list import QueueList
from tests.ui.helpers import make_app

SIZE = (120, 36)
# 07:30 in Chicago, 13:30 in London, 03:30 in Honolulu, 04:30 in Anchorage.
EARLY = pendulum.datetime(2026, 11, 23, 13, 30, tz="UTC")


def _rows(app):
    return app.screen.query_one(QueueList).rows


async def test_held_view_says_why_and_when_it_opens(sample_db):
    previous = clock.use(clock.Clock(EARLY, frozen=True))
    try:
        app = make_app(sample_db)
        async with app.run_test(size=SIZE) as pilot:
            due = {row.prospect.name for row in _rows(app)}
            assert "Maeve O'Brien [CEO]" not in due  # Chicago, 07:30
            await pilot.press("2")
            await pilot.pause()
            held = {row.prospect.name: row for row in _rows(app)}
            assert held["Maeve O'Brien [CEO]"].tag == "hours 08:00"
            assert app.screen.query_one(QueueList).border_title.startswith("Held")
            await pilot.press("1")
            await pilot.pause()
            assert {row.prospect.name for row in _rows(app)} == due
    finally:
        clock.use(previous)


async def test_not_now_parks_with_a_date_and_the_list_shows_it(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        first = app.screen.query_one(QueueList).highlighted
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, ScheduleScreen)
        await pilot.press("ctrl+a", "ctrl+k", *"+30d", "enter")
        await pilot.pause()
        if isinstance(app.screen, ConfirmScreen):  # fewer than 7 touches: the guard asks
            await pilot.press("y")
            await pilot.pause()
        row = sample_db["prospects"].get(first.id)
        assert row["status"] == "not_now"
        assert row["revisit_at"] == to_iso(frozen.now().start_of("second").add(days=30))
        assert (
            sample_db.execute(
                "SELECT count(*) FROM touches WHERE prospect_id = ? AND started_at >= ?",
                [first.id, to_iso(frozen.now())],
            ).fetchone()[0]
            == 0
        )  # parking logs no touch
        await pilot.press("3")
        await pilot.pause()
        names = [r.prospect.name for r in _rows(app)]
        assert first.name in names
        await pilot.press("u")  # undo brings them back
        await pilot.pause()
        assert sample_db["prospects"].get(first.id)["status"] == "active"


async def test_the_give_up_guard_asks_before_retiring_early(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        queue = app.screen.query_one(QueueList)
        early = next(p for p in queue.entries if p.touch_count < 6)
        queue.select_id(early.id)
        await pilot.press("x", "enter")  # not interested, revisit in 90 days
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.question)
        assert "Giving up early" in question and f"after {early.touch_count + 1} touch" in question
        await pilot.press("n")  # keep going
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert sample_db["prospects"].get(early.id)["status"] == "active"


async def test_no_guard_after_seven_touches(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        queue = app.screen.query_one(QueueList)
        veteran = next(p for p in queue.entries if p.touch_count >= 7)
        queue.select_id(veteran.id)
        await pilot.press("x", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert sample_db["prospects"].get(veteran.id)["status"] == "not_interested"


async def test_dialing_past_the_hours_asks_and_is_recorded_as_an_override(sample_db):
    previous = clock.use(clock.Clock(EARLY, frozen=True))
    try:
        app = make_app(sample_db)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash", *"Acme", "enter", "d")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            assert "outside calling hours" in str(app.screen.question)
            await pilot.press("y")
            await pilot.pause()
            dial = sample_db.execute(
                "SELECT override, notes FROM touches WHERE outcome IS NULL"
            ).fetchone()
            assert dial[0] == 1 and "override" in dial[1]
    finally:
        clock.use(previous)


async def test_l_logs_the_email_step_and_moves_the_cadence_on(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        queue = app.screen.query_one(QueueList)
        task = next(row for row in queue.rows if row.task == "email")
        queue.select_id(task.prospect.id)
        await pilot.pause()
        step_before = sample_db["prospects"].get(task.prospect.id)["cadence_step"]
        assert "next: email now" in str(app.screen.query_one(ProspectHeader).render())
        await pilot.press("l")
        await pilot.pause()
        touch = sample_db.execute(
            "SELECT channel, outcome FROM touches WHERE prospect_id = ? ORDER BY id DESC",
            [task.prospect.id],
        ).fetchone()
        assert tuple(touch) == ("email", "sent")
        assert sample_db["prospects"].get(task.prospect.id)["cadence_step"] == step_before + 1


async def test_set_zone_makes_an_unknown_zone_callable(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        caller = next(row.prospect for row in _rows(app) if not row.task)
        sample_db.execute(
            "UPDATE prospects SET phone_zones = '', timezone = NULL WHERE id = ?", [caller.id]
        )
        app.screen.reload()
        await pilot.press("2")
        await pilot.pause()
        assert any(r.prospect.id == caller.id and r.tag == "no zone" for r in _rows(app))
        app.screen.query_one(QueueList).select_id(caller.id)
        await pilot.pause()
        zone = "Europe/London"
        await pilot.press("Z", *zone, "enter")
        await pilot.pause()
        assert sample_db["prospects"].get(caller.id)["timezone"] == zone
        assert not any(r.prospect.id == caller.id for r in _rows(app))  # no longer held


async def test_no_to_the_guard_brings_the_connected_dialog_back_as_filled(sample_db, frozen):
    from followup_tui.ui.screens.connected import ConnectedScreen

    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        queue = app.screen.query_one(QueueList)
        early = next(r.prospect for r in queue.rows if r.prospect.touch_count < 5 and not r.task)
        queue.select_id(early.id)
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.dial is not None
        await pilot.press("c", *"Busy until [Jan]")
        app.screen.query_one("#not_now").value = True
        await pilot.pause()
        await pilot.press("enter")  # "+90d" is filled in
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ConnectedScreen)
        assert app.screen.query_one("#note").value == "Busy until [Jan]"
        assert app.screen.query_one("#not_now").value
        assert app.screen.query_one("#when").value == "+90d"


async def test_do_not_call_takes_y_not_enter(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        first = app.screen.query_one(QueueList).highlighted
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and app.screen.permanent
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # Enter does not confirm
        await pilot.press("y")
        await pilot.pause()
        row = sample_db["prospects"].get(first.id)
        assert row["do_not_call"] == 1
        messages = [n.message for n in app._notifications]
        assert any("permanent" in m for m in messages)


async def test_a_block_does_not_end_under_a_running_dial(sample_db, frozen):
    from followup_tui.ui.screens.call_block import BlockSummaryScreen

    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", "enter", "d")
        await pilot.pause()
        frozen.advance(61 * 60)
        app.screen._tick()
        await pilot.pause()
        assert app.screen.block is not None  # still on the call
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        await pilot.press("n")
        await pilot.pause()
        if isinstance(app.screen, WorkspaceScreen):  # the 1 s timer may not have run yet
            app.screen._tick()
            await pilot.pause()
        assert isinstance(app.screen, BlockSummaryScreen)
        assert app.screen.numbers.dials == 1


async def test_a_new_number_after_a_wrong_one_makes_them_callable_again(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        caller = next(row.prospect for row in _rows(app) if not row.task)
        app.screen.query_one(QueueList).select_id(caller.id)
        await pilot.pause()
        await pilot.press("w")  # wrong number: no more dials to it
        await pilot.pause()
        assert sample_db["prospects"].get(caller.id)["phone_bad"] == 1
        await pilot.press("slash", *caller.name, "enter", "E")
        await pilot.pause()
        phone = app.screen.query_one("#phone_raw")
        phone.value = "(312) 555-0177"
        await pilot.pause()
        assert "✓" in str(app.screen.query_one(".preview").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        row = sample_db["prospects"].get(caller.id)
        assert (row["phone_e164"], row["phone_bad"]) == ("+13125550177", 0)
        assert row["phone_zones"] == "America/Chicago"
        assert row["do_not_call"] == 0 and row["status"] == "active"


async def test_after_each_outcome_the_queue_is_what_a_full_rebuild_gives(sample_db, frozen):
    from followup_tui.domain.policy import Policy
    from followup_tui.store.prospects import queue_now

    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        for keys in (["n"], ["v"], ["j", "m"], ["s", *"+1h", "enter"], ["u"], ["l"], ["u"]):
            await pilot.press(*keys)
            await pilot.pause()
            while isinstance(app.screen, ConfirmScreen):
                await pilot.press("y")
                await pilot.pause()
            full = queue_now(sample_db, frozen.now(), Policy())
            assert [e.prospect.id for e in app.screen.queue.ready] == [
                e.prospect.id for e in full.ready
            ], keys
            assert [e.prospect.id for e in app.screen.queue.held] == [
                e.prospect.id for e in full.held
            ], keys


async def test_the_minute_refresh_reads_in_a_thread_and_never_undoes_a_change(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        first = screen.query_one(QueueList).highlighted
        frozen.advance(3600)  # an hour on: more prospects due, windows opened
        screen._refresh_queue()
        await screen.workers.wait_for_complete()
        await pilot.pause()
        from followup_tui.domain.policy import Policy
        from followup_tui.store.prospects import queue_now

        full = queue_now(sample_db, frozen.now(), Policy())
        assert [e.prospect.id for e in screen.queue.ready] == [e.prospect.id for e in full.ready]
        # A result read before a change must not overwrite it.
        stale = screen.queue
        await pilot.press("n")
        await pilot.pause()
        screen._apply_refresh(stale, screen.version - 1)
        assert first.id not in [e.prospect.id for e in screen.queue.ready]
