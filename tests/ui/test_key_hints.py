"""The keys line at the bottom: the keys in force, drawn as one widget; a click on a
key presses it, hovering one says what it does."""

from __future__ import annotations

from followup_tui.ui.screens.help import HelpScreen
from followup_tui.ui.widgets.key_hints import KeyHints
from tests.ui.helpers import make_app, press, settle

SIZE = (100, 30)


def _line(app) -> str:
    return app.screen.query_one(KeyHints).render().plain


async def test_the_line_shows_the_keys_in_force_and_a_click_presses_one(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        line = _line(app)
        assert line.startswith(" d Dial  nvcmxl log  s Sched ") and " q Quit " in line
        hints = app.screen.query_one(KeyHints)
        await pilot.hover(KeyHints, offset=(line.index("nvcmxl") + 1, 0))
        assert hints.tooltip and "voicemail" in str(hints.tooltip).lower()
        await pilot.click(KeyHints, offset=(line.index("? Help") + 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape")
        assert _line(app) == line  # the same line, drawn again only when the keys change
