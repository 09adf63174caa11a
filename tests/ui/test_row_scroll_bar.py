"""The queue's scrollbar draws exactly what Textual's ScrollBar draws, everywhere."""

from __future__ import annotations

from textual._styles_cache import StylesCache
from textual.geometry import Region
from textual.scrollbar import ScrollBar

from followup_tui.ui.widgets.queue_list import QueueList
from followup_tui.ui.widgets.row_scroll_bar import RowScrollBar
from tests.ui.helpers import make_app, settle


def _textual_lines(bar: RowScrollBar) -> list[list[object]]:
    """The same scrollbar, in the same state, drawn by Textual's own ScrollBar."""
    ours, cache = bar.__class__, bar._styles_cache
    bar.__class__, bar._styles_cache = ScrollBar, StylesCache()  # type: ignore[assignment]
    try:
        bar.refresh()
        return [list(line) for line in bar.render_lines(Region(0, 0, *bar.size))]
    finally:
        bar.__class__, bar._styles_cache = ours, cache


async def test_the_queue_scrollbar_matches_textuals_at_every_position(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        bar = queue.vertical_scrollbar
        assert isinstance(bar, RowScrollBar) and bar.display
        compared = 0
        for y in range(0, int(queue.max_scroll_y) + 1):
            queue.scroll_to(y=y, animate=False, force=True)
            await pilot.pause()
            for hover in (False, True):
                bar.mouse_over = hover  # the hover colours
                bar.refresh()
                ours = [list(line) for line in bar.render_lines(Region(0, 0, *bar.size))]
                assert ours == _textual_lines(bar), f"at scroll {y}, hover {hover}"
                compared += 1
        assert compared > 20
