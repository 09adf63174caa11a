"""A title of phrases that breaks between them, never inside one: Textual wraps at
any space, and at 80 columns 'days in America/New_York' came apart as
'days in' / 'America/New_York'. The breaks follow the widget's width at render
time, so a resize re-fits them."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from followup_tui.ui.text import line, phrase_lines

Lines = Sequence[Sequence[Content]]


class Phrases(Widget):
    DEFAULT_CSS = """
    Phrases { height: auto; }
    """

    def __init__(
        self,
        lines: Lines = (),
        *,
        between: str = "  ·  ",
        id: str | None = None,
        classes: str | None = None,
        in_sight: bool = False,
    ) -> None:
        """`in_sight`: when it grows, scroll its container to show it whole (a reading
        that gains a line below the fields must not go under the edge)."""
        super().__init__(id=id, classes=classes)
        self.lines = lines
        self.between = line((between, "$text-muted"))
        self.in_sight = in_sight

    def update(self, lines: Lines) -> None:
        self.lines = lines
        self.refresh(layout=True)

    def fitted(self, width: int) -> Content:
        return phrase_lines(self.lines, max(1, width), self.between)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.fitted(width).wrap(width))

    def on_resize(self) -> None:
        if self.in_sight and self.display:
            self.scroll_visible(animate=False, immediate=True)

    def render(self) -> Content:
        return self.fitted(self.content_size.width)
