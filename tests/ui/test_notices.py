"""A notice is told once: keys typed past a field's limit, all arriving before the
first toast is up (a paste in a terminal without bracketed paste), say it one time,
not once a key stacked down the screen over the status line and the dial timer."""

from __future__ import annotations

from textual import events
from textual.widgets._toast import Toast

from followup_tui.ui.screens.connected import ConnectedScreen
from followup_tui.ui.text import tell
from followup_tui.ui.widgets.fields import WHEN_CHARS, TextField
from tests.ui.helpers import dial, make_app, notifications_told, press, settle

TOO_LONG = f"At most {WHEN_CHARS} characters here: the rest was left out."


def _type_at_once(app, text: str) -> None:
    """Every key of `text` queued before the app handles the first, as a terminal
    hands over a paste it does not bracket."""
    for character in text:
        app.post_message(events.Key(character, character))


async def test_typing_past_the_schedule_limit_says_so_once(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        field = app.screen.query_one("#when", TextField)
        told = notifications_told(app)
        _type_at_once(app, "x" * 300)
        await settle(pilot)
        assert field.value == "x" * WHEN_CHARS
        assert told == [TOO_LONG]
        await pilot.pause()  # the toast rack is filled after a refresh
        assert len(app.screen.query(Toast)) == 1


async def test_typing_past_the_callback_time_limit_during_a_dial_says_so_once(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await dial(pilot)
        await press(pilot, "c")
        assert isinstance(app.screen, ConnectedScreen)
        app.screen.query_one("#callback").value = True
        await settle(pilot)
        field = app.screen.query_one("#when", TextField)
        field.focus()
        await settle(pilot)
        told = notifications_told(app)
        _type_at_once(app, "9" * 300)
        await settle(pilot)
        assert field.value == "9" * WHEN_CHARS
        assert told == [TOO_LONG]


async def test_the_same_words_are_told_again_once_the_first_are_gone(sample_db, frozen):
    """A key clears the toast: what is told after it shows (it is new to the rep); and
    other words are never held back by the first."""
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        told = notifications_told(app)
        tell(app, "Saved.")
        tell(app, "Saved.")
        tell(app, "Saved.", severity="warning")
        await settle(pilot)
        assert told == ["Saved.", "Saved."]  # the second as a warning
        tell(app, "Saved.")
        await settle(pilot)
        assert told == ["Saved.", "Saved."]  # still showing
        app.clear_notifications()
        tell(app, "Saved.")
        await settle(pilot)
        assert told == ["Saved.", "Saved.", "Saved."]
