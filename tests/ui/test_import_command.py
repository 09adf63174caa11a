"""Importing a CSV from the command palette: ask for the file, import in a thread,
say what happened, reload the queue."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Input, Static

from followup_tui.ui.app import FollowupApp
from followup_tui.ui.import_command import ImportProvider
from followup_tui.ui.screens.confirm import ConfirmScreen
from followup_tui.ui.screens.import_file import ImportFileScreen
from followup_tui.ui.screens.workspace import WorkspaceScreen
from followup_tui.ui.widgets.queue_list import QueueList
from tests.ui.helpers import dial, make_app, press, settle

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "intake"
SIZE = (120, 36)


def _app(db) -> FollowupApp:
    assert ImportProvider in FollowupApp.COMMANDS
    return make_app(db)


async def _open_import(pilot) -> None:
    await press(pilot, "ctrl+p")
    await settle(pilot)
    await press(pilot, *"import pros")
    await pilot.pause(0.2)  # the palette searches its providers in the background
    await press(pilot, "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ImportFileScreen)


async def _submit(pilot, path: str) -> None:
    pilot.app.screen.query_one("#path", Input).value = path
    await press(pilot, "enter")
    await settle(pilot)


def _messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_import_from_the_palette(sample_db, frozen, tmp_path):
    path = Path(shutil.copy(FIXTURES / "messy.csv", tmp_path))
    before = sample_db.execute("SELECT count(*) FROM prospects").fetchone()[0]
    app = _app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open_import(pilot)
        await _submit(pilot, str(path))
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        summary = next(m for m in _messages(app) if m.startswith("Imported"))
        # Maeve O'Brien is in the sample already: her row merges.
        assert summary.startswith(
            "Imported messy.csv: 18 rows, 12 created, 3 merged, 3 rejected."
            " 2 prospects have no dialable phone."
        )
        assert str(tmp_path / "messy.rejects.csv") in summary
        after = sample_db.execute("SELECT count(*) FROM prospects").fetchone()[0]
        assert after == before + 12
        mallory = sample_db.execute(
            "SELECT id FROM prospects WHERE email = 'mallory@evil.example'"
        ).fetchone()[0]
        queue = app.screen.query_one(QueueList)
        assert mallory in {p.id for p in queue.entries}  # the queue was reloaded


async def test_the_import_report_stays_while_the_rep_works_on(sample_db, frozen, tmp_path):
    """Keys clear what was told before them, but not the import's report: it says
    where the rejected rows went, and a rep who keeps pressing j would never read it."""
    from textual.widgets._toast import Toast

    from followup_tui.ui.text import tell

    path = Path(shutil.copy(FIXTURES / "messy.csv", tmp_path))
    app = _app(sample_db)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await _open_import(pilot)
        await _submit(pilot, str(path))
        await settle(pilot)
        await settle(pilot)
        tell(app, "Something said in passing.")
        await settle(pilot)
        await press(pilot, "j", "k", "j")
        await pilot.pause()
        said = _messages(app)
        assert len(said) == 1 and said[0].startswith("Imported messy.csv"), said
        assert str(tmp_path / "messy.rejects.csv") in said[0]
        assert len(app.screen.query(Toast)) == 1  # and no empty holder left above it
        assert len(app.screen.query("ToastRack > *")) == 1
        await dial(pilot)
        await press(pilot, "escape")  # read: Esc puts it away, and only that
        await pilot.pause()
        assert not app._notifications and not app.screen.query("ToastRack > *")
        assert app.session.running is not None  # the dial begun a moment ago stays
        await press(pilot, "escape")  # now Esc means what it means on the workspace:
        await settle(pilot)  # discard the dial (noted as dialed out of hours: it asks)
        assert isinstance(app.screen, ConfirmScreen)


async def test_the_dialog_completes_paths_and_says_when_one_is_not_a_file(
    sample_db, frozen, tmp_path
):
    (tmp_path / "hubspot-contacts.csv").write_text("Email\na@x.example\n")
    app = _app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open_import(pilot)
        field = app.screen.query_one("#path", Input)
        field.value = str(tmp_path / "hub")
        await pilot.pause(0.2)  # the suggestion comes from a background task
        await press(pilot, "tab")
        assert field.value == str(tmp_path / "hubspot-contacts.csv")
        await _submit(pilot, str(tmp_path / "nope.csv"))
        assert isinstance(app.screen, ImportFileScreen)
        problem = app.screen.query_one("#problem", Static)
        assert "nope.csv does not exist." in str(problem.render())
        await press(pilot, "escape")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.idle


async def test_a_file_that_cannot_be_imported_says_why_and_changes_nothing(
    sample_db, frozen, tmp_path
):
    path = tmp_path / "[b]calls[-b].csv"
    path.write_text("Followup ID,Email,Channel,Outcome,Started At\n1,a@x,call,voicemail,x\n")
    before = sample_db.execute("SELECT count(*) FROM prospects").fetchone()[0]
    app = _app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open_import(pilot)
        await _submit(pilot, str(path))
        await settle(pilot)
        await settle(pilot)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1
        assert errors[0].message.startswith("Nothing imported: [b]calls[-b].csv looks like")
        assert "import-touches" in errors[0].message
        assert not errors[0].markup  # shown literally, brackets and all
    assert sample_db.execute("SELECT count(*) FROM prospects").fetchone()[0] == before
