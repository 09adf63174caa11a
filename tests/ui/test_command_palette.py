"""The command palette (Ctrl+P) shows each command's words as written: it reads
strings as markup, and "[dialer]" in the Dial command's help once vanished as a tag."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.content import Content

from followup_tui.ui.action_commands import ActionsProvider
from followup_tui.ui.text import as_markup
from tests.ui.helpers import make_app, press, screen_text, settle
from tests.ui.test_rep_config import _hits_shown


async def test_the_palette_shows_square_brackets_in_a_command_literally(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=(120, 30)) as pilot:  # the help on one line
        await settle(pilot)
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await press(pilot, *"dial")
        await _hits_shown(pilot)
        assert "hand the number to your phone ([dialer] in config.toml)" in screen_text(app)


async def test_every_command_with_brackets_reads_as_written(sample_db, frozen):
    """What the palette draws of every hit, found or listed (it parses a string as
    markup, as Content.from_markup does), is the command's own words."""
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        provider = ActionsProvider(app.screen)
        commands = {name: help_text for name, help_text, *_ in provider.commands()}
        assert any("[" in help_text for help_text in commands.values())
        hits = [hit async for hit in provider.discover()]
        for name in commands:
            hits += [hit async for hit in provider.search(name)]
        for hit in hits:
            assert hit.text in commands
            assert Content.from_markup(hit.prompt).plain == hit.text
            assert Content.from_markup(hit.help or "").plain == commands[hit.text]


def test_as_markup_reads_back_as_the_text():
    for text in ("([dialer] in config.toml)", "[Dialer]", "[b]bold[/b]", "[$accent]x",
                 "[@click=app.quit]x[/]", "a \\[b]", "ends in \\", "[[x]]", "]x["):  # fmt: skip
        assert Content.from_markup(as_markup(text)).plain == text


async def test_the_palette_offers_the_reps_commands_not_textuals_screenshot(sample_db, frozen):
    """Screenshot, Maximize and the keys panel came before Dial and No answer."""
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        names = [command.title for command in app.get_system_commands(app.screen)]
        assert names == ["Theme"]  # Quit is the workspace's own (q), listed once
        await press(pilot, "ctrl+p", *"scre")
        await _hits_shown(pilot)
        assert "Screenshot" not in screen_text(app)


async def test_help_says_that_ctrl_p_finds_a_command_by_name(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert "ctrl+p finds any of these by name" in screen_text(app)
