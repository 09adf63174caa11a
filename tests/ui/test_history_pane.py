"""The history pane's row for the running dial says what the dial is doing."""

from __future__ import annotations

import pendulum
from msgspec.structs import replace
from textual.app import App, ComposeResult

from followup_tui.domain.models import Touch
from followup_tui.ui.widgets.history import HistoryPane
from tests.ui.helpers import dial, make_app, press, settle

STARTED = pendulum.datetime(2026, 11, 23, 15, 0, tz="UTC")


class _OnePane(App[None]):
    def compose(self) -> ComposeResult:
        yield HistoryPane(id="history")


def _text(app: App[None]) -> str:
    return str(app.query_one(HistoryPane)._body.render())


async def test_the_running_dial_reads_dialing_then_on_the_line_then_ended(frozen):
    """'on the line now.' only once someone answered (c), and 'ended' after the rep
    hung up: the words follow the touch's connected_at and ended_at."""
    running = Touch(1, 7, "call", None, STARTED)
    app = _OnePane()
    async with app.run_test(size=(100, 10)) as pilot:
        pane = app.query_one(HistoryPane)
        pane.show([running], "America/New_York", running_id=1)
        await pilot.pause()
        assert "dialing now." in _text(app) and "on the line" not in _text(app)
        answered = replace(running, connected_at=STARTED.add(seconds=5))
        pane.dial_changed(answered)
        await pilot.pause()
        assert "on the line now." in _text(app)
        pane.dial_changed(replace(answered, ended_at=STARTED.add(seconds=65)))
        await pilot.pause()
        assert "call ended: log its outcome." in _text(app)
        assert "on the line" not in _text(app)
        pane.dial_changed(replace(running, id=2, connected_at=STARTED))  # another dial
        await pilot.pause()
        assert "call ended" in _text(app)


async def test_a_dial_that_only_rings_is_not_said_to_be_on_the_line(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await dial(pilot)
        history = str(app.screen.query_one(HistoryPane)._body.render())
        assert "dialing now." in history and "on the line" not in history
        await press(pilot, "c", "escape")  # answered: the note can wait
        await settle(pilot)
        assert "on the line now." in str(app.screen.query_one(HistoryPane)._body.render())
        await press(pilot, "h")  # hung up
        await settle(pilot)
        assert "call ended" in str(app.screen.query_one(HistoryPane)._body.render())


async def test_a_long_note_hangs_at_its_indent_in_a_narrow_and_a_wide_pane(frozen):
    """At 80x24 the pane is narrow and notes sit under their touch: a note's second
    line started at the left edge, under the date, as if it were another touch."""
    note = "Got Daniel's colleague Priyanka; Daniel is on leave until the 18th, call after."
    touch = Touch(1, 7, "call", "connected", STARTED, notes=note)
    app = _OnePane()
    async with app.run_test(size=(40, 10)) as pilot:
        pane = app.query_one(HistoryPane)
        pane.show([touch], "America/New_York")
        await pilot.pause()
        head, *notes = _text(app).splitlines()
        assert head.startswith("23 Nov")
        assert len(notes) > 1 and all(n.startswith("  ") and n[2] != " " for n in notes)
        assert " ".join(n.strip() for n in notes) == note
        await pilot.resize_terminal(100, 10)
        await pilot.pause()
        _header, first, *more = _text(app).splitlines()
        indent = first.index("Got")
        assert more and all(m[:indent].isspace() and m[indent] != " " for m in more)
