"""The app fed a hostile CRM file: every frame written to the terminal holds no
sequence but Textual's own, every row is exactly as wide as the screen, and the
phone and the timer stay visible beside a 10,000-character name."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from rich.cells import cell_len
from textual.app import App

from followup_tui.cli import main
from followup_tui.domain.clock import parse_instant
from followup_tui.domain.models import Research
from followup_tui.store.db import open_db, write_transaction
from followup_tui.store.prospects import save_research
from followup_tui.store.touches import insert_past_touch
from followup_tui.ui.screens.find import FindScreen
from followup_tui.ui.widgets.fields import WHEN_CHARS, TextField
from followup_tui.ui.widgets.prospect_header import ProspectHeader
from followup_tui.ui.widgets.queue_list import QueueList
from followup_tui.ui.widgets.status_line import StatusLine
from tests.hostile import (
    OWN_SEQUENCES,
    RLO,
    TITLE,
    data_escapes,
    hostile_text,
    obeyed,
    write_hostile_csv,
)
from tests.ui.helpers import dial, make_app, press, settle

NOW_TEXT = "2026-11-23T09:30:00-05:00"


@pytest.fixture
def hostile_db(tmp_path, frozen):
    path = tmp_path / "rep.db"
    leads = write_hostile_csv(tmp_path / "leads.csv")
    result = CliRunner().invoke(
        main, ["--db", str(path), "import", str(leads)], env={"FOLLOWUP_NOW": NOW_TEXT}
    )
    assert result.exit_code == 0, result.output
    db = open_db(path)
    with write_transaction(db):
        for (pid,) in db.execute("SELECT id FROM prospects").fetchall():
            insert_past_touch(db, pid, channel="call", outcome="connected", decision_maker=True,
                              started_at=parse_instant("2026-11-20T15:00:00Z"), duration_s=90,
                              notes=f"DM said {TITLE}\nnext {RLO}line\r\x1b[2Kgone")  # fmt: skip
            db.execute(
                "INSERT INTO signals (prospect_id, kind, occurred_at, detail, source)"
                " VALUES (?, 'webinar', '2026-11-19T15:00:00Z', ?, 'x')",
                [pid, f"attended {TITLE}"],
            )
    for (pid,) in db.execute("SELECT id FROM prospects").fetchall():
        save_research(db, Research(pid, reason_to_call=f"hiring {TITLE}\x1b[31m",
                                   notes="x" * 3000 + "\x1b]0;END\x07"), frozen.now())  # fmt: skip
    return db


def frame(app: App) -> str:
    """The whole screen exactly as written to the terminal: what the driver sends."""
    return app.screen._compositor.render_full_update().render_segments(app.console)


def check_frame(app: App) -> None:
    output = frame(app)
    assert data_escapes(output) == []
    width = app.size.width
    rows = OWN_SEQUENCES.sub("", output).split("\n")
    assert len(rows) == app.size.height
    assert [cell_len(row) for row in rows] == [width] * len(rows)  # every row keeps its width


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_every_screen_of_a_hostile_file_is_shown_not_obeyed(hostile_db, size):
    app = make_app(hostile_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        assert len(queue.entries) == 9
        for _ in range(len(queue.entries)):
            check_frame(app)
            header = app.screen.query_one(ProspectHeader)
            phone_line = header.render_line(1).text
            assert "(212) 555-01" in phone_line and "their time" in phone_line
            await press(pilot, "down")
        await press(pilot, "home")
        await press(pilot, "E")  # the contact editor, holding the name as it is
        check_frame(app)
        await press(pilot, "escape")
        await press(pilot, "e")  # the research editor
        check_frame(app)
        await press(pilot, "escape", "escape")
        await press(pilot, "slash")
        await pilot.press(*"Doe")
        await settle(pilot)
        await pilot.pause(0.3)  # the find screen searches once typing pauses
        await settle(pilot)
        assert isinstance(app.screen, FindScreen)
        check_frame(app)
        await press(pilot, "escape")


async def test_the_phone_and_the_timer_stay_beside_a_10000_character_name(hostile_db):
    app = make_app(hostile_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        long_one = next(i for i, e in enumerate(queue.entries) if len(e.name) > 5000)
        for _ in range(long_one):
            await press(pilot, "down")
        await dial(pilot)
        header = app.screen.query_one(ProspectHeader)
        assert "(212) 555-0106" in header.render_line(1).text
        status = app.screen.query_one(StatusLine).render_line(0).text
        # The timer and the number handed to the phone, whole; the name is cut, or left
        # to the header when the day's counts need the room: never wider than the line.
        assert "● 0:00" in status and "☎ (212) 555-0106" in status
        assert len(status) <= 80 and "x" * 100 not in status
        check_frame(app)


async def test_a_huge_paste_into_the_schedule_is_cut_with_a_message(hostile_db):
    app = make_app(hostile_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        field = app.screen.query_one("#when", TextField)
        field.focus()
        await pilot.pause()
        field._on_paste(__import__("textual.events", fromlist=["Paste"]).Paste("9" * 180_000))
        await settle(pilot)
        assert len(field.value) == WHEN_CHARS
        assert any("At most 100 characters" in str(n.message) for n in app._notifications)
        check_frame(app)


@given(name=hostile_text)
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_widgets_draw_any_name_safely(name):
    """The row, header and status line renderers, fed any string."""
    from followup_tui.ui.text import fitted, line, user_text

    for content in (
        fitted(name, 30),
        line((name, "bold"), "  ·  ", name),
        user_text(name),
        user_text(name, multiline=False),
    ):
        assert not obeyed(content.plain.replace("\n", ""))
    assert fitted(name, 30).cell_length == 30
    assert "\n" not in line(name).plain


async def test_a_crash_shows_one_line_and_keeps_the_details_private(
    hostile_db, monkeypatch, capsys
):
    import stat

    from followup_tui.config import data_dir
    from followup_tui.ui.screens.workspace import WorkspaceScreen

    def broken(self):
        secret = "Eve Mallory +12125550100"  # a local variable Textual would have printed
        raise RuntimeError(f"boom near {len(secret)}")

    monkeypatch.setattr(WorkspaceScreen, "action_help", broken)
    app = make_app(hostile_db)
    with pytest.raises(RuntimeError, match="boom"):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("question_mark")
            await pilot.pause()
    said = capsys.readouterr().err.strip()
    assert "Mallory" not in said and "Traceback" not in said
    assert "\n" not in said and "the details are in" in said
    reports = list((data_dir() / "crash-reports").iterdir())
    assert len(reports) == 1 and said.endswith(str(reports[0]))
    assert stat.S_IMODE(reports[0].stat().st_mode) == 0o600
    assert "Mallory" not in reports[0].read_text()  # no local variables, even there
