"""The keys line at the bottom: the keys in force, drawn as one widget; a click on a
key presses it, hovering one says what it does."""

from __future__ import annotations

from followup_tui.config import load_settings
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


REMAPPED = '[keys]\nno_answer = "f2"\nvoicemail = "f3,v"\ndial = "enter"\n'


def _remapped_app(sample_db, tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(REMAPPED)
    return make_app(sample_db, load_settings(path))


async def test_remapped_keys_are_listed_readably_in_place_and_the_line_fits(
    sample_db, frozen, tmp_path
):
    """Keys longer than one letter are spaced ("f2 f3 c m x l log", never "f2f3"), a
    remapped key stays where its action is, and at 80 columns the least needed
    entries go whole while help and quit stay."""
    app = _remapped_app(sample_db, tmp_path)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        wide = _line(app)
        assert wide.startswith(" ⏎ Dial  f2 f3 c m x l log  s Sched ")
        assert wide.rstrip().endswith("b Block  ? Help  q Quit")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        narrow = _line(app)
        assert len(narrow) <= 80
        assert narrow.startswith(" ⏎ Dial  f2 f3 c m x l log  s Sched ")
        assert narrow.rstrip().endswith("? Help  q Quit") and "b Block" not in narrow


async def test_help_lists_remapped_keys_where_the_defaults_are(sample_db, frozen, tmp_path):
    """A remap changes the key `?` shows, not where the action is listed."""
    default = make_app(sample_db)
    async with default.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        default_order = [key_id for _, key_id, _ in default.screen.rows]
    app = _remapped_app(sample_db, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        rows = app.screen.rows
    assert [key_id for _, key_id, _ in rows] == default_order
    assert [keys for keys, _, _ in rows[:3]] == ["⏎", "f2", "f3, v"]


async def test_during_a_dial_the_line_offers_hanging_up_and_discarding_it(sample_db, frozen):
    """A new rep on a call could not see h (hung up) or Esc (discard) anywhere; the
    line still offered d Dial, which then only says a dial is running."""
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "4", "d")  # the first of the calls: no question before it
        line = _line(app)
        assert " h Hung up " in line and " esc Cancel dial " in line and " q Quit " in line
        assert " d Dial " not in line and len(line) <= 80
        await press(pilot, "h")
        assert " h Hung up " not in _line(app) and " esc Cancel dial " in _line(app)
        await press(pilot, "n")
        line = _line(app)
        assert line.startswith(" d Dial ") and "Hung up" not in line and "Cancel dial" not in line
