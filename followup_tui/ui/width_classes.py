"""A screen's width class (`-narrow`, `-wide`, ...) from the start.

Textual gives a screen the class of its `HORIZONTAL_BREAKPOINTS` on the first
resize, after the screen has been styled once without it: the class then styles
the whole screen again (about 2 ms for the workspace, on the start-up's path and
on the key that first opens find or the stats). Given before the screen is
mounted, the first styling is the right one, and the resize changes nothing.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen


def take_width_class(screen: Screen[Any]) -> None:
    """Give `screen` (not yet mounted) the width class for the app's size now."""
    breakpoints = screen.HORIZONTAL_BREAKPOINTS or []
    if not breakpoints:
        return
    chosen = screen._get_breakpoint_classes(screen.app.size.width, breakpoints)
    screen.update_classes({name: name in chosen for _, name in breakpoints}, update=False)
