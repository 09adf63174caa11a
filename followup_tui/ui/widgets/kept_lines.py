"""Finished lines kept with the content they were made from (the queue's rows, the
scrollbar's pieces), so a scroll finishes only what is new on screen.

This subclasses Textual's private StylesCache (Textual is pinned below 9 in
pyproject.toml) and keeps its contract: `render` returns the widget's finished
lines for a crop, exactly as StylesCache makes them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.terminal_theme import DEFAULT_TERMINAL_THEME
from textual._styles_cache import StylesCache
from textual.geometry import Region, Size
from textual.strip import Strip

KEPT = 800  # finished lines kept before starting again: a few screens of rows


class KeptLines(StylesCache):
    """Textual's line cache for a widget, rebuilt around its content lines rather than
    its screen lines.

    Textual keeps a widget's finished lines by their place on screen, so a scroll,
    which moves every row of the queue, borders and filters every line again (most
    of what a `j` costs). This keeps each finished line (bordered, filtered) with the
    content strip it was made from: a scroll by one row finishes the one new row and
    takes the others as they were. A finished line depends on its content strip (the
    same object: the widget keeps its strips) and on the frame's inputs (sizes,
    padding, colours, opacity, theme, filters), compared once per frame; the border
    lines on their words too. The widget calls `forget` when its look changes
    (focus, theme: `notify_style_update`) or its strips are remade.
    """

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[int, tuple[Strip, tuple[object, ...], Strip]] = {}
        self._inputs: tuple[object, ...] = ()
        # The top and bottom border lines, with the inputs and words they were made for.
        self._edges: dict[int, tuple[tuple[object, ...], tuple[object, ...], Strip]] = {}

    def forget(self) -> None:
        """Drop every line kept: the rows or their look changed."""
        self.rows.clear()
        self._edges.clear()

    def render(
        self,
        styles: Any,
        size: Size,
        base_background: Any,
        background: Any,
        render_content_line: Callable[[int], Strip],
        filters: Sequence[Any],
        border_title: Any,
        border_subtitle: Any,
        content_size: Size | None = None,
        padding: Any = None,
        crop: Region | None = None,
        opacity: float = 1.0,
        ansi_theme: Any = DEFAULT_TERMINAL_THEME,
        native_ansi: bool = False,
    ) -> list[Strip]:
        content = size if content_size is None else content_size
        pad = styles.padding if padding is None else padding
        inputs = (size, content, pad, base_background, background, opacity, ansi_theme,
                  native_ansi, *filters)  # fmt: skip
        if inputs != self._inputs:
            self._inputs = inputs  # the same object all frame: lines compare by identity
        inputs = self._inputs
        gutter = styles.gutter
        rows_from = gutter.top
        rows_to = min(size.height - gutter.bottom, gutter.top + content.height)
        words = (border_title, border_subtitle)

        def finish(y: int, content_line: Callable[[int], Strip]) -> Strip:
            line = super(KeptLines, self).render_line(
                styles, y, size, content, pad, base_background, background, content_line,
                border_title, border_subtitle, opacity, ansi_theme, native_ansi,
            )  # fmt: skip
            for line_filter in filters:
                line = line.apply_filter(line_filter, background)
            return line

        if crop is None:
            crop = size.region
        lines: list[Strip] = []
        for y in crop.line_range:
            if rows_from <= y < rows_to:
                row = render_content_line(y - rows_from)
                kept = self.rows.get(id(row))
                if kept is not None and kept[0] is row and kept[1] is inputs:
                    lines.append(kept[2])
                    continue
                if len(self.rows) > KEPT:
                    self.rows.clear()
                line = finish(y, lambda _, row=row: row)  # type: ignore[misc]
                self.rows[id(row)] = (row, inputs, line)
            else:  # a border line: its words, not rows
                edge = self._edges.get(y)
                if edge is not None and edge[0] is inputs and edge[1] == words:
                    lines.append(edge[2])
                    continue
                line = finish(y, render_content_line)
                self._edges[y] = (inputs, words, line)
            lines.append(line)
        if crop.column_span != (0, size.width):
            left, right = crop.column_span
            lines = [line.crop(left, right) for line in lines]
        return lines
