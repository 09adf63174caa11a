"""The team in the app: `T` shows one row per rep (read in a worker, as the stats
are), and on a team's database a callback is for me or for anyone."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, Input

from followup_tui.config import Settings
from followup_tui.domain.display import duration_words
from followup_tui.intake.sample import load_sample
from followup_tui.store.db import database_file
from followup_tui.store.engine import Store
from followup_tui.store.engines import open_database, store_for
from followup_tui.ui.app import FollowupApp
from followup_tui.ui.screens.connected import ConnectedScreen
from followup_tui.ui.screens.team import TeamScreen, reps_text
from followup_tui.ui.screens.workspace import WorkspaceScreen
from followup_tui.ui.themes import shipped_theme_dir
from tests.conftest import REP_ZONE
from tests.ui.helpers import dial, press, say_how, screen_text, settle

SIZE = (140, 30)


def _app(store: Store) -> FollowupApp:
    return FollowupApp(store, REP_ZONE, Settings(), theme_dirs=[shipped_theme_dir()])


async def test_the_team_view_shows_a_row_per_rep_read_in_a_worker(sample_db, frozen):
    app = _app(Store(database_file(sample_db), rep="alice"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "m", *"tomorrow 10am", "enter")  # m asks when the meeting is
        await say_how(pilot)
        await pilot.press("T")
        assert isinstance(app.screen, TeamScreen)  # at once, before the numbers
        await settle(pilot)
        assert app.screen.team is not None and set(app.screen.team) == {"", "alice"}
        text = screen_text(app)
        assert "Gave up early" in text and "(no rep)" in text
        assert app.screen.team["alice"].totals.meetings == 1
        await press(pilot, "T")
        assert isinstance(app.screen, WorkspaceScreen)
    app.store.close()


async def test_the_team_view_counts_reps_as_listed_and_fits_80_columns(sample_db, frozen):
    """'1 rep' stood above the rows '(no rep)' and 'alice', and at 80 columns the
    titles read 'Conne…', 'Meeti…' and the talk time '12:00…'."""
    talk = sample_db.execute(
        "SELECT sum(duration_s) FROM touches WHERE rep IS NULL"
        " AND outcome IN ('connected', 'meeting', 'not_interested', 'do_not_call')"
    ).fetchone()[0]
    assert talk >= 36000  # ten hours and more: '12:00:26' read like a time of day
    for size, titles in (
        ((80, 24), ("Rep", "Dials", "Conn", "Rate", "Mtg", "Talk", "By attempt", "Gave up")),
        ((200, 30), ("Connects", "Meetings", "Talk time", "Connect rate by attempt")),
    ):
        app = _app(Store(database_file(sample_db), rep="alice"))
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            if size == (80, 24):
                await press(pilot, "m", *"tomorrow 10am", "enter")
                await say_how(pilot)
            await press(pilot, "T")
            await settle(pilot)
            assert set(app.screen.team) == {"", "alice"}
            text = screen_text(app)
            assert "1 rep, plus (no rep): touches with no rep recorded" in " ".join(text.split())
            table = text[text.index("┏") :]
            assert "…" not in table, table
            header = table[: table.index("┡")].replace("┃", " ").split()
            assert all(word in header for title in titles for word in title.split()), header
            assert duration_words(talk) in table  # '12 h', as the stats screen says it
            assert "LATE SHARE: the share of connects made on call 3" in " ".join(text.split())
        app.store.close()


async def _book_callback(pilot, anyone: bool | None) -> None:
    """`d`, `c`, "Call back" in two hours; `anyone` ticks the box (None: it is absent)."""
    await dial(pilot)
    await press(pilot, "c")
    screen = pilot.app.screen
    assert isinstance(screen, ConnectedScreen)
    boxes = screen.query("#anyone")
    assert not boxes if anyone is None else not boxes.first().display  # not before a callback
    screen.query_one("#callback").value = True
    await settle(pilot)
    screen.query_one("#when", Input).value = "+2h"
    if anyone is not None:
        box = screen.query_one("#anyone", Checkbox)
        assert box.display
        box.value = anyone
    await settle(pilot)
    await press(pilot, "ctrl+s")
    assert isinstance(pilot.app.screen, WorkspaceScreen)


def _promised(db) -> list[tuple[str | None, int]]:
    rows = db.execute(
        "SELECT callback_for, next_touch_is_callback FROM prospects"
        " WHERE next_touch_is_callback = 1"
    ).fetchall()
    return [tuple(row) for row in rows]


@pytest.mark.parametrize("anyone", [False, True])
async def test_on_a_teams_database_a_callback_is_for_me_or_for_anyone(pg_url, frozen, anyone):
    db = open_database(pg_url)
    load_sample(db, frozen.now())
    db.execute("UPDATE prospects SET next_touch_is_callback = 0")
    app = _app(store_for(pg_url, rep="alice"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _book_callback(pilot, anyone)
        await settle(pilot)
    app.store.close()
    assert _promised(db) == [(None if anyone else "alice", 1)]
    db.close()


async def test_on_one_reps_file_the_dialog_does_not_ask_whom_a_callback_is_for(sample_db, frozen):
    sample_db.execute("UPDATE prospects SET next_touch_is_callback = 0")
    app = _app(Store(database_file(sample_db), rep="alice"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _book_callback(pilot, None)
        await settle(pilot)
    app.store.close()
    assert _promised(sample_db) == [("alice", 1)]


def test_reps_text_does_not_count_the_no_rep_row_as_a_rep():
    assert reps_text(["alice", "bob"]) == "2 reps"
    assert reps_text(["", "root"]) == "1 rep, plus (no rep): touches with no rep recorded"
    assert reps_text([""]) == "no rep recorded for any touch"
    assert reps_text([]) == "0 reps"


def test_at_80_columns_a_big_teams_row_keeps_every_column():
    """On the large database 'By attempt' and 'Late' were drawn zero cells wide beside
    a talk time of '16,808 h 19 min', and 'Gave up' was cut off the right edge."""
    from rich.console import Console
    from rich.text import Text

    from followup_tui.ui.screens.team import TeamTable

    cells = ("(no rep)", "865,368", "141,709", "16.4%", "12,611", "16,808 h",
             "16% 17% 15% 14% 13%", "79%", "1,832")  # fmt: skip
    console = Console(width=78, record=True, color_system=None)
    console.print(TeamTable([tuple(Text(cell) for cell in cells)]))
    drawn = console.export_text()
    assert max(len(row) for row in drawn.splitlines()) <= 78
    for words in ("By attempt", "Late", "Gave up", "865,368", "16,808 h", "16%", "79%", "1,832"):
        assert words in drawn, words
    wide = Console(width=160, record=True, color_system=None)
    wide.print(TeamTable([tuple(Text(cell) for cell in cells)]))
    assert "Gave up early ┃" in wide.export_text()  # not touching the border
