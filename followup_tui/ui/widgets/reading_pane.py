"""A pane the rep reads: reached with Tab (or its own key) and scrolled by keyboard."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll


class ReadingPane(VerticalScroll, can_focus=True):
    """History and research: arrows, PgUp/PgDn and Home/End scroll them (Textual's own
    keys), and j/k, g/G as in the queue. The focused pane's border says so."""

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="pane.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="pane.up"),
        Binding("g", "scroll_home", "Top", show=False, id="pane.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="pane.bottom"),
    ]
