"""The main loop, driven by keys against a real temporary database."""

from __future__ import annotations

import pendulum
from textual.containers import VerticalScroll
from textual.widgets import Input

from followup_tui.domain.clock import from_iso, to_iso
from followup_tui.domain.local_time import their_time
from followup_tui.domain.models import Prospect
from followup_tui.store import prospects as store
from followup_tui.ui.screens.confirm import ConfirmScreen
from followup_tui.ui.screens.connected import ConnectedScreen
from followup_tui.ui.screens.find import FindScreen
from followup_tui.ui.screens.help import HelpScreen
from followup_tui.ui.screens.schedule import ScheduleScreen
from followup_tui.ui.screens.workspace import WorkspaceScreen
from followup_tui.ui.widgets.prospect_header import ProspectHeader
from followup_tui.ui.widgets.queue_list import LABELS, QueueList
from followup_tui.ui.widgets.status_line import StatusLine
from tests.ui.helpers import (
    dial,
    make_app,
    notifications_told,
    press,
    say_how,
    screen_text,
    settle,
)

SIZE = (120, 36)


def _first_due(app):
    return app.screen.query_one(QueueList).highlighted


def _touches(db, prospect_id):
    return list(db.query("SELECT * FROM touches WHERE prospect_id = ? ORDER BY id", [prospect_id]))


async def test_dial_wait_no_answer_logs_a_timed_touch_and_moves_on(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = _first_due(app)
        second = app.screen.query_one(QueueList).entries[1]
        before = len(_touches(sample_db, first.id))
        await dial(pilot)
        running = sample_db.execute("SELECT * FROM touches WHERE outcome IS NULL").fetchall()
        assert len(running) == 1  # the dial is in the database before any outcome
        frozen.advance(42)
        await press(pilot, "n")
        await settle(pilot)
        rows = _touches(sample_db, first.id)
        assert len(rows) == before + 1
        touch = rows[-1]
        assert (touch["channel"], touch["outcome"], touch["duration_s"]) == (
            "call",
            "no_answer",
            42,
        )
        assert touch["started_at"] == to_iso(frozen.now().subtract(seconds=42))
        prospect = store.get_prospect(sample_db, first.id)
        local_now = their_time(prospect, frozen.now())
        assert prospect.next_touch_at == local_now.start_of("minute").add(days=2)  # Mon -> Wed
        assert _first_due(app).id == second.id
        assert first.id not in [p.id for p in app.screen.query_one(QueueList).entries]


async def test_undo_opens_the_dial_again_and_esc_then_asks_before_discarding_it(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = _first_due(app)
        before = len(_touches(sample_db, first.id))
        told = notifications_told(app)
        await dial(pilot)
        frozen.advance(20)
        await press(pilot, "n")
        await press(pilot, "u")
        await settle(pilot)
        assert store.get_prospect(sample_db, first.id).next_touch_at == first.next_touch_at
        assert sample_db["undo_log"].count == 0
        assert app.session.running is not None and app.session.running.prospect.id == first.id
        assert "open again" in told[-1]
        await press(pilot, "escape")  # the dial rang 20 s: asked, not dropped
        await settle(pilot)
        assert "Discard the dial to" in screen_text(app)
        assert "Keep it to log" in screen_text(app)  # it ended: "Keep dialing" was wrong
        await press(pilot, "enter")  # what is lost cannot come back: `y` only
        assert "Discard the dial to" in screen_text(app)
        await press(pilot, "y")
        await settle(pilot)
        assert len(_touches(sample_db, first.id)) == before
        assert app.session.running is None


async def test_undoing_a_talk_with_the_decision_maker_keeps_the_tick(sample_db, frozen):
    """`c` with "decision maker" ticked, logged, then `u`: the next `c` starts ticked,
    as the note is kept; logged again unticked, the conversation left the stats."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = _first_due(app)
        await dial(pilot)
        frozen.advance(60)
        await press(pilot, "c")
        await settle(pilot)
        app.screen.query_one("#dm").value = True
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert _touches(sample_db, first.id)[-1]["decision_maker"] == 1
        await press(pilot, "u")
        await settle(pilot)
        assert app.session.running is not None and app.session.running.prospect.id == first.id
        await press(pilot, "c")
        await settle(pilot)
        assert isinstance(app.screen, ConnectedScreen)
        assert app.screen.query_one("#dm").value is True


async def test_voicemail_meeting_not_interested_without_a_dial(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        logged = {}
        for keys, outcome in (
            (["v"], "voicemail"),
            (["m", *"tomorrow", "space", *"10am", "enter"], "meeting"),  # asks when
            (["x", "enter"], "not_interested"),
        ):
            logged[outcome] = _first_due(app).id
            await press(pilot, *keys)
            await say_how(pilot, "c")  # no dial ran: a call from the desk phone
            if isinstance(app.screen, ConfirmScreen):  # the give-up guard
                await press(pilot, "y")
                await settle(pilot)
        for outcome, pid in logged.items():
            touch = _touches(sample_db, pid)[-1]
            assert (touch["outcome"], touch["channel"]) == (outcome, "call")
            assert touch["duration_s"] is None  # no dial was running
        assert sample_db["prospects"].get(logged["meeting"])["status"] == "meeting"
        assert _touches(sample_db, logged["meeting"])[-1]["meeting_at"]  # when it is
        parked = sample_db["prospects"].get(logged["not_interested"])
        assert parked["status"] == "not_interested" and parked["revisit_at"]


async def test_connected_asks_for_a_note_and_the_next_step(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = _first_due(app)
        await dial(pilot)
        frozen.advance(185)
        await press(pilot, "c")
        await settle(pilot)
        assert isinstance(app.screen, ConnectedScreen)
        await press(pilot, *"Busy [Q4 close]; call back Thu")
        app.screen.query_one("#dm").value = True
        app.screen.query_one("#callback").value = True
        await settle(pilot)
        when = app.screen.query_one("#when", Input)
        assert not when.disabled
        when.value = "thu 3pm"
        await settle(pilot)
        assert "their time" in str(app.screen.query_one(".preview").render())
        assert "Call back: thu 3pm" in screen_text(app)  # what the date is for, once typed
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        touch = _touches(sample_db, first.id)[-1]
        assert touch["outcome"] == "connected"
        assert touch["notes"] == "Busy [Q4 close]; call back Thu"
        assert touch["decision_maker"] == 1 and touch["duration_s"] == 185
        prospect = store.get_prospect(sample_db, first.id)
        assert prospect.next_touch_is_callback
        local = prospect.next_touch_at.in_tz(their_time(prospect, frozen.now()).timezone_name)
        assert (local.day_of_week, local.hour) == (pendulum.THURSDAY, 15)


async def test_connected_dialog_can_be_cancelled_and_keeps_the_dial(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await dial(pilot)
        await press(pilot, "c")
        await press(pilot, "escape")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.session.running is not None
        assert (
            sample_db.execute("SELECT count(*) FROM touches WHERE outcome IS NULL").fetchone()[0]
            == 1
        )


async def test_schedule_plus_3d_moves_the_next_touch(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = _first_due(app)
        await press(pilot, "s")
        await settle(pilot)
        assert isinstance(app.screen, ScheduleScreen)
        await press(pilot, "+", "3", "d", "enter")
        await settle(pilot)
        row = sample_db["prospects"].get(first.id)
        assert from_iso(row["next_touch_at"]) == frozen.now().start_of("second").add(days=3)
        assert row["next_touch_is_callback"] == 0  # the rep's plan, not a promise
        assert first.id not in [p.id for p in app.screen.query_one(QueueList).entries]


async def test_unreadable_schedule_shows_an_inline_error_and_saves_nothing(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = _first_due(app)
        await press(pilot, "s", *"next blursday", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ScheduleScreen)  # still open, no crash
        assert "Can't read" in str(app.screen.query_one(".preview").render())
        await press(pilot, "escape")
        assert sample_db["prospects"].get(first.id)["next_touch_at"] == to_iso(first.next_touch_at)


async def test_find_by_phone_digits_opens_a_prospect_that_is_not_due(sample_db, frozen):
    future = next(
        row for row in sample_db.query(
            "SELECT id, name, phone_e164 FROM prospects WHERE status = 'active'"
            " AND next_touch_at > ? ORDER BY id LIMIT 1", [to_iso(frozen.now())]
        )
    )  # fmt: skip
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await settle(pilot)
        assert isinstance(app.screen, FindScreen)
        told = notifications_told(app)
        await press(pilot, *future["phone_e164"][-10:], "enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.screen.file.file.prospect.id == future["id"]
        # Not "not due now": the same words came for a held prospect, which is due.
        assert f"{future['name']} is not on this list; shown anyway" in " ".join(told)


async def test_after_find_the_first_move_comes_back_to_the_lists_row(sample_db, frozen):
    """A found prospect who is not due shows beside the list's highlighted row: `j`
    went past that row unseen (and `g` at the top kept the found one, so `d` dialed
    someone other than the highlighted row). The first move shows the list's row."""
    future = next(
        row for row in sample_db.query(
            "SELECT id FROM prospects WHERE status = 'active'"
            " AND next_touch_at > ? ORDER BY id LIMIT 1", [to_iso(frozen.now())]
        )
    )  # fmt: skip
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        for key in ("j", "g"):
            row = queue.highlighted
            app.screen.open_prospect(future["id"])  # what choosing them in find does
            await settle(pilot)
            assert app.screen.file.file.prospect.id == future["id"]
            await press(pilot, key)
            await settle(pilot)
            assert queue.highlighted == row, key  # it stayed
            assert app.screen.file.file.prospect.id == row.id, key  # and shows
        await press(pilot, "j")
        assert queue.cursor == 1  # the next move moves


async def test_finding_the_row_the_list_is_on_shows_them_not_the_one_found_before(
    sample_db, frozen
):
    """Find a do-not-call prospect (opened on their own), then find the one the list's
    cursor is on: the cursor did not move, and the header stayed on the first, so
    `d` said "Carla Park is on the do-not-call list"."""
    (dnc,) = sample_db.execute(
        "SELECT id FROM prospects WHERE do_not_call = 1 ORDER BY id LIMIT 1"
    ).fetchone()
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        row = app.screen.query_one(QueueList).highlighted
        app.screen.open_prospect(dnc)  # what choosing them in find does
        await settle(pilot)
        assert app.screen.file.file.prospect.id == dnc
        app.screen.open_prospect(row.id)
        await settle(pilot)
        assert app.screen.file.file.prospect.id == row.id
        assert app.screen._on_screen() is not None and app.screen._on_screen().id == row.id


async def test_enter_while_the_search_is_under_way_opens_its_first_result():
    """The rep types and presses Enter just as the search for the whole text has gone
    out: the first result opens when it comes, not an older result, and Enter is
    never lost."""
    from textual.app import App

    asked: list[str] = []
    chosen: list[int | None] = []

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(FindScreen(asked.append), chosen.append)

    app = Host()
    async with app.run_test() as pilot:
        find = app.screen
        assert isinstance(find, FindScreen)
        await pilot.press(*"Acme")
        find._timer.stop()
        find._ask()  # the pause in the typing came: the search went out
        find.show_results("Acm", [Prospect(7, "Older result")])  # late, for older text
        await pilot.press("enter")
        assert chosen == [] and app.screen is find
        find.show_results("Acme", [Prospect(3, "Maeve O'Brien"), Prospect(4, "Other")])
        await pilot.pause()
        assert chosen == [3] and asked == ["Acme"]


async def test_user_text_with_brackets_renders_literally_and_crashes_nothing(sample_db, frozen):
    app = make_app(sample_db)
    told = notifications_told(app)  # each key clears the ones before it
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        for query, shown in (
            ("Acme", "Maeve O'Brien [CEO]  ·  Chief Executive Officer, Acme [Holdings]"),
            ("Quit Corp", "[@click=app.quit]Quit Corp[/]"),
        ):
            await press(pilot, "slash", *query, "enter")
            await settle(pilot)
            assert shown in str(app.screen.query_one(ProspectHeader).render())
            await press(pilot, "v")  # the notification names them too
            await settle(pilot)
            assert app.is_running
        assert any("Maeve O'Brien [CEO]" in m for m in told)
        assert any("Theo Markup" in m for m in told)
        await press(pilot, "u", "u")  # back in the queue, on Maeve
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        assert queue.highlighted.name == "Maeve O'Brien [CEO]"
        queue.begin_frame()  # render_line outside a frame
        row = queue.render_line(LABELS + queue.cursor - queue.scroll_offset.y).text
        assert "Maeve O'Brien" in row and "Acme [Holding" in row
        theo = next(i for i, p in enumerate(queue.entries) if p.name == "Theo Markup")
        queue.cursor = theo
        await settle(pilot)
        queue.begin_frame()  # render_line outside a frame
        row = queue.render_line(LABELS + queue.cursor - queue.scroll_offset.y).text
        assert "[@click=app" in row


async def test_do_not_call_prospects_are_never_dialled(sample_db, frozen):
    dnc = sample_db.execute("SELECT id, name FROM prospects WHERE do_not_call = 1").fetchone()
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert dnc[0] not in [p.id for p in app.screen.query_one(QueueList).entries]
        await press(pilot, "slash", *dnc[1], "enter")
        await dial(pilot)
        await settle(pilot)
        assert app.session.running is None
        assert not _touches(sample_db, dnc[0]) or all(
            t["started_at"] < to_iso(frozen.now()) for t in _touches(sample_db, dnc[0])
        )


async def test_escape_cancels_a_dial_without_logging(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        count = sample_db["touches"].count
        await dial(pilot)
        assert sample_db["touches"].count == count + 1
        await press(pilot, "escape")
        await settle(pilot)
        assert sample_db["touches"].count == count
        assert app.session.running is None


async def test_queue_moves_with_j_k_and_arrows(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        await press(pilot, "j", "j", "down")
        assert queue.cursor == 3
        await press(pilot, "k", "up")
        assert queue.cursor == 1
        await settle(pilot)
        assert app.screen.file.file.prospect.id == queue.entries[1].id


async def test_help_lists_every_key(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        keys = {row[0] for row in app.screen.rows}
        for key in ("d", "n", "v", "c", "m", "x", "s", "e", "u", "/", "?", "q"):
            assert any(key in shown.split(", ") for shown in keys), key
        ids = {row[1] for row in app.screen.rows}
        assert {"dial", "no_answer", "voicemail", "queue.down"} <= ids
        hint = str(app.screen.query_one(".hint").render())  # the first: on top
        assert "Esc closes" in hint
        assert "under [keys], e.g." in hint  # the section's name, not eaten as markup
        hints = " ".join(str(h.render()) for h in app.screen.query(".hint"))
        assert "cap: touched as often as the caps allow" in hints  # the held view's tags
        assert "callbacks at the time promised, then the warmest leads" in hints  # why this order
        scroll = app.screen.query_one(VerticalScroll)
        await press(pilot, "j", "j")
        assert scroll.scroll_y == 2  # j and k scroll as in the queue
        await press(pilot, "k")
        assert scroll.scroll_y == 1
        await press(pilot, "G")  # to the end and back, as in the queue
        assert scroll.scroll_y == scroll.max_scroll_y > 1
        await press(pilot, "g")
        assert scroll.scroll_y == 0
        await press(pilot, "escape")
        assert isinstance(app.screen, WorkspaceScreen)


async def test_research_edit_saves_on_ctrl_s(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = _first_due(app)
        await press(pilot, "e")
        await settle(pilot)
        area = app.screen.query_one("#reason_to_call")
        area.text = "Opened 3 depots [Midwest]"
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert store.get_research(sample_db, first.id).reason_to_call == "Opened 3 depots [Midwest]"


async def test_keys_can_be_remapped_from_the_config(sample_db, frozen):
    from followup_tui.config import Settings

    app = make_app(sample_db, Settings(keys={"no_answer": "f2"}))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = _first_due(app)
        await press(pilot, "f2")
        await settle(pilot)
        assert _touches(sample_db, first.id)[-1]["outcome"] == "no_answer"


async def test_the_queue_answers_its_own_keys_as_remapped(sample_db, frozen):
    """The list runs its bindings where a key arrives (QueueList.handle_key): a [keys]
    remap moves it, the old key no longer does, and a key it does not bind goes on
    to the screen."""
    from followup_tui.config import Settings

    app = make_app(sample_db, Settings(keys={"queue.down": "f7", "queue.up": "f8"}))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        await press(pilot, "f7", "f7")
        assert queue.cursor == 2
        await press(pilot, "f8")
        assert queue.cursor == 1
        await press(pilot, "j")  # no longer the list's: nothing binds it now
        assert queue.cursor == 1
        await press(pilot, "question_mark")  # the screen's key passes the list
        assert isinstance(app.screen, HelpScreen)


async def test_quit_while_dialing_asks_first(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await dial(pilot)
        await press(pilot, "q")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")  # keep dialing
        assert app.is_running and app.session.running is not None
        await press(pilot, "ctrl+q")  # every way out asks
        assert app.is_running and isinstance(app.screen, ConfirmScreen)
        assert "is running" in screen_text(app)
        await press(pilot, "escape")
        await press(pilot, "h")  # hung up: the call is over, its outcome is missing
        await settle(pilot)
        await app.action_quit()  # the palette's Quit
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, ConfirmScreen)
        said = screen_text(app)
        assert "ended but is not logged" in said and "is running" not in said
        await press(pilot, "y")
        await settle(pilot)
    assert not app.is_running
    assert sample_db.execute("SELECT count(*) FROM touches WHERE outcome IS NULL").fetchone()[0]


async def test_do_not_call_prospects_get_no_outcome_logged(sample_db, frozen):
    dnc = sample_db.execute("SELECT id, name FROM prospects WHERE do_not_call = 1").fetchone()
    before = len(_touches(sample_db, dnc[0]))
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *dnc[1], "enter")
        await settle(pilot)
        assert app.screen.file.file.prospect.id == dnc[0]
        for key in ("n", "v", "m", "x", "c"):
            await press(pilot, key)
            await settle(pilot)
            assert isinstance(app.screen, WorkspaceScreen)
    assert len(_touches(sample_db, dnc[0])) == before
    assert sample_db["prospects"].get(dnc[0])["do_not_call"] == 1


async def test_logging_a_parked_prospect_asks_first(sample_db, frozen):
    from followup_tui.ui.screens.confirm import ConfirmScreen

    parked = sample_db.execute(
        "SELECT id, name FROM prospects WHERE status = 'meeting' ORDER BY id LIMIT 1"
    ).fetchone()
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *parked[1], "enter", "n")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")  # no: nothing changes
        await settle(pilot)
        assert sample_db["prospects"].get(parked[0])["status"] == "meeting"
        await press(pilot, "n")
        await settle(pilot)
        await press(pilot, "y")
        await settle(pilot)
    row = sample_db["prospects"].get(parked[0])
    assert row["status"] == "active" and row["next_touch_at"]
    assert _touches(sample_db, parked[0])[-1]["outcome"] == "no_answer"


async def test_cursor_stays_where_the_rep_moved_while_a_dial_ran(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        dialled, moved_to = queue.entries[0], queue.entries[1]
        await dial(pilot)
        await press(pilot, "j")
        frozen.advance(30)
        await press(pilot, "n")
        await settle(pilot)
        assert _touches(sample_db, dialled.id)[-1]["duration_s"] == 30
        assert queue.highlighted.id == moved_to.id


async def test_a_dial_lasts_until_the_connected_dialog_is_saved(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = _first_due(app)
        await dial(pilot)
        frozen.advance(5)  # ringing
        await press(pilot, "c")
        assert isinstance(app.screen, ConnectedScreen)
        frozen.advance(20)  # talking, typing the note
        await press(pilot, *"ok", "enter")
        await settle(pilot)
        touch = _touches(sample_db, first.id)[-1]
        assert (touch["duration_s"], touch["talk_s"]) == (25, 20)
        assert touch["connected_at"] == to_iso(frozen.now().subtract(seconds=20))


async def test_ctrl_t_in_the_connected_dialog_ends_the_call(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = _first_due(app)
        await dial(pilot)
        frozen.advance(3)
        await press(pilot, "c")
        frozen.advance(30)
        await press(pilot, "ctrl+t")  # hung up
        frozen.advance(45)  # the rest of the note after the call
        await press(pilot, *"ok", "enter")
        await settle(pilot)
        touch = _touches(sample_db, first.id)[-1]
        assert (touch["duration_s"], touch["talk_s"]) == (33, 30)


async def test_an_open_dial_resumes_and_an_old_one_comes_back_unlogged(sample_db, frozen):
    from followup_tui.store import touches as touch_store

    recent = touch_store.start_dial(sample_db, 1, frozen.now().subtract(minutes=2))
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.session.running is not None and app.session.running.touch.id == recent.id
    sample_db.execute("DELETE FROM touches WHERE id = ?", [recent.id])
    old = touch_store.start_dial(sample_db, 1, frozen.now().subtract(hours=3))
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        running = app.session.running
        assert running is not None and running.touch.id == old.id and running.late
        await press(pilot, "escape")  # an old dial is discarded only after a question
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        await settle(pilot)
        assert app.session.running is None
        assert (
            sample_db.execute("SELECT count(*) FROM touches WHERE id = ?", [old.id]).fetchone()[0]
            == 0
        )


async def test_a_dial_resumed_after_a_restart_opens_on_its_prospect_and_number(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "j", "j", "j")
        await settle(pilot)
        await dial(pilot)
        await settle(pilot)
        dialed = app.session.running.prospect
        handed = app.screen.dialer.handed.shown
    frozen.advance(40)
    app = make_app(sample_db)  # the laptop restarted mid-call
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.session.running.prospect.id == dialed.id
        assert app.screen.file.file.prospect.id == dialed.id
        assert dialed.name in str(app.screen.query_one(ProspectHeader).render())
        status = str(app.screen.query_one(StatusLine).render())
        assert handed in status and "resumed" in status


async def test_research_editor_takes_typing_at_once(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = _first_due(app)
        await press(pilot, "e", "home", *"Hi ", "ctrl+s")
        await settle(pilot)
        assert store.get_research(sample_db, first.id).reason_to_call.startswith("Hi ")


async def test_callback_without_a_time_says_so(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        await settle(pilot)
        app.screen.query_one("#callback").value = True
        await settle(pilot)
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConnectedScreen)
        assert "Type when" in str(app.screen.query_one(".preview").render())


async def test_enter_logs_the_connected_dialog_from_any_field(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = _first_due(app)
        await press(pilot, "c", *"Wants pricing", "tab", "space", "enter")
        await say_how(pilot, "c")
        assert isinstance(app.screen, WorkspaceScreen)
        touch = _touches(sample_db, first.id)[-1]
        assert (touch["outcome"], touch["notes"], touch["decision_maker"]) == (
            "connected",
            "Wants pricing",
            1,
        )


async def test_research_opens_on_the_last_conversation_and_the_reason_to_call(sample_db, frozen):
    from followup_tui.ui.widgets.research import ResearchPane

    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        await press(pilot, "c", *"Wants the [enterprise] tier", "enter")
        await say_how(pilot, "p")
        first_id = sample_db.execute(
            "SELECT prospect_id FROM touches WHERE notes = 'Wants the [enterprise] tier'"
        ).fetchone()[0]
        app.screen.open_prospect(first_id)
        await settle(pilot)
        text = str(app.screen.query_one(ResearchPane)._body.render())
        assert text.index("Last conversation") < text.index("Reason to call")
        assert "Wants the [enterprise] tier" in text


async def test_nothing_is_drawn_before_the_first_rows_then_all_of_it(
    sample_db, frozen, monkeypatch
):
    """The empty workspace is never drawn (it would be drawn again at once, while the
    first rows' read waits): the first frame is the whole screen, rows and all."""
    import threading

    from textual._compositor import Compositor

    from followup_tui.session.core import WorkSession
    from followup_tui.ui.screens import workspace

    monkeypatch.setattr(workspace, "FIRST_FRAME_WAIT_S", 60.0)  # no clock in this test
    read = threading.Event()
    start = WorkSession.start

    def start_when_told(self, *args, **kwargs):
        read.wait(10)
        return start(self, *args, **kwargs)

    monkeypatch.setattr(WorkSession, "start", start_when_told)
    drawn: list[str] = []
    render_update = Compositor.render_update

    def counted(self, *args, **kwargs):
        drawn.append(type(self.root).__name__)
        return render_update(self, *args, **kwargs)

    monkeypatch.setattr(Compositor, "render_update", counted)
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen) and app.screen.is_mounted
        assert drawn == []
        read.set()
        await settle(pilot)
        assert drawn
        assert _first_due(app) is not None and "Due now" in screen_text(app)


async def test_a_database_locked_at_start_up_is_said_on_screen_at_once(sample_db, frozen):
    """Start-up draws no frame until the first rows are read; when the read fails,
    the screen is drawn at once, to say why (not FIRST_FRAME_WAIT_S later)."""
    import sqlite3

    from followup_tui.config import Settings
    from followup_tui.store.db import database_file
    from followup_tui.store.engine import Store
    from followup_tui.ui.app import FollowupApp
    from followup_tui.ui.themes import shipped_theme_dir
    from tests.conftest import REP_ZONE

    path = database_file(sample_db)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        store = Store(path, busy_timeout_ms=50)
        app = FollowupApp(store, REP_ZONE, Settings(), theme_dirs=[shipped_theme_dir()])
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert app.is_running
            told = [n.message for n in app._notifications if n.severity == "error"]
            assert any("busy" in words for words in told)
            assert not app._batch_count  # frames are drawn again (App.batch_update is over)
            assert "? Help  q Quit" in screen_text(app)
    finally:
        other.execute("ROLLBACK")
        other.close()


async def test_a_locked_database_says_so_and_brings_the_note_back_to_save_again(sample_db, frozen):
    import sqlite3

    from followup_tui.config import Settings
    from followup_tui.store.db import database_file
    from followup_tui.store.engine import Store
    from followup_tui.ui.app import FollowupApp
    from followup_tui.ui.themes import shipped_theme_dir
    from tests.conftest import REP_ZONE

    path = database_file(sample_db)
    store = Store(path, busy_timeout_ms=50)
    app = FollowupApp(store, REP_ZONE, Settings(), theme_dirs=[shipped_theme_dir()])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = _first_due(app)
        before = len(_touches(sample_db, first.id))
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        await press(pilot, "c", *"Call back after the board meeting", "enter")
        assert app.is_running  # never ends the app
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert any("busy" in e for e in errors)
        assert isinstance(app.screen, ConnectedScreen)  # the note is back, to save again
        assert app.screen.query_one("#note", Input).value == "Call back after the board meeting"
        assert len(_touches(sample_db, first.id)) == before
        other.execute("ROLLBACK")
        other.close()
        await press(pilot, "enter")
        await say_how(pilot, "c")
        assert isinstance(app.screen, WorkspaceScreen)
        rows = _touches(sample_db, first.id)
        assert len(rows) == before + 1 and rows[-1]["notes"] == "Call back after the board meeting"


async def test_a_read_only_database_opens_with_a_notice_and_refuses_writes_in_words(
    sample_db, frozen
):
    from followup_tui.config import Settings
    from followup_tui.store.db import database_file
    from followup_tui.store.engine import Store
    from followup_tui.ui.app import FollowupApp
    from followup_tui.ui.themes import shipped_theme_dir
    from tests.conftest import REP_ZONE

    path = database_file(sample_db)
    before = sample_db.execute("SELECT count(*) FROM touches").fetchone()[0]
    store = Store(path, read_only=True)
    app = FollowupApp(store, REP_ZONE, Settings(), theme_dirs=[shipped_theme_dir()])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert _first_due(app) is not None  # reading works
        assert any("Read-only" in n.message for n in app._notifications)
        await dial(pilot)
        assert app.is_running and app.session.running is None
        assert any("read-only" in n.message and n.severity == "error" for n in app._notifications)
    assert sample_db.execute("SELECT count(*) FROM touches").fetchone()[0] == before


async def test_a_first_run_says_how_to_import_leads_and_shows_no_history(db, frozen):
    """An empty database: the rep is told how to get leads in, and no pane speaks of
    a prospect ("No touches yet: this is the first." said it of nobody)."""
    app = make_app(db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "No prospects yet." in shown and "Import your leads" in shown
        assert "import leads.csv" in shown
        assert "No touches yet" not in shown


async def test_a_meeting_after_their_calling_hours_is_booked_with_a_note_not_refused(
    sample_db, frozen
):
    """A meeting the prospect agreed to is not a cold call: 11 pm their time is told,
    not refused; a callback at the same hour still is."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        first = _first_due(app)
        await dial(pilot)
        await press(pilot, "c")
        await settle(pilot)
        app.screen.query_one("#callback").value = True
        await settle(pilot)
        app.screen.query_one("#when", Input).value = "tomorrow 11pm"
        await settle(pilot)
        assert "outside their calling hours" in str(app.screen.query_one(".preview").render())
        assert "ctrl+n takes" in str(app.screen.query_one(".preview").render())
        app.screen.query_one("#meeting").value = True  # empties the time field
        await settle(pilot)
        app.screen.query_one("#when", Input).value = "tomorrow 11pm"
        await settle(pilot)
        preview = " ".join(str(app.screen.query_one(".preview").render()).split())
        assert "fine for a meeting they agreed to" in preview and "✓" in preview
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert _touches(sample_db, first.id)[-1]["outcome"] == "meeting"


async def test_after_undo_and_logging_again_the_next_key_is_for_the_list_not_them(
    sample_db, frozen
):
    """`d` `n` `u` `n`, then `v`: the reopened dial's prospect was shown on its own,
    and `v` went to them again (three touches in seconds); it is for the list's."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        first = _first_due(app)
        await dial(pilot)
        frozen.advance(20)
        await press(pilot, "n", "u")
        await settle(pilot)
        await press(pilot, "n")
        await settle(pilot)
        assert [t["outcome"] for t in _touches(sample_db, first.id)][-1] == "no_answer"
        on_list = app.screen.query_one(QueueList).highlighted
        assert on_list is not None and on_list.id != first.id
        header = str(app.screen.query_one(ProspectHeader).render())
        assert on_list.name in header and first.name not in header
        count = len(_touches(sample_db, first.id))
        await press(pilot, "v")
        await settle(pilot)
        assert len(_touches(sample_db, first.id)) == count


async def test_esc_in_the_connected_dialog_keeps_what_was_typed_for_the_next_c(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await dial(pilot)
        await press(pilot, "c", *"budget approved in Q1")
        app.screen.query_one("#dm").value = True
        await press(pilot, "escape")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen) and app.session.running is not None
        await press(pilot, "c")
        await settle(pilot)
        assert isinstance(app.screen, ConnectedScreen)
        assert app.screen.query_one("#note", Input).value == "budget approved in Q1"
        assert app.screen.query_one("#dm").value is True


async def test_the_connected_dialog_shows_the_note_a_reopened_dial_has(sample_db, frozen):
    """After `u` the dial's note is kept on its touch: shown, not typed twice."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await dial(pilot)
        await press(pilot, "c", *"asked about pricing", "enter")
        await settle(pilot)
        await press(pilot, "u")
        await settle(pilot)
        await press(pilot, "c")
        await settle(pilot)
        assert isinstance(app.screen, ConnectedScreen)
        noted = str(app.screen.query_one(".noted").render())
        assert "Noted already: asked about pricing" in noted
        assert app.screen.query_one("#note", Input).value == ""


async def test_picking_call_back_by_key_moves_to_its_time(sample_db, frozen):
    """A next step that needs a time, picked with the keys, puts the rep in the time
    field (Enter answered "Type when first." before they could type it); one with a
    time offered (not now: +90d) stays, for Enter to take the offer."""
    from textual.widgets import RadioSet

    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await dial(pilot)
        await press(pilot, "c")
        assert isinstance(app.screen, ConnectedScreen)
        radios = app.screen.query_one(RadioSet)
        radios.focus()
        await settle(pilot)
        await press(pilot, "down", "space")  # continue the cadence -> call back
        assert app.screen.query_one("#callback").value
        when = app.screen.query_one("#when", Input)
        assert app.screen.focused is when
        await press(pilot, *"thu 3pm", "enter")
        assert isinstance(app.screen, WorkspaceScreen)
        await dial(pilot)
        await press(pilot, "c")
        app.screen.query_one(RadioSet).focus()
        await settle(pilot)
        await press(pilot, "down", "down", "down", "space")  # not now: +90d offered
        assert app.screen.query_one("#not_now").value
        assert isinstance(app.screen.focused, RadioSet)


async def test_a_tab_after_picking_call_back_stays_in_its_time_field(sample_db, frozen):
    """Picked with the keys, Call back puts the rep in its time field; the Tab they
    pressed to get there went on to the note, and 'thu 3pm' was typed into it."""
    from textual.widgets import RadioSet

    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await dial(pilot)
        await press(pilot, "c", *"Wants a call back")
        app.screen.query_one(RadioSet).focus()
        await settle(pilot)
        await press(pilot, "down", "space", "tab", *"thu 3pm")
        assert app.screen.query_one("#when", Input).value == "thu 3pm"
        assert app.screen.query_one("#note", Input).value == "Wants a call back"
        await press(pilot, "tab")  # typed into: Tab goes on as ever
        assert app.screen.focused is not app.screen.query_one("#when", Input)


async def test_the_prospect_on_the_line_stays_on_screen_when_the_list_is_read_again(
    sample_db, frozen
):
    """In the calls view (and 1 during a block) a dialed prospect is held by the dial
    once the list is read again, as another window's write makes it be: the rep, on
    the line, was switched to the next prospect's history and research."""
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        dialed = queue.highlighted
        await dial(pilot)
        await settle(pilot)
        other = next(e.prospect.id for e in app.session.queue.held)
        sample_db.execute("UPDATE prospects SET title = 'Owner (second window)' WHERE id = ?",
                          [other])  # fmt: skip
        app.screen._keep_up()  # what the timer does: another connection wrote
        await settle(pilot)
        assert queue.index_of(dialed.id) is None  # held by the dial now
        header = app.screen.query_one(ProspectHeader)
        assert header.render().plain.startswith(dialed.name)
        assert app.screen.file.file.prospect.id == dialed.id
        await press(pilot, "n")  # logged: the rep moves on to whoever the list is on
        await settle(pilot)
        assert app.screen.file.file.prospect.id == queue.highlighted.id != dialed.id
        assert not header.render().plain.startswith(dialed.name)
