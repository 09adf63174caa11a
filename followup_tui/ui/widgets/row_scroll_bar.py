"""The queue's scrollbar, drawn without going through Rich.

On a short queue the thumb moves on every `j`, and Textual draws a scrollbar by
rendering a Rich renderable through a console and then styling each of its lines
(about half a millisecond for 32 lines, more than the rest of the key). Every line
of a scrollbar is one of a handful of pieces (track above, track below, thumb, its
two ends), so this draws the same pieces from `ScrollBarRender.render_bar`, one
strip per piece, and keeps each finished line with its strip (`KeptLines`).
`tests/ui/test_row_scroll_bar` holds its lines to Textual's at every position.
"""

from __future__ import annotations

from typing import Any

from rich.color import Color
from rich.segment import Segment
from textual.geometry import Region
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from followup_tui.ui.widgets.kept_lines import KeptLines

DEFAULT_BACK = Color.parse("#555555")  # what ScrollBarRender falls back on
DEFAULT_BAR = Color.parse("bright_magenta")
KEPT_PIECES = 64  # strips kept: pieces times looks and widths, a handful in practice


class RowScrollBar(ScrollBar):
    """A vertical ScrollBar whose lines are made from its pieces directly."""

    def __init__(self, *, thickness: int = 1) -> None:
        super().__init__(vertical=True, name="vertical", thickness=thickness)
        self._styles_cache: KeptLines = KeptLines()
        self._lines: list[Strip] = []
        self._strips: dict[tuple[Segment, int], Strip] = {}  # a strip per piece and width

    def notify_style_update(self) -> None:
        self._strips.clear()
        self._styles_cache.forget()
        super().notify_style_update()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._lines = self._bar_lines()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        if 0 <= y < len(self._lines):
            return self._lines[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)

    def _bar_lines(self) -> list[Strip]:
        """A strip per line, as Textual's render of this scrollbar makes them:
        ScrollBarRender's pieces on the widget's base style (what `post_render`
        adds). The same piece gives the same strip object, which `KeptLines` keeps
        its finished line by."""
        renderable: Any = self.render()
        style = renderable.style
        height, width = self.size.height, self.size.width
        if not height or not width:
            return []
        bar = renderable.render_bar(
            size=height,
            window_size=renderable.window_size,
            virtual_size=renderable.virtual_size,
            position=renderable.position,
            vertical=True,
            thickness=width,
            back_color=style.bgcolor or DEFAULT_BACK,
            bar_color=style.color or DEFAULT_BAR,
        )
        base = self.visual_style.rich_style
        made: dict[int, Strip] = {}  # render_bar repeats one segment object down the track
        lines: list[Strip] = []
        for piece in bar.segments:
            if piece.control:
                continue
            strip = made.get(id(piece))
            if strip is None:
                strip = made[id(piece)] = self._strip_of(
                    Segment(piece.text, base + piece.style, None), width
                )
            lines.append(strip)
        return lines[:height]

    def _strip_of(self, piece: Segment, width: int) -> Strip:
        key = (piece, width)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > KEPT_PIECES:
                self._strips.clear()
            strip = self._strips[key] = Strip([piece], width)
        return strip
