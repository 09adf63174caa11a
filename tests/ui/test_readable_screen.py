"""The screen at 80x24 and wide: the status line in words, notifications that hide no
work, every pane by keyboard, dialogs that mark the choice, meetings with a time."""

from __future__ import annotations

import icalendar
import pendulum
from textual.geometry import Region
from textual.widgets import HelpPanel, Input, RadioSet

from followup_tui.domain.outcomes import Decision
from followup_tui.intake.agenda import agenda_calendar, meeting_uid
from followup_tui.ui.screens.connected import ConnectedResult, ConnectedScreen
from followup_tui.ui.screens.schedule import ScheduleScreen
from followup_tui.ui.screens.workspace import WorkspaceScreen
from followup_tui.ui.widgets.history import HistoryPane
from followup_tui.ui.widgets.marks import MarkedRadio
from followup_tui.ui.widgets.prospect_header import ProspectHeader
from followup_tui.ui.widgets.queue_list import QueueList
from followup_tui.ui.widgets.research import ResearchPane
from followup_tui.ui.widgets.status_line import StatusLine
from tests.conftest import NOW, REP_ZONE
from tests.ui.helpers import dial, make_app, press, settle

LAPTOP = (80, 24)


def _status(app) -> str:
    return app.screen.query_one(StatusLine).render().plain


async def _dials(pilot, frozen, count: int, seconds: int = 60) -> None:
    for _ in range(count):
        await dial(pilot)
        frozen.advance(seconds)
        await press(pilot, "n")


async def test_block_status_in_words_with_todays_totals_and_pace_only_when_it_means_something(
    sample_db, frozen
):
    app = make_app(sample_db)
    async with app.run_test(size=LAPTOP) as pilot:
        await settle(pilot)
        await press(pilot, "b", "enter")  # 60 minutes, 50 dials
        await _dials(pilot, frozen, 2)
        app.screen._update_status()
        status = _status(app)
        assert len(status) <= LAPTOP[0] - 2
        assert "left" in status and "2/50 dials" in status and "today 2 dials" in status
        assert "/h" not in status  # two dials in two minutes say nothing about a pace
        await _dials(pilot, frozen, 3, seconds=180)  # five dials, eleven minutes
        app.screen._update_status()
        status = _status(app)
        assert "5/50 dials" in status and "/h" in status and "today 5 dials" in status
        assert len(status) <= LAPTOP[0] - 2


async def test_wide_status_says_it_all_in_long_words(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await press(pilot, "b", "enter")
        await _dials(pilot, frozen, 1)
        app.screen._update_status()
        status = _status(app)
        assert "1 of 50 dials" in status and "0 connects" in status and "0 meetings" in status
        assert "today: " not in status and "today 1 dial" in status


async def test_a_notification_covers_no_queue_row_phone_or_timer_and_goes_on_the_next_key(
    sample_db, frozen
):
    from textual.widgets._toast import Toast

    app = make_app(sample_db)
    async with app.run_test(size=LAPTOP, notifications=True) as pilot:
        await settle(pilot)
        for _ in range(3):  # toasts cleared by a key leave nothing that pushes the next down
            await dial(pilot)
            frozen.advance(30)
            await press(pilot, "n")
        await settle(pilot)
        toasts = list(app.screen.query(Toast))
        assert len(toasts) == 1
        toast = toasts[0].region
        screen = app.screen
        header = screen.query_one(ProspectHeader).region
        history = screen.query_one(HistoryPane).region  # its latest touches, on top
        for kept in (screen.query_one(QueueList).region, screen.query_one(StatusLine).region,
                     Region(header.x, header.y, header.width, 2),
                     Region(history.x, history.y, history.width, 4)):  # fmt: skip
            assert not toast.overlaps(kept), (toast, kept)
        await press(pilot, "j")
        assert not app._notifications and not list(app.screen.query(Toast))


async def test_every_pane_is_reached_and_scrolled_by_keyboard(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=LAPTOP) as pilot:
        await settle(pilot)
        screen = app.screen
        queue, history = screen.query_one(QueueList), screen.query_one(HistoryPane)
        research = screen.query_one(ResearchPane)
        assert app.focused is queue
        await press(pilot, "tab")
        assert app.focused is history
        await press(pilot, "tab")
        assert app.focused is research
        assert research.max_scroll_y > 0  # about six lines show at 80x24
        await press(pilot, "j", "pagedown")
        assert research.scroll_y > 0
        await press(pilot, "g")
        assert research.scroll_y == 0
        await press(pilot, "f1")
        assert app.focused is queue
        await press(pilot, "f2")
        assert app.focused is history
        await press(pilot, "alt+3")
        assert app.focused is research


async def test_the_keys_panel_keeps_the_layout_and_esc_closes_it(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        before = queue.region
        app.action_show_help_panel()
        await settle(pilot)
        assert app.screen.query(HelpPanel)
        assert queue.region == before  # floats over the right edge, squeezes nothing
        await press(pilot, "escape")
        assert not app.screen.query(HelpPanel)
        assert isinstance(app.screen, WorkspaceScreen)


async def test_the_chosen_step_is_marked_and_highlighted_and_focus_comes_back(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=LAPTOP) as pilot:
        await settle(pilot)
        prospect = app.screen.highlighted
        reader = app.session.time_reader(prospect)
        draft = ConnectedResult("left a note", True, Decision.NOT_NOW, None, "+30d", focused="when")
        app.push_screen(ConnectedScreen(prospect.name, reader, REP_ZONE, draft))
        await settle(pilot)
        radios = app.screen.query_one(RadioSet)
        marks = {b.id: str(b.render()).split()[0] for b in app.screen.query(MarkedRadio)}
        assert marks[Decision.NOT_NOW.value] == "▐●▌"
        assert {m for key, m in marks.items() if key != Decision.NOT_NOW.value} == {"▐○▌"}
        buttons = list(app.screen.query(MarkedRadio))
        assert buttons[radios._selected].id == Decision.NOT_NOW.value
        assert app.focused is app.screen.query_one("#when", Input)  # where the rep was


async def test_m_asks_when_and_the_meeting_shows_in_header_history_and_agenda(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        prospect = app.screen.highlighted
        await press(pilot, "m")
        assert isinstance(app.screen, ScheduleScreen)
        await press(pilot, *"tomorrow", "space", *"11am", "enter")
        await settle(pilot)
        from tests.ui.helpers import say_how

        await say_how(pilot, "c")
        assert isinstance(app.screen, WorkspaceScreen)
        row = sample_db.execute(
            "SELECT id, outcome, meeting_at FROM touches WHERE prospect_id = ?"
            " ORDER BY id DESC LIMIT 1",
            [prospect.id],
        ).fetchone()
        assert row[1] == "meeting" and row[2]
        app.screen.open_prospect(prospect.id)
        await settle(pilot)
        header = app.screen.query_one(ProspectHeader).render().plain
        assert "meeting Tue 24 Nov" in header
        mine = pendulum.parse(row[2]).in_tz(REP_ZONE).format("HH:mm")  # the rep's clock
        assert f"Tue 24 Nov {mine}" in header and "UTC" not in header
        history = app.screen.query_one(HistoryPane)
        assert "meeting Tue 24 Nov" in str(history._body.render())
    calendar, _ = agenda_calendar(sample_db, NOW, REP_ZONE)
    parsed = icalendar.Calendar.from_ical(calendar.to_ical())
    events = {str(e["uid"]): e for e in parsed.walk("VEVENT")}
    meeting = events[meeting_uid(row[0])]
    assert str(meeting["summary"]).startswith(f"Meeting: {prospect.name}")
    description = str(meeting["description"])
    assert "Your time: Tue 24 Nov" in description and "Their time: Tue 24 Nov 11:00" in description


def test_the_dialed_name_in_the_status_line_is_whole_or_the_first_name_never_cut():
    from followup_tui.ui.widgets.status_line import _name_in

    assert _name_in("Darnell Rahman", 20).plain.rstrip() == "Darnell Rahman"
    assert _name_in("Darnell Rahman", 9).plain.rstrip() == "Darnell"  # not 'Darne…'
    assert _name_in("Darnell Rahman", 5).plain == ""  # the header shows it
    assert "\x1b" not in _name_in("Evil\x1b[2J Name", 30).plain  # still terminal-safe
