"""What a rep sees at 80x24 (and that a wide screen keeps): the header's badges and
warning whole, column labels and border words that fit, the queue scrolled by whole
rows, the power dial's line in short words, the connected note and the schedule beside
the history and research, and find growing on a wide screen."""

from __future__ import annotations

from textual.widgets import OptionList, RadioButton

from followup_tui.config import PowerDial, Settings
from followup_tui.ui.screens.call_block import StartBlockScreen
from followup_tui.ui.screens.connected import ConnectedScreen
from followup_tui.ui.screens.find import FindScreen
from followup_tui.ui.screens.schedule import ScheduleScreen
from followup_tui.ui.widgets.countdown import Countdown
from followup_tui.ui.widgets.prospect_header import (
    ProspectHeader,
    cut_at_word,
    shorter_cadences,
)
from followup_tui.ui.widgets.queue_list import LABELS, QueueList, border_words
from tests.ui.helpers import dial, make_app, press, queue_text, screen_text, settle

SMALL, WIDE = (80, 24), (200, 50)
POWER = Settings(power_dial=PowerDial(auto_advance=True, wrap_up_seconds=5))


def _header_lines(app) -> list[str]:
    return app.screen.query_one(ProspectHeader).render().plain.split("\n")


async def _start_block(pilot) -> None:
    await press(pilot, "b")
    assert isinstance(pilot.app.screen, StartBlockScreen)
    await press(pilot, "enter")
    await settle(pilot)


def test_a_cut_ends_after_a_whole_word():
    assert cut_at_word("Owner, Junipercrest Carriers Inc.", 20) == "Owner, Junipercrest…"
    assert (
        cut_at_word("Owner, Junipercrest Carriers Inc.", 40) == "Owner, Junipercrest Carriers Inc."
    )
    assert cut_at_word("Supercalifragilistic", 8) == "Superca…"  # one long word: cut inside


def test_the_cadence_gives_way_from_its_front():
    assert shorter_cadences("9 touches · step 10 of 12 · next: call now") == [
        "9 touches · step 10 of 12 · next: call now",
        "step 10 of 12 · next: call now",
        "next: call now",
        "call now",
    ]
    # A callback says its time whole: 'their time' goes (line 2 names their zone).
    assert shorter_cadences("1 touch · callback due since 03:04 their time")[-1] == (
        "callback due since 03:04"
    )


def test_border_words_drop_their_aside_first():
    assert border_words("27 tasks wait (5 shows them)", 26) == "27 tasks wait"
    assert border_words("22 held (2 shows them)", 26) == "22 held (2 shows them)"


async def test_the_header_keeps_the_badge_and_the_warning_whole_at_80_columns(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        who, _, standing = _header_lines(app)
        assert who.startswith("Daniel Whitfield") and "SALES-READY" in who
        assert standing.endswith("no reason to call (e)")
        assert "LinkedIn message now" in standing and "…" not in standing
        width = app.screen.query_one(ProspectHeader).size.width
        assert all(len(text) <= width for text in _header_lines(app))


async def test_a_wide_header_says_it_all(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        who, _, standing = _header_lines(app)
        assert "SALES-READY" in who and "…" not in who
        assert standing == "6 touches · step 7 of 12 · next: LinkedIn message now  " + (
            "no reason to call yet (e)"
        )


async def test_column_labels_and_border_words_fit_80_columns(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        assert queue_text(app).split("\n")[0].split() == [
            "Name",
            "/",
            "company",
            "held",
            "·",
            "time",
        ]
        await press(pilot, "3")
        assert queue_text(app).split("\n")[0].split() == [
            "Name",
            "/",
            "company",
            "back",
            "·",
            "time",
        ]
        queue = app.screen.query_one(QueueList)
        bottom = screen_text(app).split("\n")[queue.region.bottom - 1][: queue.region.right]
        assert "1=due 4=calls 5=tasks" in bottom  # the view keys, whole
        await press(pilot, "1")
        await _start_block(pilot)
        assert "tasks wait (5 shows them)" in queue.below  # what it says in full
        bottom = screen_text(app).split("\n")[queue.region.bottom - 1][: queue.region.right]
        assert "tasks wait ─╯" in bottom and "…" not in bottom


async def test_the_queue_scrolls_by_whole_rows_whatever_moves_it(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        assert queue.row_height == 2
        for _ in range(15):
            await press(pilot, "j")
            assert queue.scroll_offset.y % 2 == 0
            first = queue_text(app).split("\n")[LABELS]
            assert first.startswith(" ") and not first.startswith("  ")  # a name, not a company
        queue.scroll_to(y=5, animate=False)
        await settle(pilot)
        assert queue.scroll_offset.y % 2 == 0
        await press(pilot, "G")
        assert queue.scroll_offset.y % 2 == 0 and queue.scroll_offset.y == queue.max_scroll_y
        assert queue.highlighted is queue.entries[-1] or queue.cursor == queue.row_count - 1
        await press(pilot, "k")  # the last row is whole on screen at the bottom
        queue.begin_frame()  # render_line outside a frame
        last = queue.render_line(LABELS + (queue.row_count - 1) * 2 - queue.scroll_offset.y + 1)
        assert last.text.strip()


async def test_the_countdown_fits_80_columns_with_the_name_whole(sample_db, frozen):
    app = make_app(sample_db, POWER)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await _start_block(pilot)
        queue = app.screen.query_one(QueueList)
        next_call = queue.rows[1].prospect
        await press(pilot, "d")
        frozen.advance(30)
        await press(pilot, "n")
        countdown = app.screen.query_one(Countdown)
        said = countdown.render().plain
        assert next_call.name in said and len(said) <= countdown.size.width
        countdown.counting("Maeve O'Brien-Whitfield [CEO]", 5)  # a longer name
        said = countdown.render().plain
        assert "Maeve O'Brien-Whitfield [CEO] in 5 s" in said and "Esc stops" in said
        assert len(said) <= countdown.size.width
        await press(pilot, "j")  # pauses
        said = countdown.render().plain
        assert said.startswith("Power dial paused") and len(said) <= countdown.size.width


async def _the_dialog_leaves_history_and_research_whole(app) -> None:
    dialog = app.screen.query_one(".dialog").region
    workspace = app.workspace
    for pane in ("#history", "#research", "#who"):
        assert not dialog.overlaps(workspace.query_one(pane).region), pane
    assert dialog.right <= workspace.query_one(QueueList).region.right


async def test_the_connected_note_and_the_schedule_sit_over_the_queue_at_80x24(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await press(pilot, "j", "j", "j", "j")  # Grace Kim: a call
        await dial(pilot)
        await press(pilot, "c")
        assert isinstance(app.screen, ConnectedScreen)
        await _the_dialog_leaves_history_and_research_whole(app)
        room = app.screen.query_one(".dialog").content_region.width
        for radio in app.screen.query(RadioButton):
            assert radio.label.cell_length + 4 <= room, radio.label.plain  # never cut
        await press(pilot, "escape")
        await press(pilot, "s")
        assert isinstance(app.screen, ScheduleScreen)
        await _the_dialog_leaves_history_and_research_whole(app)


async def test_the_connected_note_keeps_its_long_words_when_there_is_room(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "j", "j", "j", "j")
        await dial(pilot)
        await press(pilot, "c")
        await _the_dialog_leaves_history_and_research_whole(app)
        labels = [radio.label.plain for radio in app.screen.query(RadioButton)]
        assert "Asked not to be called again (do not call)" in labels


async def test_on_a_wide_screen_the_connected_note_covers_the_whole_queue(sample_db, frozen):
    """At 200 columns the queue is about 100 wide: a dialog of 76 left the rest of
    the rows showing beside it, cut mid-word."""
    app = make_app(sample_db)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await dial(pilot)
        await press(pilot, "c")
        await settle(pilot)
        await _the_dialog_leaves_history_and_research_whole(app)
        dialog = app.screen.query_one(".dialog").region
        assert dialog.right == app.workspace.query_one(QueueList).region.right


async def test_help_research_and_find_leave_the_dial_timer_in_sight_at_80x24(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await dial(pilot)
        for keys in (("question_mark",), ("e",), ("slash", "a")):  # find: 50 results
            await press(pilot, *keys)
            await settle(pilot)
            assert app.screen.query_one(".dialog").region.bottom <= SMALL[1] - 2, keys
            assert "● 0:00" in screen_text(app), keys  # the status line, not covered
            await press(pilot, "escape")


async def test_find_uses_a_wide_screen_and_each_result_is_one_line(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "slash", "a")
        assert isinstance(app.screen, FindScreen)
        assert app.screen.query_one(".dialog").region.width > 100
        results = app.screen.query_one(OptionList)
        assert results.option_count > 5
        assert results.virtual_size.height == results.option_count  # none wraps


async def test_at_80_columns_a_result_that_wraps_keeps_its_standing_whole(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await press(pilot, "slash", "a", "n")
        await settle(pilot)
        results = app.screen.query_one(OptionList)
        assert results.virtual_size.height > results.option_count  # some wrap here
        box = app.screen.query_one(OptionList).region
        shown = screen_text(app).splitlines()[box.y : box.bottom]
        rows = [row.strip("│▊▎▁▂▃▄▅▆▇█▔ ") for row in shown]
        cut = ("due", "due in", "DO", "DO NOT", "back", "back in", "not now,", "again,")
        assert not [row for row in rows if row.endswith(cut)]  # not 'due in' / '21d'
        await press(pilot, "ctrl+a", "ctrl+k", *"Irene Llewellyn")  # a long company
        box = app.screen.query_one(OptionList).region
        shown = "\n".join(screen_text(app).splitlines()[box.y : box.bottom])
        assert "+44 161 496 0744" in shown  # the number whole, not '+44 161' / '496 0744'
        assert "  due in " in "\n".join(rows)


async def test_a_narrow_header_says_how_many_more_numbers_and_the_key(sample_db, frozen):
    """At 80 columns the other numbers are counted: "+1 more (N)" ("+1 (N)" read as
    part of the number)."""
    from followup_tui.domain.clock import to_iso
    from followup_tui.domain.models import PhoneNumber
    from followup_tui.store import phones
    from followup_tui.store.db import write_transaction
    from tests.ui.helpers import select_caller

    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        caller = await select_caller(pilot)
        mobile = PhoneNumber("mobile", "(212) 555-0199", "+12125550199")
        with write_transaction(sample_db):
            phones.add_number(sample_db, caller.id, mobile, to_iso(frozen.now()))
        await press(pilot, "j", "k")  # read their file again
        await settle(pilot)
        assert " +1 more (N) " in _header_lines(app)[1]


async def test_at_80x24_the_connected_dialog_keeps_its_label_keys_and_times_readable(
    sample_db, frozen
):
    """In 28 cells the time's reading wrapped at a space as 'their time · 16:00 EST' /
    'yours', the rep's time reading as the prospect's; 'Space picks' and the note's
    label were left out for room two unused lines took."""
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await press(pilot, "j", "j", "j", "j")  # Grace Kim: a call, in Chicago
        await dial(pilot)
        await press(pilot, "c")
        keys = app.screen.query_one("#keys").render().plain
        assert keys.splitlines() == ["Space picks · Enter logs", "Esc cancels"]
        assert app.screen.query_one(".note-label").region.height == 1
        await press(pilot, "tab", "tab", "down", "space")  # Call back: to the time field
        await press(pilot, *"thu 3pm")
        shown = app.screen.query_one(".preview").render().plain.splitlines()
        assert shown[:3] == ["✓ Thu 26 Nov", "15:00 CST their time", "16:00 EST yours · in 3d"]
        assert not any(row.startswith(("their time", "yours")) for row in shown)


async def test_at_80x24_a_not_now_row_says_its_day_whole(sample_db, frozen):
    """'Łukasz Bis… due since 29 …': the day, the news of the not-now list, was cut."""
    sample_db.execute(
        "UPDATE prospects SET revisit_at = '2026-10-29T15:00:00Z' WHERE id ="
        " (SELECT id FROM prospects WHERE status = 'not_now' ORDER BY id LIMIT 1)"
    )
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        assert "due since 29 Oct" in queue_text(app)


async def test_the_queue_widens_with_a_narrow_screen_from_80_columns(sample_db, frozen):
    """At 100 columns names and companies were cut to 15 cells beside a 68-cell file."""
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        assert queue.region.width == 32
        for columns, width in ((100, 35), (119, 40)):
            await pilot.resize_terminal(columns, 30)
            await settle(pilot)
            assert queue.region.width == width, columns


async def test_the_connected_keys_stay_in_sight_when_the_reading_grows_at_80x24(sample_db, frozen):
    """A callback on a holiday adds the holiday's lines to the time's reading: the
    dialog then holds more than 24 lines can show, and the keys line went below its
    edge ("Esc cancels" was nowhere). The keys stay at the bottom; the rest scrolls."""
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await press(pilot, "j", "j", "j", "j")  # Grace Kim, in Chicago
        await dial(pilot)
        await press(pilot, "c", "tab", "tab", "down", "space")  # Call back: to the time
        await press(pilot, *"thu 15:00")
        said = screen_text(app)
        assert "Thanksgiving" in said
        dialog = app.screen.query_one(".dialog")
        keys = app.screen.query_one("#keys")
        assert "Esc cancels" in said
        assert dialog.content_region.contains_region(keys.region)
        assert app.screen.focused is app.screen.query_one("#when")
        when = app.screen.query_one("#when").region
        assert dialog.content_region.contains_region(when)  # what is typed is in sight


async def test_results_are_laid_out_again_when_the_terminal_is_resized(sample_db, frozen):
    """Found at 80 columns, a result breaks into lines; made wide, each is one line
    again, with the same result highlighted (and back)."""
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await press(pilot, "slash", "a", "n")
        await settle(pilot)
        results = app.screen.query_one(OptionList)
        assert results.virtual_size.height > results.option_count
        await press(pilot, "down", "down")
        chosen = results.highlighted_option
        await pilot.resize_terminal(*WIDE)
        await settle(pilot)
        assert results.virtual_size.height == results.option_count  # none wraps now
        assert results.highlighted_option is not None and chosen is not None
        assert results.highlighted_option.id == chosen.id
        await pilot.resize_terminal(*SMALL)
        await settle(pilot)
        assert results.virtual_size.height > results.option_count


async def test_at_80_columns_a_callback_and_a_meeting_keep_their_time_and_whose(sample_db, frozen):
    """'callback 03:00' (no 'due since') and 'meeting Tue 24 Nov 09:00' (no zone)
    under 'their time … GMT' read as times to come on the wrong clock: the warning
    takes its shortest words first, and a prospect out of the cadence has none."""
    from followup_tui.domain.clock import to_iso

    ids = [row[0] for row in sample_db.execute(
        "SELECT p.id FROM prospects p LEFT JOIN research r ON r.prospect_id = p.id"
        " WHERE p.phone_zones = 'Europe/London' AND coalesce(r.reason_to_call, '') = ''"
        " AND p.do_not_call = 0 ORDER BY p.id LIMIT 2")]  # fmt: skip
    callback, meeting = ids
    sample_db["prospects"].update(callback, {
        "status": "active", "next_touch_is_callback": 1,
        "next_touch_at": to_iso(frozen.now().subtract(hours=2))})  # fmt: skip
    sample_db["prospects"].update(meeting, {"status": "meeting", "next_touch_at": None})
    at = to_iso(frozen.now().add(days=1))
    sample_db["touches"].insert({"prospect_id": meeting, "channel": "call", "outcome": "meeting",
                                 "started_at": to_iso(frozen.now()), "meeting_at": at,
                                 "created_at": to_iso(frozen.now())})  # fmt: skip
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.screen.open_prospect(callback)
        await settle(pilot)
        third = _header_lines(app)[2]
        assert "callback due since 12:30" in third and "no reason" in third, third
        app.screen.open_prospect(meeting)
        await settle(pilot)
        third = _header_lines(app)[2]
        assert "out of the cadence" in third and "meeting Tue 09:30 EST" in third, third
        assert "no reason" not in third  # no call comes: no reason to call is wanted


async def test_at_80_columns_their_time_is_never_cut_to_an_open_bracket(sample_db, frozen):
    """'their time Mon 15:01 GMT (…': 'their time' gives way to the other zones, and an
    aside that does not fit is left out whole."""
    (pid,) = sample_db.execute(
        "SELECT id FROM prospects WHERE phone_zones LIKE '% %' ORDER BY id LIMIT 1"
    ).fetchone()
    (ext,) = sample_db.execute(  # a long number: 'their time Tue 02:…' was cut
        "SELECT id FROM prospects WHERE phone_ext IS NOT NULL AND phone_e164 LIKE '+61%'"
    ).fetchone()
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        box = app.screen.query_one(ProspectHeader).region
        for prospect, said in ((pid, "AKST (+1 zone)"), (ext, "AEDT")):
            app.screen.open_prospect(prospect)
            await settle(pilot)
            second = screen_text(app).splitlines()[box.y + 1][box.x : box.right].rstrip()
            assert second.endswith(said) and "…" not in second, second
    async with make_app(sample_db).run_test(size=WIDE) as pilot:
        await settle(pilot)
        pilot.app.screen.open_prospect(pid)
        await settle(pilot)
        assert "+1 zone)" in _header_lines(pilot.app)[1]  # where it fits, it is said
