"""A compositor that draws only what an update shows.

Textual's compositor answers an update (two rows of the queue changed, or the
queue scrolled) by drawing every line of every widget whose *clip* touches the
changed area: on the workspace that is the whole screen, the panes, the file
beside the queue, the status line and the key line, seven widgets and about 170
lines for a two-row change, each then cut at every widget edge, including the
widgets entirely hidden under the queue. Here a widget is drawn only where it is
on screen inside the changed area, and only on the lines where something of it
shows: a line whose every piece a widget in front already gave is not drawn
again. The pieces that reach the terminal are the same; `tests/ui/test_compositor`
holds this one to Textual's, update by update.

Textual is pinned below 9 (pyproject.toml); this overrides `_render_chops`, a
private method of `textual._compositor.Compositor`, with its signature and
contract unchanged.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

from textual._compositor import Compositor
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip


class ShownCompositor(Compositor):
    """Textual's compositor, minus the drawing of what an update cannot show."""

    def _render_chops(
        self, crop: Region, is_rendered_line: Callable[[int], bool]
    ) -> Sequence[Mapping[int, Strip]]:
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(line[:-1]) for line in cuts]
        crop_top, crop_bottom = crop.y, crop.bottom
        crop_left, crop_right = crop.x, crop.right

        given: list[Region] = []  # what widgets in front gave, inside the changed area
        for widget, (region, clip) in self.visible_widgets.items():
            shown = region.intersection(clip)
            left, right = shown.column_span
            top, bottom = max(shown.y, crop_top), min(shown.bottom, crop_bottom)
            if top >= bottom or left >= crop_right or right <= crop_left:
                continue  # nothing of it is inside the changed area
            inside = shown.intersection(crop)
            if any(front.contains_region(inside) for front in given):
                continue  # hidden: the queue over the panes and the screen
            # With nothing in front of it here, every piece of it inside is shown.
            behind = any(front.overlaps(inside) for front in given)
            given.append(inside)
            wanted: list[tuple[int, list[int]]] = []  # line, the cuts of it there
            for y in range(top, bottom):
                if not is_rendered_line(y):
                    continue
                line = cuts[y]
                line_cuts = line[bisect_left(line, left) : bisect_right(line, right)]
                if behind:
                    chops_line = chops[y]
                    if all(chops_line.get(cut, 0) is not None for cut in line_cuts[:-1]):
                        continue
                wanted.append((y, line_cuts))
            if not wanted:
                continue  # covered wherever it is inside the changed area
            first, last = wanted[0][0], wanted[-1][0]
            strips = widget.render_lines(
                Region(left - region.x, first - region.y, right - left, last - first + 1)
            )
            for y, line_cuts in wanted:
                chops_line = chops[y]
                pieces = strips[y - first].divide([cut - left for cut in line_cuts[1:]])
                # A piece per cut but the last: every cut given is a key of the line.
                if not behind:
                    chops_line.update(zip(line_cuts, pieces, strict=False))
                    continue
                # Front to back: the first piece given for a cut is the one shown.
                for cut, piece in zip(line_cuts, pieces, strict=False):
                    if chops_line.get(cut, 0) is None:
                        chops_line[cut] = piece
        return cast("Sequence[Mapping[int, Strip]]", chops)  # every cut shown is filled


def draw_only_what_shows(screen: Screen[Any]) -> None:
    """Give `screen` the compositor above (before it is mounted)."""
    screen._compositor = ShownCompositor()
