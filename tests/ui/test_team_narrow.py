"""`T` at 80x24 and at 200x50 with a team of several reps: one line per rep, its
columns under their titles. At 80 columns each row took two or three lines (the talk
time and the attempts wrapped), and one rep's numbers no longer read across."""

from __future__ import annotations

from followup_tui.config import Settings
from followup_tui.domain.team_numbers import team_row
from followup_tui.store.db import database_file
from followup_tui.store.engine import Store
from followup_tui.ui.app import FollowupApp
from followup_tui.ui.screens.team import TeamScreen
from followup_tui.ui.themes import shipped_theme_dir
from tests.conftest import REP_ZONE
from tests.ui.helpers import press, screen_text, settle

SMALL, WIDE = (80, 24), (200, 50)
LONG_NAME = "Bartholomew Okonkwo-Smith"
RULES = "│┃╇┡┩"  # where one column ends and the next begins, in a row, a title, the rule


def _team(sample_db) -> None:
    """The sample's touches shared among three reps, a long name among them, and the
    touches logged before reps were recorded."""
    sample_db.execute(
        "UPDATE touches SET rep = CASE id % 4 WHEN 0 THEN NULL WHEN 1 THEN 'alice'"
        f" WHEN 2 THEN 'maria.gonzalez' ELSE '{LONG_NAME}' END"
    )


async def _open_team(pilot) -> list[str]:
    await settle(pilot)
    await press(pilot, "T")
    assert isinstance(pilot.app.screen, TeamScreen)
    await settle(pilot)
    assert pilot.app.screen.team is not None
    return screen_text(pilot.app).split("\n")


def _table(lines: list[str]) -> tuple[str, list[str]]:
    """The titles' line and the rows under the rule below it, up to the table's end."""
    at = next(n for n, text in enumerate(lines) if "Rep" in text and "Dials" in text)
    assert "━" in lines[at + 1], lines[at : at + 2]  # one line of titles
    rows = []
    for text in lines[at + 2 :]:
        if "│" not in text or "└" in text:
            break
        rows.append(text)
    return lines[at], rows


def _cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.rstrip().strip("│").split("│")]


def _rules(text: str) -> list[int]:
    return [n for n, char in enumerate(text) if char in RULES]


def _assert_a_line_per_rep(app: FollowupApp, lines: list[str]) -> list[str]:
    """Each rep on one line, their cells in it, every line's rules where the titles'
    are; returns the rows."""
    titles, rows = _table(lines)
    team = app.screen.team
    assert len(rows) == len(team), "\n".join(rows)  # no line a row went on to
    for text in rows:
        assert _cells(text)[0], text  # each line starts with a rep's name
        assert _rules(text) == _rules(titles), f"\n{titles}\n{text}"
    return rows


def _row_of(rows: list[str], name: str) -> str:
    """The row whose first cell is `name`, or `name` cut with '…'."""
    for text in rows:
        first = _cells(text)[0]
        if first == name or (first.endswith("…") and name.startswith(first[:-1])):
            return text
    raise AssertionError(f"no row for {name!r}:\n" + "\n".join(rows))


def _app(sample_db) -> FollowupApp:
    store = Store(database_file(sample_db), rep="alice")
    return FollowupApp(store, REP_ZONE, Settings(), theme_dirs=[shipped_theme_dir()])


async def test_at_80_columns_each_rep_is_one_line_with_the_columns_aligned(sample_db, frozen):
    _team(sample_db)
    app = _app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        lines = await _open_team(pilot)
        assert all(len(text.rstrip()) <= SMALL[0] for text in lines)
        rows = _assert_a_line_per_rep(app, lines)
        assert set(app.screen.team) == {"", "alice", "maria.gonzalez", LONG_NAME}
        for rep, stats in app.screen.team.items():
            row = _row_of(rows, team_row(rep, stats)[0])
            assert _cells(row)[1:] == list(team_row(rep, stats)[1:]), row  # every number
        assert "Not shown" not in "\n".join(lines)
        titles = _table(lines)[0]
        for title in ("Rep", "Dials", "Conn", "Rate", "Mtg", "Talk", "By attempt", "Late"):
            assert title in titles, titles
        assert "Gave up" in titles
        assert any("…" in row for row in rows)  # the long name, cut where it must be
    app.store.close()


async def test_at_200_columns_every_column_shows_whole(sample_db, frozen):
    _team(sample_db)
    app = _app(sample_db)
    async with app.run_test(size=WIDE) as pilot:
        lines = await _open_team(pilot)
        rows = _assert_a_line_per_rep(app, lines)
        titles = _table(lines)[0]
        for title in ("Rep", "Dials", "Connects", "Rate", "Meetings", "Talk time",
                      "Connect rate by attempt", "Late share", "Gave up early"):  # fmt: skip
            assert title in titles, titles
        assert titles.startswith("┃ Rep ") and titles.rstrip().endswith("┃")  # framed, padded
        assert not any("…" in row for row in rows) and "Not shown" not in "\n".join(lines)
        for rep, stats in app.screen.team.items():
            cells = team_row(rep, stats)
            row = _row_of(rows, cells[0])
            assert _cells(row) == list(cells), row
    app.store.close()


async def test_a_resize_lays_the_table_out_again(sample_db, frozen):
    """Wide, then 80 columns, then narrower still: a column that no longer fits is
    left out, and the screen says which."""
    _team(sample_db)
    app = _app(sample_db)
    async with app.run_test(size=WIDE) as pilot:
        await _open_team(pilot)
        await pilot.resize_terminal(*SMALL)
        await settle(pilot)
        lines = screen_text(app).split("\n")
        _assert_a_line_per_rep(app, lines)
        assert "Gave up" in _table(lines)[0]
        await pilot.resize_terminal(60, 24)
        await settle(pilot)
        lines = screen_text(app).split("\n")
        titles = _table(lines)[0]
        _assert_a_line_per_rep(app, lines)
        assert "Late" not in titles and "Dials" in titles and "Mtg" in titles
        said = " ".join(" ".join(lines).split())
        assert "Not shown at this width:" in said and "Late share" in said
    app.store.close()
