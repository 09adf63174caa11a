"""A paste keeps every line it holds. Textual's one-line Input kept only the first
line of a paste, silently: "Gatekeeper Linda\\nsays try after 4pm", pasted from an
email into the connected note, was saved as "Gatekeeper Linda". A note joins the
pasted lines with " / "; a time, a name or a search with a space; a paste past a
field's limit is cut and the rep is told so."""

from __future__ import annotations

from textual import events
from textual.widgets.input import Selection

from followup_tui.ui.screens.call_block import StartBlockScreen
from followup_tui.ui.screens.connected import ConnectedScreen
from followup_tui.ui.screens.find import FindScreen
from followup_tui.ui.screens.note import NoteScreen
from followup_tui.ui.screens.schedule import ScheduleScreen
from followup_tui.ui.widgets.fields import NOTE_CHARS, TextField
from followup_tui.ui.widgets.queue_list import QueueList
from tests.ui.helpers import dial, make_app, notifications_told, press, settle

SIZE = (120, 36)
LINDA = "Gatekeeper Linda\nsays try after 4pm"
TOO_LONG = f"At most {NOTE_CHARS:,} characters here: the rest was left out."


def _last_notes(db, prospect_id) -> str:
    row = db.execute(
        "SELECT notes FROM touches WHERE prospect_id = ? ORDER BY id DESC LIMIT 1",
        [prospect_id],
    ).fetchone()
    return row[0] or ""


async def _paste(pilot, text: str) -> None:
    """A bracketed paste, as the terminal hands it over: to the app, which gives it
    to the field that has the focus."""
    pilot.app.post_message(events.Paste(text))
    await settle(pilot)


async def _connected(pilot):
    """Dial the first row and press `c`: the connected dialog, its note focused."""
    await settle(pilot)
    first = pilot.app.screen.query_one(QueueList).highlighted
    await dial(pilot)
    await press(pilot, "c")
    assert isinstance(pilot.app.screen, ConnectedScreen)
    note = pilot.app.screen.query_one("#note", TextField)
    assert pilot.app.focused is note
    return first, note


def test_one_line_joins_the_lines_it_keeps():
    from followup_tui.ui.widgets.fields import one_line

    assert one_line(LINDA, " / ") == "Gatekeeper Linda / says try after 4pm"
    assert one_line("  Linda \r\n\r\n\t4pm  \n", " / ") == "Linda / 4pm"
    assert one_line("thu\n3pm\n") == "thu 3pm"
    assert one_line(" as typed ") == " as typed "  # one line: not touched
    assert one_line("\n\n") == ""


async def test_a_two_line_paste_into_the_connected_note_keeps_both(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        first, note = await _connected(pilot)
        await _paste(pilot, LINDA)
        assert note.value == "Gatekeeper Linda / says try after 4pm"
        await press(pilot, "enter")
        assert not isinstance(app.screen, ConnectedScreen)
        assert _last_notes(sample_db, first.id).endswith("Gatekeeper Linda / says try after 4pm")


async def test_a_paste_goes_at_the_cursor_over_the_selection(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        _, note = await _connected(pilot)
        await press(pilot, *"Spoke to X, call back")
        note.selection = Selection(9, 10)  # the "X"
        await _paste(pilot, "Linda\n(the gatekeeper)\n")
        assert note.value == "Spoke to Linda / (the gatekeeper), call back"
        assert note.cursor_position == len("Spoke to Linda / (the gatekeeper)")


async def test_a_paste_ending_in_a_newline_does_not_log_the_call(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        _, note = await _connected(pilot)
        touches = sample_db.execute("SELECT count(*) FROM touches").fetchone()[0]
        await _paste(pilot, "Gatekeeper Linda\n")
        assert isinstance(app.screen, ConnectedScreen)  # still open, still typing
        assert note.value == "Gatekeeper Linda"
        assert sample_db.execute("SELECT count(*) FROM touches").fetchone()[0] == touches


async def test_a_two_line_paste_into_a_note_added_with_a_keeps_both(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.screen.query_one(QueueList).highlighted
        await dial(pilot)
        frozen.advance(25)
        await press(pilot, "n", "a")
        assert isinstance(app.screen, NoteScreen)
        await _paste(pilot, LINDA)
        await press(pilot, "enter")
        assert not isinstance(app.screen, NoteScreen)
        assert _last_notes(sample_db, first.id).endswith("Gatekeeper Linda / says try after 4pm")


async def test_a_paste_past_the_note_limit_is_cut_and_the_rep_is_told(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        first, note = await _connected(pilot)
        told = notifications_told(app)
        thread = "x" * (NOTE_CHARS - 10) + "\nsays try after 4pm"
        await _paste(pilot, thread)
        assert note.value == "x" * (NOTE_CHARS - 10) + " / says tr"
        assert told == [TOO_LONG]
        await press(pilot, "enter")
        assert _last_notes(sample_db, first.id).endswith(" / says tr")


async def test_ctrl_v_of_lines_copied_in_the_app_keeps_them_on_one_line(sample_db, frozen):
    """The app's own clipboard (research copied with ctrl+c) pastes as a paste does:
    a line break never gets into a one-line field."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        _, note = await _connected(pilot)
        app.copy_to_clipboard(LINDA)
        await press(pilot, "ctrl+v")
        assert note.value == "Gatekeeper Linda / says try after 4pm"


async def test_a_time_pasted_on_two_lines_reads_as_one(sample_db, frozen):
    """A time, a name or a search: the line break was only where the text was copied
    from, so the lines are joined with a space, and the time reads as typed."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        assert isinstance(app.screen, ScheduleScreen)
        await _paste(pilot, "tomorrow\n10am\n")
        assert app.screen.query_one("#when", TextField).value == "tomorrow 10am"
        await press(pilot, "escape", "slash")
        assert isinstance(app.screen, FindScreen)
        await _paste(pilot, "  Daniel\nWhitfield  \n")
        assert app.screen.query_one("#query", TextField).value == "Daniel Whitfield"


async def test_a_number_pasted_with_its_line_break_starts_the_block(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(StartBlockScreen())
        await settle(pilot)
        minutes = app.screen.query_one("#minutes", TextField)
        minutes.selection = Selection(0, len(minutes.value))
        await _paste(pilot, "45\n")
        assert minutes.value == "45"
        assert isinstance(app.screen, StartBlockScreen)  # the newline pressed nothing
