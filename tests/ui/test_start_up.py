"""What the app loads before its first rows show: each library kept off that path
was a tenth or a fifth of the start-up (bench/run.py measures the time)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import NOW, REP_ZONE, sample_file
from tests.imports import loaded_after

WIDTH_CLASSES = {"-narrow", "-wide", "-xwide"}

LATER = (
    "sqlite_utils",  # only to migrate
    "phonenumbers",  # only to parse or format a number
    "followup_tui.domain.scheduler",  # only to plan the next touch
    "followup_tui.domain.when_rules",  # only to read a date typed
    "followup_tui.domain.public_holidays",  # only to plan around a holiday
)

FIRST_DIALOGS = (
    "followup_tui.ui.screens.find",
    "followup_tui.ui.screens.schedule",
    "followup_tui.ui.screens.connected",
)


def app_until(tmp_path: Path, done: str, setup: str = "") -> str:
    """Code for a new Python: the app on a sample database at 80x24, run until the
    expression `done` holds (`setup` runs before the app starts)."""
    path = tmp_path / "rep.db"
    sample_file(path, NOW.isoformat())
    return f"""
import asyncio, sys
from followup_tui.domain import clock
from followup_tui.ui.app import FollowupApp

clock.use(clock.Clock(clock.parse_instant({NOW.isoformat()!r}), frozen=True))
app = FollowupApp({str(path)!r}, {REP_ZONE!r})
{setup}

async def main() -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(6000):  # a guard against a hang, never a speed check
            if {done}:
                return
            await pilot.pause(0.01)

asyncio.run(main())
"""


def test_the_first_rows_show_before_the_libraries_they_do_not_need_load(tmp_path):
    setup = """
from followup_tui.session.core import WorkSession

first_rows: set[str] = set()  # what was loaded when the first rows were on the terminal
read_queue = WorkSession.read_queue

def whole_queue(self):  # asked for once the first rows are painted (workspace.py)
    first_rows.update(sys.modules)
    return read_queue(self)

WorkSession.read_queue = whole_queue
"""
    code = app_until(tmp_path, "first_rows", setup)
    code += 'assert first_rows, "the whole queue was never read"\n'
    assert loaded_after(code, *LATER, seen="first_rows") == dict.fromkeys(LATER, False)


def test_the_first_dialogs_load_in_the_background_once_the_rows_show(tmp_path):
    """The first `/` found its module loaded already (it waited for it before)."""
    code = app_until(tmp_path, f"all(name in sys.modules for name in {FIRST_DIALOGS!r})")
    assert loaded_after(code, *FIRST_DIALOGS) == dict.fromkeys(FIRST_DIALOGS, True)


async def test_the_stylesheet_is_read_once_at_start_in_the_chosen_theme(
    sample_db, frozen, monkeypatch
):
    """Choosing the theme before the app runs asked Textual to read the whole
    stylesheet again once it started; the colours are all that needs to change."""
    from textual.color import Color
    from textual.css.stylesheet import Stylesheet

    from followup_tui.config import Settings
    from tests.ui.helpers import make_app, settle

    reads: list[str] = []
    reparse = Stylesheet.reparse
    monkeypatch.setattr(Stylesheet, "reparse", lambda self: reads.append("again") or reparse(self))
    app = make_app(sample_db, Settings(theme="followup-contrast"))

    def background_of(theme: str) -> Color:
        return Color.parse(app.get_theme(theme).background)

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert reads == []
        assert app.screen.styles.background == background_of("followup-contrast")
        app.theme = "followup-light"  # a theme chosen later is read again, in its colours
        await settle(pilot)
        assert reads == ["again"]
        assert app.screen.styles.background == background_of("followup-light")


@pytest.mark.parametrize("width", [80, 130, 200])
async def test_the_screens_have_their_width_class_before_they_are_first_styled(
    sample_db, frozen, monkeypatch, width
):
    """Given on the first resize, after a first styling, the class styled every widget
    of the screen again: at start-up, and on the first `/` and `t`."""
    from textual.screen import Screen

    from tests.ui.helpers import make_app, press, settle

    shown: dict[str, set[str]] = {}  # each screen's width class when first styled
    resume = Screen._on_screen_resume

    def resumed(self: Screen, event: object) -> None:
        shown.setdefault(type(self).__name__, set(self.classes) & WIDTH_CLASSES)
        resume(self, event)

    monkeypatch.setattr(Screen, "_on_screen_resume", resumed)
    app = make_app(sample_db)
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot)
        for keys in ((), ("slash",), ("escape", "t")):
            await press(pilot, *keys)
            now = set(app.screen.classes) & WIDTH_CLASSES
            assert len(now) == 1
            assert shown[type(app.screen).__name__] == now
