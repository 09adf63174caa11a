"""Configuration that helps the rep: typos said with their line, the theme remembered,
every action in the command palette, zones as the rep says them."""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from followup_tui.config import load_settings
from followup_tui.ui.action_commands import ActionsProvider
from followup_tui.ui.app import FollowupApp
from followup_tui.ui.screens.workspace import WorkspaceScreen
from followup_tui.ui.screens.zone import ZoneScreen
from followup_tui.ui.themes import FALLBACK_THEME, shipped_theme_dir
from followup_tui.ui.widgets.queue_list import QueueList
from tests.conftest import REP_ZONE
from tests.ui.helpers import make_app, press, screen_text, settle

SIZE = (80, 24)


async def test_unknown_ids_and_settings_are_said_and_the_app_starts(sample_db, frozen, tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('colour = "blue"\n\n[keys]\nno_anwser = "f2"\nvoicemail = "f3"\n')
    app = make_app(sample_db, load_settings(path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        warnings = "\n".join(n.message for n in app._notifications if n.severity == "warning")
        assert f"{path}:1: unknown setting 'colour'" in warnings
        assert f"{path}:4: unknown key id 'no_anwser' (did you mean 'no_answer'?)" in warnings
        assert "voicemail" not in warnings
        assert isinstance(app.screen, WorkspaceScreen)
        names = [name for name, *_ in ActionsProvider(app.screen).commands()]
        assert "Voicemail (f3)" in names  # the rest of the keymap applies


async def test_a_broken_theme_file_and_an_unknown_theme_are_said_and_the_default_used(
    sample_db, frozen, tmp_path
):
    themes = tmp_path / "themes"
    themes.mkdir()
    (themes / "mine.toml").write_text('name = "mine"\nprimary = [not toml\n')
    path = tmp_path / "config.toml"
    path.write_text('theme = "mine"\n')
    app = FollowupApp(sample_db, REP_ZONE, load_settings(path),
                      theme_dirs=[shipped_theme_dir(), themes])  # fmt: skip
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        warnings = "\n".join(n.message for n in app._notifications if n.severity == "warning")
        assert "Theme problems (using the default): mine.toml:" in warnings
        assert "no theme named 'mine'" in warnings
        assert app.theme == FALLBACK_THEME
        app.theme = "followup-light"  # the theme switch still works (and is remembered)
        await settle(pilot)
    assert 'theme = "followup-light"' in path.read_text()


async def test_the_theme_chosen_in_the_app_is_remembered(sample_db, frozen, tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('# the rep\'s own\ntheme = "followup-dark"  # at first\n[keys]\nquit = "q"\n')
    app = make_app(sample_db, load_settings(path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = "followup-light"  # what the palette's theme switch does
        app.theme = "followup-contrast"
        await settle(pilot)
    assert path.read_text() == (
        '# the rep\'s own\ntheme = "followup-contrast"  # at first\n[keys]\nquit = "q"\n'
    )
    again = make_app(sample_db, load_settings(path))
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "followup-contrast"


async def test_every_workspace_key_is_in_the_command_palette(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        provider = ActionsProvider(screen)
        listed = {binding.id for _, _, _, binding in provider.commands()}
        ids = {b.id for b in [*screen.BINDINGS, *screen.query_one(QueueList).BINDINGS]}
        assert listed == ids
        names = [name for name, *_ in provider.commands()]
        assert "Set zone (Z)" in names and "Dial (d)" in names
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await press(pilot, *"set zone")
        await _hits_shown(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ZoneScreen)


async def _hits_shown(pilot) -> None:
    """Wait until the palette shows what it found (it searches in a worker of its own)."""
    hits = pilot.app.screen.query_one(CommandList)
    for _ in range(2000):  # a guard against a hang, never a speed check
        if hits.option_count and hits.highlighted is not None:
            return
        await pilot.pause()
    raise AssertionError("the palette never showed a hit")


async def test_zone_as_the_rep_says_it(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        chosen = {}
        for index, (typed, more) in enumerate((("Central", []), ("EST", []),
                                               ("chic", ["right"]), ("los", []))):  # fmt: skip
            queue.cursor = index
            await settle(pilot)
            prospect = queue.highlighted
            await press(pilot, "Z", "ctrl+u", *typed, *more)
            if more:
                assert app.screen.query_one("#zone", Input).value == "chicago"  # → completed
            await press(pilot, "enter")
            await settle(pilot)
            chosen[typed] = sample_db["prospects"].get(prospect.id)["timezone"]
        assert chosen == {"Central": "America/Chicago", "EST": "America/New_York",
                          "chic": "America/Chicago", "los": "America/Los_Angeles"}  # fmt: skip


@pytest.mark.parametrize(("typed", "key", "zone"),
                         [("IST", "1", "Asia/Kolkata"), ("ist", "2", "Asia/Jerusalem"),
                          ("CST", "2", "Asia/Shanghai")])  # fmt: skip
async def test_an_abbreviation_said_for_zones_far_apart_asks_which(
    sample_db, frozen, typed, key, zone
):
    """IST is India, Israel or Ireland: never Istanbul because the letters begin it."""
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        prospect = app.screen.query_one(QueueList).highlighted
        await press(pilot, "Z", "ctrl+u", *typed)
        shown = screen_text(app)
        assert "Istanbul" not in shown
        assert "is said for" in shown and "Enter asks which" in shown
        await press(pilot, "enter")
        assert "which?" in screen_text(app)
        await press(pilot, key)
        await settle(pilot)
        assert sample_db["prospects"].get(prospect.id)["timezone"] == zone


async def test_esc_on_the_which_zone_question_goes_back_to_the_field(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "Z", "ctrl+u", *"IST", "enter", "escape")
        assert isinstance(app.screen, ZoneScreen)
        assert app.screen.query_one("#zone", Input).value == "IST"


async def test_keys_the_rep_remapped_show_in_the_help_and_the_footer(sample_db, frozen, tmp_path):
    """`?` and the footer say the keys in force, not the defaults the rep replaced."""
    from followup_tui.ui.screens.help import HelpScreen

    path = tmp_path / "config.toml"
    path.write_text('[keys]\nvoicemail = "f3"\ndial = "ctrl+d"\n')
    app = make_app(sample_db, load_settings(path))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        footer = app.screen._compositor.render_strips()[-1].text
        assert "^d" in footer and " d " not in f" {footer} "
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = {key_id: shown for shown, key_id, _ in app.screen.rows}
        assert (keys["voicemail"], keys["dial"]) == ("f3", "^d")
