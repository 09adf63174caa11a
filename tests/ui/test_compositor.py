"""The workspace's compositor writes to the terminal what Textual's would, update by
update.

Every update the workspace paints while keys move the queue, scroll it, page it,
switch views and open the file is also rendered by Textual's own `_render_chops`,
from the same dirty regions. Each must write the same text, in the same style, at
the same places. (Textual's may also move the cursor to a place where it then writes
nothing; that shows nothing.)
"""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.segment import ControlType
from textual._compositor import Compositor
from textual.strip import Strip

from followup_tui.ui.compositor import ShownCompositor
from followup_tui.ui.screens.workspace import WorkspaceScreen
from followup_tui.ui.widgets.queue_list import QueueList
from tests.ui.helpers import make_app, press, settle

KEYS = [
    *["j"] * 14,  # down past the bottom at 80x24: one-row scrolls
    "pagedown", "pagedown", "k", "k", "pageup", "G", "k", "g",
    "2", "j", "j", "1", "4", "1", "5", "1", "j",
    "t", "j", "j", "k", "escape",  # the stats screen draws with it too
]  # fmt: skip


def _writes(update: Any, console: Console) -> list[tuple[tuple[int, int], str, object]]:
    """What an update writes: (line, column), text and style, in order."""
    writes: list[tuple[tuple[int, int], str, object]] = []
    line = column = -1
    for segment in update.__rich_console__(console, console.options):
        if segment.control:
            for control in segment.control:
                if control[0] == ControlType.CURSOR_MOVE_TO:
                    column, line = control[1] - 1, control[2] - 1
            continue
        if segment.text == "\n":
            continue
        writes.append(((line, column), segment.text, segment.style))
        column += cell_len(segment.text)
    return writes


def _textual_update(compositor: Compositor, full: bool) -> object:
    """What Textual's own compositor makes of the same dirty regions."""
    compositor._render_chops = partial(Compositor._render_chops, compositor)  # type: ignore[method-assign]
    try:
        if full:
            return Compositor.render_full_update(compositor)
        return Compositor.render_partial_update(compositor)
    finally:
        del compositor._render_chops


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_every_update_reaches_the_terminal_as_textual_would_draw_it(
    sample_db, frozen, size, monkeypatch
):
    compared = {"partial": 0, "full": 0}
    differ: list[str] = []
    pressed: list[str] = []

    def checked(kind: str, self: ShownCompositor) -> object:
        regions = set(self._dirty_regions)
        method = (
            Compositor.render_full_update if kind == "full" else Compositor.render_partial_update
        )
        ours = method(self)
        self._dirty_regions.update(regions)
        theirs = _textual_update(self, kind == "full")
        self._dirty_regions.clear()
        if ours is None or theirs is None:
            assert ours is None and theirs is None
            return ours
        console = app.console
        if _writes(ours, console) != _writes(theirs, console):
            differ.append(f"{kind} update after {' '.join(pressed)}")

        compared[kind] += 1
        return ours

    def partial_update(self: ShownCompositor) -> object:
        return checked("partial", self)

    def full_update(self: ShownCompositor, simplify: bool = False) -> object:
        return checked("full", self)

    monkeypatch.setattr(ShownCompositor, "render_partial_update", partial_update, raising=False)
    monkeypatch.setattr(ShownCompositor, "render_full_update", full_update, raising=False)
    app = make_app(sample_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WorkspaceScreen)
        assert isinstance(screen._compositor, ShownCompositor)
        queue = screen.query_one(QueueList)
        assert queue.row_count > 40  # enough rows for the keys to scroll and page
        for key in KEYS:
            pressed.append(key)
            await press(pilot, key)
            app.screen._on_timer_update()
    assert not differ
    assert compared["partial"] >= len(KEYS) // 2


async def test_the_queue_redraws_its_kept_lines_when_its_words_focus_or_theme_change(
    sample_db, frozen
):
    """The queue keeps its finished lines across scrolls; what changes their look
    (the border's words, focus, the theme) must still show at once."""
    app = make_app(sample_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        top = queue.region.y

        def top_line() -> Strip:
            return app.screen._compositor.render_strips()[top]

        assert "Due now" in top_line().text
        await press(pilot, "4")
        assert "Calls" in top_line().text and "Due now" not in top_line().text
        await press(pilot, "1", "j", "j", "pagedown")
        assert "Due now" in top_line().text
        queue.below = "New words below"  # words alone, rows unchanged
        await settle(pilot)
        assert (
            "New words below"
            in app.screen._compositor.render_strips()[queue.region.bottom - 1].text
        )
        focused = top_line()
        queue.blur()  # as when a dialog takes the keys
        await settle(pilot)
        assert list(top_line()) != list(focused)
        queue.focus()
        await settle(pilot)
        assert list(top_line()) == list(focused)
        row = app.screen._compositor.render_strips()[top + 3]
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await settle(pilot)
        assert list(app.screen._compositor.render_strips()[top + 3]) != list(row)


async def test_the_first_dialog_opens_without_reading_the_stylesheets_again(sample_db, frozen):
    """Every stylesheet a key can need is read before the app starts: a screen's own
    CSS_PATH read on first use makes Textual parse and apply all the CSS again, on
    the key path (find, the outcome dialogs, the stats)."""
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        parses = 0
        reparse = app.stylesheet.reparse

        def counted() -> None:
            nonlocal parses
            parses += 1
            reparse()

        app.stylesheet.reparse = counted  # type: ignore[method-assign]
        for key in ("slash", "escape", "s", "escape", "question_mark", "escape", "t", "escape"):
            await press(pilot, key)
        assert parses == 0


def _cells(strips: list[Strip]) -> list[list[tuple[str, object]]]:
    """Each line as (character, style) pairs, however its segments are cut."""
    return [[(ch, seg.style) for seg in strip for ch in seg.text] for strip in strips]


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_a_dialog_tints_the_screen_below_as_textual_would(sample_db, frozen, size):
    """Backdrop tints the strips of the screen below with BackgroundScreen's own
    arithmetic: every cell behind the dialog is what Textual would draw there."""
    from textual.renderables.background_screen import BackgroundScreen
    from textual.visual import Visual, visualize

    from followup_tui.ui.screens.dialog import Backdrop

    app = make_app(sample_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in ("j", "j", "slash"):
            await press(pilot, key)
        dialog, below = app.screen, app.screen_stack[-2]
        tint = dialog.styles.background

        def drawn(content: object) -> list[list[tuple[str, object]]]:
            visual = visualize(dialog, content)
            return _cells(Visual.to_strips(dialog, visual, *size, dialog.visual_style))

        ours = drawn(Backdrop(below, tint))
        assert ours == drawn(BackgroundScreen(below, tint))
        assert len({style for line in ours for _, style in line}) > 10  # the workspace, tinted
        assert _cells(dialog._render_cache.lines) == ours  # what the dialog drew
