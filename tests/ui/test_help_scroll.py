"""`?`: the help scrolls to its last line, and its scrollbar says so: End (or PgDn
pressed until nothing moves) leaves the scroll at its maximum, the last words of the
help on the last row, and the scrollbar's thumb down to the track's last cell.

A tester read 'the thumb stays around row 17 of 20' from `tmux capture-pane -p`:
plain text shows only the thumb's top edge (a '▃' for a thumb that starts 3/8 into
row 16); its body is cells of colour, blank in text. These tests say what is true in
the cells themselves."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Static

from followup_tui.domain.holds import TAGS_LEGEND
from followup_tui.ui.screens.help import HelpScreen
from tests.ui.helpers import make_app, press, screen_text, settle

SMALL, WIDE = (80, 24), (200, 50)
LAST_WORDS = "lifts by itself"  # how the help ends (on one row at any width)
assert TAGS_LEGEND.endswith(LAST_WORDS)


def _track(app) -> tuple[str, str]:
    """The style of the scrollbar's first and last cells."""
    bar = app.screen.query_one(VerticalScroll).vertical_scrollbar
    strips = app.screen._compositor.render_strips()
    top, bottom = (
        strips[y].crop(bar.region.x, bar.region.right)
        for y in (bar.region.y, bar.region.bottom - 1)
    )
    return str(next(iter(top)).style), str(next(iter(bottom)).style)


def _at_the_end(app) -> None:
    scroll = app.screen.query_one(VerticalScroll)
    assert scroll.max_scroll_y > 0  # the help is taller than the screen
    assert scroll.scroll_y == scroll.max_scroll_y
    rows = screen_text(app).splitlines()
    assert LAST_WORDS in rows[scroll.scrollable_content_region.bottom - 1]
    # The height scrolled over is what is drawn: each part as tall as its lines, with
    # no blank line after its words, and nothing after the last part.
    parts = list(scroll.query_children(Static))
    assert scroll.virtual_size.height == parts[-1].virtual_region_with_margin.bottom
    for part in parts:
        lines = part.render_lines(part.content_region.reset_offset)
        assert len(lines) == part.size.height and lines[-1].text.strip(), part


@pytest.mark.parametrize("size", [SMALL, WIDE, (60, 20)])
async def test_end_shows_the_last_line_and_the_thumb_reaches_the_bottom(sample_db, frozen, size):
    app = make_app(sample_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        thumb, track = _track(app)  # at the top: the thumb in the first cell
        assert thumb != track
        await press(pilot, "end")
        _at_the_end(app)
        assert _track(app) == (track, thumb)  # the thumb down to the last cell
        await press(pilot, "home")
        assert app.screen.query_one(VerticalScroll).scroll_y == 0
        assert _track(app) == (thumb, track)


async def test_page_down_stops_at_the_last_line_and_after_a_resize_too(sample_db, frozen):
    """The help's height is not the one measured at another width: opened at 200x50,
    narrowed to 60x20 (where its lines wrap more), PgDn and End still end on its last
    line."""
    app = make_app(sample_db)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        scroll = app.screen.query_one(VerticalScroll)
        for _ in range(40):
            before = scroll.scroll_y
            await press(pilot, "pagedown")
            if scroll.scroll_y == before:
                break
        _at_the_end(app)
        await pilot.resize_terminal(*SMALL)
        await settle(pilot)
        await press(pilot, "end")
        _at_the_end(app)
